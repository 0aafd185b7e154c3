import type { ScenarioHandlers } from '../../support/test-bridge';

/** A Windows 11 workstation where the app runs elevated. */
export const handlers: ScenarioHandlers = {
  getAppInfo: () => ({ name: 'Activation Doctor', version: '0.1.0', platform: 'win32', canProbeWindows: true }),
};

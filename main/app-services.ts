/**
 * The implementations behind each IPC message. Each one delegates to the engine (probes,
 * diagnosis, fixes) and never to Electron, so the same code serves the CLI and the tests.
 */
import type { Implementations } from './ipc';

export interface ServiceOptions {
  version: string;
  platform?: NodeJS.Platform;
}

export function createImplementations(options: ServiceOptions): Implementations {
  const platform = options.platform ?? process.platform;
  return {
    getAppInfo: async () => ({
      name: 'Activation Doctor',
      version: options.version,
      platform: platform === 'win32' || platform === 'linux' || platform === 'darwin' ? platform : 'other',
      canProbeWindows: platform === 'win32',
    }),
  };
}

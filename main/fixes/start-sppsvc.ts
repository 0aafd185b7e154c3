import type { FixDefinition } from './types';
import { requireElevation } from './common';

export const startSppsvc: FixDefinition = {
  id: 'start-sppsvc',
  title: 'Start the Software Protection service',
  summary: 'Sets the Software Protection service (sppsvc) to start automatically (delayed) if it was disabled, and starts it.',
  inputs: [],
  addresses: ['sppsvc-stopped'],
  verify: ['windows.services', 'windows.licensing'],
  needsElevation: true,
  precondition: (state) => requireElevation(state),
  plan: (state) => {
    const disabled = state.services?.sppsvc.startType === 'disabled';
    return {
      changes: [...(disabled ? ['Set sppsvc to Automatic (Delayed Start)'] : []), 'Start sppsvc'],
      commands: [...(disabled ? ['sc.exe config sppsvc start= delayed-auto'] : []), 'net start sppsvc'],
      steps: [{ script: 'fix-service', params: { service: 'sppsvc', action: 'start' }, describe: 'start sppsvc', timeoutMs: 60_000 }],
    };
  },
};

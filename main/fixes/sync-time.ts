import type { FixDefinition } from './types';
import { requireElevation } from './common';

export const syncTime: FixDefinition = {
  id: 'sync-time',
  title: 'Sync the clock',
  summary: 'Starts the Windows Time service if it is stopped and resyncs the clock with its time source.',
  inputs: [],
  addresses: ['kms-time-skew', 'w32time-stopped'],
  verify: ['windows.services', 'network.time'],
  needsElevation: true,
  precondition: (state) => requireElevation(state),
  plan: (state) => {
    const stopped = state.services?.w32time.status !== 'running';
    const disabled = state.services?.w32time.startType === 'disabled';
    return {
      changes: [...(disabled ? ['Set the Windows Time service to start manually (it is disabled)'] : []), ...(stopped ? ['Start the Windows Time service (W32Time)'] : []), "Resync this computer's clock now"],
      commands: [...(disabled ? ['sc.exe config w32time start= demand'] : []), ...(stopped ? ['net start w32time'] : []), 'w32tm /resync /rediscover'],
      steps: [{ script: 'fix-time', params: { action: 'resync' }, describe: 'resync the clock', timeoutMs: 60_000 }],
    };
  },
};

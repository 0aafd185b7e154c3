import { baseHandlers, result, scenarioSnapshot } from './common';

/** A snapshot taken off Windows: nothing that decides the answer was read. */
export const handlers = {
  ...baseHandlers(result(scenarioSnapshot('linux-network-only'))),
  getComputerStatus: () => ({ available: false as const, reason: 'Windows PowerShell could not be started' }),
};

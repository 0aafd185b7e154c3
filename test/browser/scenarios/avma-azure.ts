import { baseHandlers, result, scenarioSnapshot } from './common';

/** An Azure VM migrated from Hyper-V still carries its AVMA key. */
export const handlers = baseHandlers(result(scenarioSnapshot('avma-on-azure')));

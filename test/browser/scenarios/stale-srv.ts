import { baseHandlers, result, scenarioSnapshot } from './common';

/** DNS lists a decommissioned KMS host beside the working one. */
export const handlers = baseHandlers(result(scenarioSnapshot('f074-stale-srv-beside-working')));

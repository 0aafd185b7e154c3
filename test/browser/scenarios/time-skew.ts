import { baseHandlers, result, scenarioSnapshot } from './common';

/** 0xC004F074 because the KMS host's clock is 5 hours ahead. */
export const handlers = baseHandlers(result(scenarioSnapshot('f074-time-skew-plus-5h')));

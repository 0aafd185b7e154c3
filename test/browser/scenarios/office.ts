import { baseHandlers, result, scenarioSnapshot } from './common';

/** A German Windows 10 Enterprise: Windows' KMS host set by hand, Office LTSC 2021 left on DNS and unlicensed. */
export const handlers = baseHandlers(result(scenarioSnapshot('office-de-windows-host-set-by-hand-office-not')));

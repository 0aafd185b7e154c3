import { baseHandlers, result, scenarioSnapshot } from './common';
import type { ScenarioHandlers } from '../../support/test-bridge';
import { parseHresult } from '../../../shared/knowledge/hresult';

/** 0xC004F074 because a firewall drops TCP 1688; the code the technician brings is honoured. */
const snapshot = scenarioSnapshot('f074-port-filtered');
const base = baseHandlers(result(snapshot));
export const handlers: ScenarioHandlers = {
  ...base,
  runCheck: async (request, tools) => {
    const code = request.reportedCode ? parseHresult(request.reportedCode) : null;
    await base.runCheck!(request, tools);
    return result(snapshot, code?.ok ? code.code : null);
  },
};

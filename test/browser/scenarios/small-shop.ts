import { baseHandlers, result, scenarioSnapshot, succeeded } from './common';
import type { ScenarioHandlers } from '../../support/test-bridge';
import { groupInstallationId } from '../../../shared/inputs';
import { healthySnapshot } from '../../support/snapshot-builder';

/** A workgroup office with a GVLK and no KMS host: the "Activate without a KMS host" journey. */
const IID = '563276155667058052465840741114524545879016766601431504369777043';
const snapshot = scenarioSnapshot('small-shop-gvlk-without-kms');
snapshot.network.activationEndpoints = {
  status: 'ok',
  durationMs: 420,
  value: ['activation-v2.sls.microsoft.com', 'validation-v2.sls.microsoft.com', 'login.live.com'].map((host) => ({ host, port: 443, result: 'reachable' as const, proxy: null, latencyMs: 38, error: null, durationMs: 40 })),
};
const base = baseHandlers(result(snapshot), result(healthySnapshot()));

export const handlers: ScenarioHandlers = {
  ...base,
  getInstallationId: () => ({ ok: true, installationId: IID, groups: groupInstallationId(IID) }),
  runFix: (request) => {
    const cid = (request.inputs['confirmation-id'] ?? '').replace(/\D/g, '');
    if (cid !== '123456234567345678456789567890678901789012890123') {
      return { outcome: { status: 'failed', fixId: 'phone-activation', runId: 'c0ffee00-0000-4000-8000-000000000002', steps: [{ describe: 'deposit the confirmation ID', ok: false, attempts: 1, code: '0xC004F031', message: 'mismatch' }], message: 'Could not deposit the confirmation ID: 0xC004F031 SL_E_CIDIID_MISMATCHED. The confirmation ID does not belong to this installation ID.', code: '0xC004F031', verification: { problemGone: false, stillPresent: ['gvlk-without-kms'], verdictBefore: null, verdictAfter: null, changes: [], note: 'Re-checked: still not activated.' } }, after: null };
    }
    return { outcome: succeeded('phone-activation', ['deposit the confirmation ID'], [{ label: 'Licence status', before: 'OOBGrace', after: 'Licensed' }]), after: result(healthySnapshot()) };
  },
};

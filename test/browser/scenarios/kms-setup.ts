import { baseHandlers, result, succeeded } from './common';
import type { ScenarioHandlers } from '../../support/test-bridge';
import type { Snapshot } from '../../../shared/snapshot';
import { healthySnapshot, product, scenario, service, servicesOf, srvFound } from '../../support/snapshot-builder';
import type { FixId } from '../../../shared/ids';

/**
 * A Server 2019 becoming the first KMS host: each fix moves the recorded machine one step on,
 * the way the real re-check after a fix would show it.
 */
type Stage = { hostKey: boolean; activated: boolean; firewall: boolean };

function machine(stage: Stage): Snapshot {
  if (!stage.hostKey) return healthySnapshot();
  return scenario((s) => {
    const p = product(s);
    p.description = 'Windows(R) Operating System, VOLUME_KMS_WS19 channel';
    p.partialProductKey = 'K7PQR';
    p.licenseStatus = stage.activated ? 1 : 2;
    p.isKmsHost = true;
    p.discoveredKmsMachineName = null;
    p.kmsHostProductKeyId = null;
    service(s).isKmsHost = true;
    service(s).kmsCurrentCount = stage.firewall ? 3 : 0;
    service(s).requiredClientCount = 5;
    servicesOf(s).sppsvc.status = 'running';
    s.windows.firewall = { status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: stage.firewall, profiles: ['Domain', 'Private'], activeProfiles: ['Domain'] }, durationMs: 60 };
    s.network.srv = stage.activated
      ? { status: 'ok', value: [srvFound('corp.example', [{ target: 'APP01.corp.example', addresses: ['10.20.0.9'] }])], durationMs: 12 }
      : { status: 'ok', value: [], durationMs: 12 };
  });
}

let stage: Stage = { hostKey: false, activated: false, firewall: false };
let roleInstalled = false;
const base = baseHandlers(result(machine(stage)));
const NEXT: Partial<Record<FixId, (s: Stage) => Stage>> = {
  'install-kms-host-key': (s) => ({ ...s, hostKey: true }),
  activate: (s) => ({ ...s, activated: true }),
  'enable-kms-firewall-rule': (s) => ({ ...s, firewall: true }),
};

export const handlers: ScenarioHandlers = {
  ...base,
  runCheck: async (request, tools) => {
    await base.runCheck!(request, tools);
    return result(machine(stage));
  },
  previewFix: (request, tools) => {
    // Preview against the machine as it is now.
    const current = machine(stage);
    return (baseHandlers(result(current)).previewFix!)(request, tools);
  },
  getVolumeActivationRole: () =>
    roleInstalled ? { state: 'installed', detail: 'the Volume Activation Services role is installed' } : { state: 'not-installed', detail: 'the Volume Activation Services role is not installed yet' },
  runFix: (request) => {
    if (request.fixId === 'install-volume-activation-role') roleInstalled = true;
    stage = (NEXT[request.fixId] ?? ((s: Stage) => s))(stage);
    const after = result(machine(stage));
    return { outcome: succeeded(request.fixId, [request.fixId], []), after };
  },
};

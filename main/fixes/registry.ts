/** Every fix, one module each. The order is the order of `activation-doctor fix --list`. */
import type { FixId } from '../../shared/ids';
import type { FixInfo } from '../../shared/fix-types';
import type { FixDefinition } from './types';
import { syncTime } from './sync-time';
import { syncTimeFromKmsHost } from './sync-time-from-kms-host';
import { startSppsvc } from './start-sppsvc';
import { restartSppsvcHost } from './restart-sppsvc-host';
import { installGvlk } from './install-gvlk';
import { setKmsHost } from './set-kms-host';
import { clearKmsHost } from './clear-kms-host';
import { setKmsLookupDomain } from './set-kms-lookup-domain';
import { activate } from './activate';
import { switchAvmaToAzureKms } from './switch-avma-to-azure-kms';
import { installKeyAndActivate } from './install-key-and-activate';
import { phoneActivation } from './phone-activation';
import { enableKmsFirewallRule } from './enable-kms-firewall-rule';
import { installVolumeActivationRole } from './install-volume-activation-role';
import { installKmsHostKey } from './install-kms-host-key';
import { installEsuKey } from './install-esu-key';
import { officeInstallGvlk } from './office-install-gvlk';
import { officeSetKmsHost } from './office-set-kms-host';
import { officeClearKmsHost } from './office-clear-kms-host';
import { officeActivate } from './office-activate';

export const FIXES: readonly FixDefinition[] = [
  syncTime,
  syncTimeFromKmsHost,
  startSppsvc,
  restartSppsvcHost,
  installGvlk,
  setKmsHost,
  clearKmsHost,
  setKmsLookupDomain,
  activate,
  switchAvmaToAzureKms,
  installKeyAndActivate,
  phoneActivation,
  enableKmsFirewallRule,
  installVolumeActivationRole,
  installKmsHostKey,
  installEsuKey,
  officeInstallGvlk,
  officeSetKmsHost,
  officeClearKmsHost,
  officeActivate,
];

export function findFix(id: string): FixDefinition | undefined {
  return FIXES.find((f) => f.id === id);
}

export const fixById = (id: FixId): FixDefinition => {
  const fix = findFix(id);
  if (!fix) throw new Error(`no fix ${id}`);
  return fix;
};

/** What the UI and the CLI list about a fix: everything but how it runs. */
export function fixInfo(fix: FixDefinition): FixInfo {
  return {
    id: fix.id,
    title: fix.title,
    summary: fix.summary,
    inputs: fix.inputs.map((i) => ({ name: i.name, label: i.label, hint: i.hint, kind: i.kind, required: i.required, secret: i.secret, ...(i.keyPurpose ? { keyPurpose: i.keyPurpose } : {}) })),
    needsElevation: fix.needsElevation,
    addresses: fix.addresses,
  };
}

import type { FixDefinition } from './types';
import { requireElevation } from './common';

export const enableKmsFirewallRule: FixDefinition = {
  id: 'enable-kms-firewall-rule',
  title: 'Open the KMS port in Windows Firewall',
  summary: 'Enables the built-in rule "Key Management Service (TCP-In)" (SPPSVC-In-TCP) for the Domain and Private profiles.',
  inputs: [],
  addresses: ['kms-host-firewall-closed'],
  verify: ['windows.firewall'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    if (state.licensing && !state.licensing.service.isKmsHost) {
      return { code: 'not-applicable', message: 'This computer is not a KMS host: KMS clients do not need TCP 1688 open inbound. Run this fix on the KMS host.', overridable: true };
    }
    return null;
  },
  plan: () => ({
    changes: ['Enable the inbound firewall rule SPPSVC-In-TCP (TCP 1688) for the Domain and Private profiles'],
    commands: ['Set-NetFirewallRule -Name SPPSVC-In-TCP -Profile Domain,Private -Enabled True'],
    steps: [{ script: 'fix-firewall', params: { action: 'enable-kms-rule' }, describe: 'enable SPPSVC-In-TCP' }],
  }),
};

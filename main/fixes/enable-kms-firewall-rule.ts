import { factValue, type FirewallRule } from '../../shared/snapshot';
import type { FixDefinition, FixState } from './types';
import { requireElevation } from './common';

/** Windows' two built-in KMS rules, and the scope each opens (fix-firewall.ps1 picks by the active profile). */
const DOMAIN_RULE = 'SPPSVC-In-TCP-NoScope';
const LOCAL_RULE = 'SPPSVC-In-TCP';
const SCOPE: Record<string, string> = {
  [DOMAIN_RULE]: `${DOMAIN_RULE} (Domain profile): TCP 1688 from any address`,
  [LOCAL_RULE]: `${LOCAL_RULE} (Private and Public profiles): TCP 1688 from the local subnet only`,
};

/** The rules the script will enable for the active profiles, when the snapshot knows them. */
function rulesFor(state: FixState): string[] {
  const firewall: FirewallRule | undefined = state.snapshot ? factValue(state.snapshot.windows.firewall) : undefined;
  const active = firewall?.activeProfiles ?? [];
  const rules: string[] = [];
  if (active.includes('Domain')) rules.push(DOMAIN_RULE);
  if (active.includes('Private') || active.includes('Public')) rules.push(LOCAL_RULE);
  return rules;
}

export const enableKmsFirewallRule: FixDefinition = {
  id: 'enable-kms-firewall-rule',
  title: 'Open the KMS port in Windows Firewall',
  summary:
    'Enables the built-in Key Management Service rule that fits the active network profile: SPPSVC-In-TCP-NoScope on a domain network (any address), SPPSVC-In-TCP on a private or public network (local subnet only).',
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
  plan: (state) => {
    const known = rulesFor(state);
    const rules = known.length > 0 ? known : [DOMAIN_RULE, LOCAL_RULE];
    const changes =
      known.length > 0
        ? known.map((name) => `Enable the inbound firewall rule ${SCOPE[name] ?? name}`)
        : [`Enable the inbound firewall rule that fits the active network profile: ${SCOPE[DOMAIN_RULE]}; or ${SCOPE[LOCAL_RULE]}`];
    return {
      changes,
      commands: rules.map((name) => `Enable-NetFirewallRule -Name ${name}`),
      steps: [{ script: 'fix-firewall', params: { action: 'enable-kms-rule' }, describe: `enable ${rules.join(' or ')}` }],
    };
  },
};

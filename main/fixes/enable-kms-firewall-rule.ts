import { factValue, type FirewallRule, type KmsFirewallRule } from '../../shared/snapshot';
import type { FixDefinition, FixState, Refusal } from './types';
import { guardSubscription, requireElevation } from './common';

/** Windows' two built-in KMS rules; fix-firewall.ps1 enables one of them by the same decision as below. */
const DOMAIN_RULE = 'SPPSVC-In-TCP-NoScope';
const LOCAL_RULE = 'SPPSVC-In-TCP';
const RULE_NAMES = [DOMAIN_RULE, LOCAL_RULE] as const;
/** Windows' defaults, for snapshots taken before the probe read each rule. */
const DEFAULT_RULES: KmsFirewallRule[] = [
  { name: DOMAIN_RULE, enabled: false, profiles: ['Domain'], remoteAddresses: ['Any'], policySource: 'Local' },
  { name: LOCAL_RULE, enabled: false, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' },
];

export type KmsRuleDecision =
  | { kind: 'unknown' }
  | { kind: 'refuse'; message: string }
  | { kind: 'enable'; rules: { name: string; scope: string; note: string | null }[] };

const covers = (rule: KmsFirewallRule, profile: string) => rule.profiles.length === 0 || rule.profiles.includes('Any') || rule.profiles.includes(profile);

function scopeOf(copies: KmsFirewallRule[]): string {
  const rule = copies.find((r) => r.policySource === 'Local') ?? copies[0]!;
  const profiles = rule.profiles.length === 0 ? ['Any'] : rule.profiles;
  const from = rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => /^any$/i.test(a)) ? 'any address' : rule.remoteAddresses.every((a) => /^localsubnet$/i.test(a)) ? 'the local subnet only' : rule.remoteAddresses.join(', ');
  return `${rule.name} (${profiles.join(' and ')} profile${profiles.length > 1 ? 's' : ''}): TCP 1688 from ${from}`;
}

/**
 * The rules to enable for the active profiles: the same decision as fix-firewall.ps1 makes on
 * the live computer. Only Domain and Private are opened, never Public; each by the rule whose own
 * profiles cover it, preferring one that does not also apply to Public, and refusing one that does
 * while a Public network is active; the local copy is enabled, a rule only Group Policy defines
 * needs Group Policy.
 */
export function chooseKmsRules(activeProfiles: readonly string[], rulesRead: readonly KmsFirewallRule[] | undefined): KmsRuleDecision {
  const active = activeProfiles.filter((p) => p === 'Domain' || p === 'Private' || p === 'Public');
  if (active.length === 0) return { kind: 'unknown' };
  const targets = (['Domain', 'Private'] as const).filter((p) => active.includes(p));
  if (targets.length === 0) {
    return {
      kind: 'refuse',
      message:
        'The only active network on this computer is Public, and Activation Doctor does not open the KMS port (TCP 1688) on a public network. If this KMS host is on a trusted network, make that network Private (Set-NetConnectionProfile -NetworkCategory Private) or join it to the domain, then run the fix again.',
    };
  }
  const rules = rulesRead && rulesRead.length > 0 ? rulesRead : DEFAULT_RULES;
  const copies = (name: string) => rules.filter((r) => r.name === name);
  const chosen: string[] = [];
  for (const target of targets) {
    if (chosen.some((name) => copies(name).some((r) => covers(r, target)))) continue;
    const fitting = RULE_NAMES.filter((name) => copies(name).some((r) => covers(r, target)));
    const notPublic = fitting.filter((name) => !copies(name).some((r) => covers(r, 'Public')));
    if (notPublic.length > 0) chosen.push(notPublic[0]!);
    else if (fitting.length > 0) {
      if (active.includes('Public')) {
        return {
          kind: 'refuse',
          message: `The rule for the ${target} network here (${fitting[0]}) also applies to Public networks, and a Public network is active on this computer: enabling it would open TCP 1688 there too. Make that network Private, or open the port with a rule of your own for the ${target} profile only.`,
        };
      }
      chosen.push(fitting[0]!);
    } else return { kind: 'refuse', message: `No built-in KMS firewall rule (${LOCAL_RULE}, ${DOMAIN_RULE}) covers the ${target} profile on this computer.` };
  }
  const enable: { name: string; scope: string; note: string | null }[] = [];
  for (const name of chosen) {
    const all = copies(name);
    if (!all.some((r) => r.policySource === 'Local' || r.policySource === null)) {
      return {
        kind: 'refuse',
        message: `The rule ${name} on this computer comes from Group Policy, so it cannot be enabled here: enable it in the Group Policy object that sets it (Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender Firewall with Advanced Security > Inbound Rules).`,
      };
    }
    const policy = all.filter((r) => r.policySource === 'GroupPolicy');
    const note = policy.length > 0 ? `Group Policy also defines ${name} (${policy.some((r) => r.enabled) ? 'enabled' : 'disabled'}); the local copy is enabled. If Group Policy does not apply local firewall rules, enable it in Group Policy instead.` : null;
    enable.push({ name, scope: scopeOf(all), note });
  }
  return { kind: 'enable', rules: enable };
}

function decisionFor(state: FixState): KmsRuleDecision {
  const firewall: FirewallRule | undefined = state.snapshot ? factValue(state.snapshot.windows.firewall) : undefined;
  return chooseKmsRules(firewall?.activeProfiles ?? [], firewall?.rules);
}

export const enableKmsFirewallRule: FixDefinition = {
  id: 'enable-kms-firewall-rule',
  title: 'Open the KMS port in Windows Firewall',
  summary:
    'Enables the built-in Key Management Service rule whose own profiles cover the active Domain or Private network: normally SPPSVC-In-TCP-NoScope on a domain network (any address), SPPSVC-In-TCP on a private one (local subnet only). Never for a Public network.',
  inputs: [],
  addresses: ['kms-host-firewall-closed'],
  verify: ['windows.firewall'],
  needsElevation: true,
  precondition: (state) => {
    const elevation = requireElevation(state);
    if (elevation) return elevation;
    const subscription = guardSubscription(state, 'Opening the KMS host port');
    if (subscription) return subscription;
    if (state.licensing && !state.licensing.service.isKmsHost) {
      return { code: 'not-applicable', message: 'This computer is not a KMS host: KMS clients do not need TCP 1688 open inbound. Run this fix on the KMS host.', overridable: true };
    }
    const decision = decisionFor(state);
    if (decision.kind === 'refuse') return { code: 'not-applicable', message: decision.message, overridable: false } satisfies Refusal;
    return null;
  },
  plan: (state) => {
    const decision = decisionFor(state);
    if (decision.kind === 'enable') {
      return {
        changes: decision.rules.flatMap((r) => [`Enable the inbound firewall rule ${r.scope}`, ...(r.note ? [r.note] : [])]),
        commands: decision.rules.map((r) => `Enable-NetFirewallRule -Name ${r.name}`),
        steps: [{ script: 'fix-firewall', params: { action: 'enable-kms-rule' }, describe: `enable ${decision.rules.map((r) => r.name).join(' and ')}` }],
      };
    }
    // Profiles not known here: the script decides on the live computer, by the same rule.
    return {
      changes: [
        `Enable the built-in inbound rule that covers the active network profile, read on this computer when the fix runs: on a Domain network normally ${DOMAIN_RULE} (any address), on a Private network ${LOCAL_RULE} (local subnet only). Nothing is opened for a Public network, and ${LOCAL_RULE} (which also applies to Public) is refused while a Public network is active.`,
      ],
      commands: [`Enable-NetFirewallRule -Name ${DOMAIN_RULE}   # Domain network`, `Enable-NetFirewallRule -Name ${LOCAL_RULE}   # Private network, no Public network active`],
      steps: [{ script: 'fix-firewall', params: { action: 'enable-kms-rule' }, describe: `enable ${DOMAIN_RULE} or ${LOCAL_RULE}, whichever covers the active profile` }],
    };
  },
};

/**
 * Which active network profiles the KMS firewall rules leave closed, and from where the open ones
 * let clients in. Windows' built-in rules: SPPSVC-In-TCP-NoScope (Domain, any address) and
 * SPPSVC-In-TCP (Private and Public, local subnet only). Each active profile must be covered by an
 * enabled rule; one covered profile does not open another.
 */
import type { FirewallRule, KmsFirewallRule } from '../snapshot';

export const DOMAIN_RULE = 'SPPSVC-In-TCP-NoScope';
export const LOCAL_RULE = 'SPPSVC-In-TCP';

/** The built-in rule meant for a profile. */
export const ruleForProfile = (profile: string): KmsFirewallRule['name'] => (profile === 'Domain' ? DOMAIN_RULE : LOCAL_RULE);

export interface FirewallCoverage {
  /** False when the active profiles could not be read: coverage is then unknown. */
  activeKnown: boolean;
  /** Active profiles no enabled rule covers. */
  uncovered: string[];
  /** Active profiles whose enabled rules all admit only the local subnet, with that scope. */
  localOnly: { profile: string; rule: string; scope: string }[];
  /** The rules as read (older snapshots: one rule standing for the summary). */
  rules: KmsFirewallRule[];
}

const covers = (rule: KmsFirewallRule, profile: string) => rule.enabled && (rule.profiles.includes('Any') || rule.profiles.includes(profile));
/** A scope that admits any routed client: Any, or explicit addresses/ranges the technician chose. */
const localSubnetOnly = (rule: KmsFirewallRule) => rule.remoteAddresses.length > 0 && rule.remoteAddresses.every((a) => /^localsubnet$/i.test(a));

export function firewallCoverage(fw: FirewallRule): FirewallCoverage {
  const rules: KmsFirewallRule[] =
    fw.rules ?? (fw.exists ? [{ name: 'SPPSVC-In-TCP', enabled: fw.enabled, profiles: fw.profiles, remoteAddresses: [], policySource: null }] : []);
  const active = fw.activeProfiles.filter((p) => p !== 'Any');
  const uncovered = active.filter((p) => !rules.some((r) => covers(r, p)));
  const localOnly = active
    .filter((p) => !uncovered.includes(p))
    .flatMap((p) => {
      const open = rules.filter((r) => covers(r, p));
      return open.every(localSubnetOnly) ? [{ profile: p, rule: open[0]!.name, scope: open[0]!.remoteAddresses.join(', ') }] : [];
    });
  return { activeKnown: active.length > 0, uncovered, localOnly, rules };
}

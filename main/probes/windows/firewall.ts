/**
 * Windows' two built-in KMS firewall rules (firewall.ps1): SPPSVC-In-TCP (Private and Public
 * profiles, local subnet only) and SPPSVC-In-TCP-NoScope (Domain profile, any address), both in the
 * group "@FirewallAPI.dll,-28002" and disabled by default, read from the active store. They only
 * matter on a KMS host, so on other computers the fact is reported as not applicable (see
 * FirewallFacts and createWindowsCollectors).
 */
import { z } from 'zod';
import { FirewallRuleSchema, KMS_FIREWALL_RULES, okFact, unavailableFact, type Fact, type FirewallRule, type KmsFirewallRule } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { defineWindowsProbe } from './probe';
import { describeFirewall } from '../outcomes';
import { psArray, psNumber, uint32 } from './normalise';

const RawRuleSchema = z.object({
  enabled: z.boolean(),
  /** NET_FW_PROFILE flags: 0 Any, 1 Domain, 2 Private, 4 Public. */
  profile: z.number().int().min(0),
  direction: z.string().nullish(),
  action: z.string().nullish(),
});

const RawNamedRuleSchema = RawRuleSchema.extend({
  name: z.enum(KMS_FIREWALL_RULES),
  /** Get-NetFirewallAddressFilter RemoteAddress: 'Any', 'LocalSubnet', or addresses and ranges. */
  remoteAddress: psArray(z.string().max(100)).refine((list) => list.length <= 32, { message: 'at most 32 addresses' }),
  /** PolicyStoreSourceType: Local, GroupPolicy, ... */
  policySource: z.string().max(40).nullish(),
});

export const RawFirewallSchema = z.object({
  isKeyManagementServiceMachine: psNumber,
  /** Both built-in rules as the firewall enforces them (scripts since the two-rule probe). */
  rules: psArray(RawNamedRuleSchema)
    .refine((list) => list.length <= 8, { message: 'at most 8 rules' })
    .optional(),
  /** SPPSVC-In-TCP alone, from the persistent store: collector files written by older scripts. */
  rule: RawRuleSchema.nullish(),
  /** NetConnectionProfile.NetworkCategory: 0 Public, 1 Private, 2 DomainAuthenticated. */
  connectionCategories: psArray(z.number().int()),
});
export type RawFirewall = z.output<typeof RawFirewallSchema>;

/** The parsed rules, plus whether this computer is a KMS host (which decides if they apply). */
export interface FirewallFacts {
  isKmsHost: boolean;
  rule: FirewallRule;
}

const PROFILE_FLAGS: [number, string][] = [
  [1, 'Domain'],
  [2, 'Private'],
  [4, 'Public'],
];
const CATEGORY_PROFILE: Record<number, string> = { 0: 'Public', 1: 'Private', 2: 'Domain' };
const ORDER = ['Domain', 'Private', 'Public', 'Any'];

function profilesOf(flags: number): string[] {
  if (flags === 0 || (flags & 7) === 7) return ['Any'];
  return PROFILE_FLAGS.filter(([bit]) => flags & bit).map(([, name]) => name);
}

const sorted = (names: Iterable<string>) => ORDER.filter((name) => new Set(names).has(name));

function rulesOf(raw: RawFirewall): KmsFirewallRule[] {
  if (raw.rules !== undefined) {
    return raw.rules.map((rule) => ({
      name: rule.name,
      enabled: rule.enabled,
      profiles: profilesOf(rule.profile),
      remoteAddresses: rule.remoteAddress,
      policySource: rule.policySource ?? null,
    }));
  }
  if (!raw.rule) return [];
  return [{ name: 'SPPSVC-In-TCP', enabled: raw.rule.enabled, profiles: profilesOf(raw.rule.profile), remoteAddresses: [], policySource: null }];
}

/**
 * The summary the diagnosis reads: `exists` when either rule is there; `enabled` when either is on;
 * `profiles` those the enabled rules cover (or, with none enabled, those the rules would cover).
 */
export function parseFirewall(raw: RawFirewall): FirewallFacts {
  const active = new Set(raw.connectionCategories.map((category) => CATEGORY_PROFILE[category]).filter((name): name is string => name !== undefined));
  const rules = rulesOf(raw);
  const enabled = rules.filter((rule) => rule.enabled);
  return {
    isKmsHost: uint32(raw.isKeyManagementServiceMachine) === 1,
    rule: {
      name: 'SPPSVC-In-TCP',
      exists: rules.length > 0,
      enabled: enabled.length > 0,
      profiles: sorted((enabled.length > 0 ? enabled : rules).flatMap((rule) => rule.profiles)),
      activeProfiles: ORDER.filter((name) => active.has(name)),
      rules,
    },
  };
}

export const firewallCollector = defineCollector({
  script: 'firewall',
  subject: 'the KMS firewall rule',
  raw: RawFirewallSchema,
  parse: parseFirewall,
  value: z.object({ isKmsHost: z.boolean(), rule: FirewallRuleSchema }),
});

/** The KMS rules only matter on a KMS host: elsewhere the fact is "not applicable". */
export function narrowFirewallFact(fact: Fact<FirewallFacts>): Fact<FirewallRule> {
  if (fact.status !== 'ok') return fact;
  if (!fact.value.isKmsHost) {
    return unavailableFact(
      'not-applicable',
      'The KMS firewall rules (SPPSVC-In-TCP and SPPSVC-In-TCP-NoScope) only matter on a KMS host, and this computer is not one (IsKeyManagementServiceMachine = 0).',
      fact.durationMs,
    );
  }
  return okFact(fact.value.rule, fact.durationMs);
}

/** The registry's entry (registry.ts). */
export const firewallProbe = defineWindowsProbe({ ...firewallCollector, key: 'firewall', describe: describeFirewall, narrow: narrowFirewallFact });

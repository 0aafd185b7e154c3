/**
 * The KMS firewall rule (firewall.ps1). The rule only matters on a KMS host, so on other computers
 * the fact is reported as not applicable (see FirewallFacts and createWindowsCollectors).
 */
import { z } from 'zod';
import { FirewallRuleSchema, okFact, unavailableFact, type Fact, type FirewallRule } from '../../../shared/snapshot';
import { defineCollector } from './collector';
import { psArray, psNumber, uint32 } from './normalise';

const RawRuleSchema = z.object({
  enabled: z.boolean(),
  /** NET_FW_PROFILE flags: 0 Any, 1 Domain, 2 Private, 4 Public. */
  profile: z.number().int().min(0),
  direction: z.string().nullish(),
  action: z.string().nullish(),
});

export const RawFirewallSchema = z.object({
  isKeyManagementServiceMachine: psNumber,
  rule: RawRuleSchema.nullable(),
  /** NetConnectionProfile.NetworkCategory: 0 Public, 1 Private, 2 DomainAuthenticated. */
  connectionCategories: psArray(z.number().int()),
});
export type RawFirewall = z.output<typeof RawFirewallSchema>;

/** The parsed rule, plus whether this computer is a KMS host (which decides if it applies). */
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
const ORDER = ['Domain', 'Private', 'Public'];

function profilesOf(flags: number): string[] {
  if (flags === 0 || (flags & 7) === 7) return ['Any'];
  return PROFILE_FLAGS.filter(([bit]) => flags & bit).map(([, name]) => name);
}

export function parseFirewall(raw: RawFirewall): FirewallFacts {
  const active = new Set(raw.connectionCategories.map((category) => CATEGORY_PROFILE[category]).filter((name): name is string => name !== undefined));
  return {
    isKmsHost: uint32(raw.isKeyManagementServiceMachine) === 1,
    rule: {
      name: 'SPPSVC-In-TCP',
      exists: raw.rule !== null,
      enabled: raw.rule?.enabled ?? false,
      profiles: raw.rule ? profilesOf(raw.rule.profile) : [],
      activeProfiles: ORDER.filter((name) => active.has(name)),
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

/** The SPPSVC-In-TCP rule only matters on a KMS host: elsewhere the fact is "not applicable". */
export function narrowFirewallFact(fact: Fact<FirewallFacts>): Fact<FirewallRule> {
  if (fact.status !== 'ok') return fact;
  if (!fact.value.isKmsHost) {
    return unavailableFact(
      'not-applicable',
      'The KMS firewall rule (SPPSVC-In-TCP) only matters on a KMS host, and this computer is not one (IsKeyManagementServiceMachine = 0).',
      fact.durationMs,
    );
  }
  return okFact(fact.value.rule, fact.durationMs);
}

import { describe, expect, it } from 'vitest';
import { elevationCollector } from '../../../../main/probes/windows/elevation';
import { firewallCollector } from '../../../../main/probes/windows/firewall';
import { parseEdited, parseFixture } from './parse';

describe('parseFirewall', () => {
  it('reads the disabled KMS rule on a KMS host connected to the domain network', () => {
    expect(parseFixture(firewallCollector, 'ws2012r2-kms-host')).toEqual({
      isKmsHost: true,
      rule: {
        name: 'SPPSVC-In-TCP',
        exists: true,
        enabled: false,
        profiles: ['Any'],
        activeProfiles: ['Domain'],
        rules: [{ name: 'SPPSVC-In-TCP', enabled: false, profiles: ['Any'], remoteAddresses: [], policySource: null }],
      },
    });
  });

  it('knows a computer that is not a KMS host', () => {
    expect(parseFixture(firewallCollector, 'de-win10-pro-oem').isKmsHost).toBe(false);
  });

  it('reads profile flags and a missing rule', () => {
    const enabled = parseEdited(firewallCollector, 'ws2012r2-kms-host', (json) => {
      json.rule = { enabled: true, profile: 3, direction: 'Inbound', action: 'Allow' };
      json.connectionCategories = [0, 2, 2];
    });
    expect(enabled.rule).toMatchObject({ enabled: true, profiles: ['Domain', 'Private'], activeProfiles: ['Domain', 'Public'] });
    const missing = parseEdited(firewallCollector, 'ws2012r2-kms-host', (json) => {
      json.rule = null;
      json.connectionCategories = null;
    });
    expect(missing.rule).toEqual({ name: 'SPPSVC-In-TCP', exists: false, enabled: false, profiles: [], activeProfiles: [], rules: [] });
  });

  // Windows' defaults: both rules disabled; SPPSVC-In-TCP for Private and Public from the local
  // subnet, SPPSVC-In-TCP-NoScope for Domain from any address.
  const both = (edit: (rules: Record<string, unknown>[]) => void) =>
    parseEdited(firewallCollector, 'ws2012r2-kms-host', (json) => {
      delete json.rule;
      const rules: Record<string, unknown>[] = [
        { name: 'SPPSVC-In-TCP', enabled: false, profile: 6, direction: 'Inbound', action: 'Allow', remoteAddress: 'LocalSubnet', policySource: 'Local' },
        { name: 'SPPSVC-In-TCP-NoScope', enabled: false, profile: 1, direction: 'Inbound', action: 'Allow', remoteAddress: ['Any'], policySource: 'Local' },
      ];
      edit(rules);
      json.rules = rules;
    }).rule;

  it('reads both built-in rules with their profiles and remote addresses (one address unrolled, as 5.1 writes it)', () => {
    const rule = both(() => undefined);
    expect(rule).toMatchObject({ exists: true, enabled: false, profiles: ['Domain', 'Private', 'Public'] });
    expect(rule.rules).toEqual([
      { name: 'SPPSVC-In-TCP', enabled: false, profiles: ['Private', 'Public'], remoteAddresses: ['LocalSubnet'], policySource: 'Local' },
      { name: 'SPPSVC-In-TCP-NoScope', enabled: false, profiles: ['Domain'], remoteAddresses: ['Any'], policySource: 'Local' },
    ]);
  });

  it('summarises by the enabled rule: a Group Policy NoScope rule covers only the Domain profile', () => {
    const rule = both((rules) => Object.assign(rules[1]!, { enabled: true, policySource: 'GroupPolicy' }));
    expect(rule).toMatchObject({ enabled: true, profiles: ['Domain'], activeProfiles: ['Domain'] });
    expect(rule.rules?.[1]?.policySource).toBe('GroupPolicy');
  });

  it('refuses a rule it does not know', () => {
    expect(() => both((rules) => Object.assign(rules[0]!, { name: 'Some-Other-Rule' }))).toThrow();
  });
});

describe('parseElevation', () => {
  it('reads whether the process is elevated', () => {
    expect(parseFixture(elevationCollector, 'ws2019-kms-client')).toEqual({ elevated: true });
    expect(parseFixture(elevationCollector, 'de-win10-pro-oem')).toEqual({ elevated: false });
  });
});

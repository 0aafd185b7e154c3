import { describe, expect, it } from 'vitest';
import { elevationCollector } from '../../../../main/probes/windows/elevation';
import { firewallCollector } from '../../../../main/probes/windows/firewall';
import { parseEdited, parseFixture } from './parse';

describe('parseFirewall', () => {
  it('reads the disabled KMS rule on a KMS host connected to the domain network', () => {
    expect(parseFixture(firewallCollector, 'ws2012r2-kms-host')).toEqual({
      isKmsHost: true,
      rule: { name: 'SPPSVC-In-TCP', exists: true, enabled: false, profiles: ['Any'], activeProfiles: ['Domain'] },
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
    expect(missing.rule).toEqual({ name: 'SPPSVC-In-TCP', exists: false, enabled: false, profiles: [], activeProfiles: [] });
  });
});

describe('parseElevation', () => {
  it('reads whether the process is elevated', () => {
    expect(parseFixture(elevationCollector, 'ws2019-kms-client')).toEqual({ elevated: true });
    expect(parseFixture(elevationCollector, 'de-win10-pro-oem')).toEqual({ elevated: false });
  });
});

import { describe, expect, it } from 'vitest';
import {
  azureCandidates,
  eventCandidates,
  licensingCandidates,
  normaliseHost,
  optionCandidates,
  srvCandidates,
} from '../../../../main/probes/network/candidates';
import { NOT_AZURE } from '../../../../main/probes/azure';
import type { EventFacts, LicensingFacts, SrvLookup } from '../../../../shared/snapshot';

describe('KMS host candidates', () => {
  it('--kms: name, IPv4 and [IPv6] with and without port (1688 by default)', () => {
    expect(optionCandidates('KMS1.Corp.Example')).toEqual([{ host: 'kms1.corp.example', port: 1688, sources: ['option'] }]);
    expect(optionCandidates('10.0.0.5:1700')).toEqual([{ host: '10.0.0.5', port: 1700, sources: ['option'] }]);
    expect(optionCandidates('[fd00::5]:1688')).toEqual([{ host: 'fd00::5', port: 1688, sources: ['option'] }]);
    expect(optionCandidates(null)).toEqual([]);
  });

  it('licensing: configured (service and product) and discovered hosts', () => {
    const licensing = {
      products: [{ kmsMachine: 'kms2.corp.example', kmsPort: 1700, discoveredKmsMachineName: 'KMS1.corp.example', discoveredKmsPort: 1688 }],
      service: { kmsMachine: 'kms2.corp.example', kmsPort: null },
    } as unknown as LicensingFacts;
    expect(licensingCandidates(licensing)).toEqual([
      { host: 'kms2.corp.example', port: 1688, sources: ['configured'] },
      { host: 'kms2.corp.example', port: 1700, sources: ['configured'] },
      { host: 'kms1.corp.example', port: 1688, sources: ['discovered'] },
    ]);
  });

  it('events: only the newest 12288', () => {
    const events = {
      e12288: [
        { kmsHost: 'kms-new.corp.example', kmsPort: 1688 },
        { kmsHost: 'kms-old.corp.example', kmsPort: 1688 },
      ],
      e12289: [],
      e8198: [],
      e12290: [],
    } as unknown as EventFacts;
    expect(eventCandidates(events)).toEqual([{ host: 'kms-new.corp.example', port: 1688, sources: ['event'] }]);
  });

  it('SRV: usable targets with their known addresses (or their resolution failure); "." and port 0 are skipped', () => {
    const lookup = {
      records: [
        { target: 'kms1.corp.test', port: 1688, priority: 0, weight: 0, addresses: ['127.0.0.1'], resolveError: null },
        { target: 'kms-old.corp.test', port: 1688, priority: 0, weight: 0, addresses: [], resolveError: 'ENOTFOUND' },
        { target: '.', port: 0, priority: 0, weight: 0, addresses: [], resolveError: 'no service' },
      ],
    } as unknown as SrvLookup;
    const list = srvCandidates(lookup);
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ host: 'kms1.corp.test', port: 1688, sources: ['srv'], resolution: { ok: true, addresses: ['127.0.0.1'] } });
    expect(list[1]).toMatchObject({ host: 'kms-old.corp.test', resolution: { ok: false, code: 'ENOTFOUND' } });
  });

  it("azure: the cloud's KMS from shared/knowledge/azure.ts, matched case-insensitively", () => {
    expect(azureCandidates({ ...NOT_AZURE, isAzure: true, azEnvironment: 'AZUREPUBLICCLOUD' })).toEqual([{ host: 'azkms.core.windows.net', port: 1688, sources: ['azure'] }]);
    expect(azureCandidates({ ...NOT_AZURE, isAzure: true, azEnvironment: 'AzureUSGovernmentCloud' })[0]?.host).toBe('azkms.core.usgovcloudapi.net');
    expect(azureCandidates({ ...NOT_AZURE, isAzure: true, azEnvironment: 'SomeNewCloud' })).toEqual([]);
    expect(azureCandidates(NOT_AZURE)).toEqual([]);
  });

  it('keeps an invalid configured host as written so the check can report it', () => {
    expect(normaliseHost(' Bad Host!\n')).toBe('Bad Host!');
    expect(normaliseHost('[FD00::1]')).toBe('fd00::1');
  });
});

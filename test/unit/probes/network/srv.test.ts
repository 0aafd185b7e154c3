import { describe, expect, it } from 'vitest';
import { MAX_SRV_DOMAINS, lookupSrv, srvDomainCandidates } from '../../../../main/probes/network/srv';
import { DnsLookupError, staticResolver, type NameResolver } from '../../../../main/probes/network/resolver';
import { SrvLookupSchema } from '../../../../shared/snapshot';
import { licensing, network } from './facts';

describe('srvDomainCandidates', () => {
  it('collects every source in order and merges case-insensitive duplicates, keeping all sources', () => {
    const list = srvDomainCandidates({ option: 'Extra.Test.', licensing: licensing('KMS.Corp.Example', 'kms.corp.example'), networkConfig: network() });
    expect(list).toEqual([
      { domain: 'extra.test', sources: ['option'] },
      { domain: 'kms.corp.example', sources: ['lookup-domain'] },
      { domain: 'corp.example', sources: ['primary-suffix', 'ad-domain', 'search-list'] },
      { domain: 'dhcp.example', sources: ['connection-suffix'] },
      { domain: 'branch.corp.example', sources: ['search-list'] },
    ]);
  });

  it('uses the domain name only when the computer is joined (a workgroup is not a DNS domain)', () => {
    const list = srvDomainCandidates({ networkConfig: network({ partOfDomain: false, domain: 'WORKGROUP', workgroup: 'WORKGROUP', primaryDnsSuffix: null, dnsSuffixSearchList: [], connectionDnsSuffixes: [] }) });
    expect(list).toEqual([]);
  });

  it('drops values that are not DNS domains instead of querying them', () => {
    const list = srvDomainCandidates({ option: null, networkConfig: network({ primaryDnsSuffix: 'bad domain', dnsSuffixSearchList: ['10.0.0.1', '$(calc)', 'ok.example'], connectionDnsSuffixes: ['-x.example'], domain: null }) });
    expect(list.map((c) => c.domain)).toEqual(['ok.example']);
  });

  it(`stops at ${MAX_SRV_DOMAINS} domains (the snapshot's limit)`, () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    expect(srvDomainCandidates({ networkConfig: network({ dnsSuffixSearchList: many }) })).toHaveLength(MAX_SRV_DOMAINS);
  });

  it('with nothing known yields only --domain', () => {
    expect(srvDomainCandidates({ option: 'corp.test' })).toEqual([{ domain: 'corp.test', sources: ['option'] }]);
    expect(srvDomainCandidates({})).toEqual([]);
  });
});

describe('lookupSrv', () => {
  const signal = new AbortController().signal;

  it('sorts records by priority then weight and resolves every target, naming the stale one', async () => {
    const resolver = staticResolver(
      { 'kms1.corp.test': ['10.0.0.5'], 'kms2.corp.test': ['10.0.0.6', 'fd00::6'] },
      {
        '_vlmcs._tcp.corp.test': [
          { name: 'kms-old.corp.test', port: 1688, priority: 10, weight: 0 },
          { name: 'kms2.corp.test', port: 1688, priority: 0, weight: 10 },
          { name: 'KMS1.corp.test.', port: 1700, priority: 0, weight: 50 },
        ],
      },
    );
    const lookup = await lookupSrv({ domain: 'corp.test', sources: ['option'] }, { resolver, timeoutMs: 1000, signal });
    expect(SrvLookupSchema.parse(lookup)).toEqual(lookup);
    expect(lookup.result).toBe('found');
    expect(lookup.name).toBe('_vlmcs._tcp.corp.test');
    expect(lookup.records).toEqual([
      { target: 'kms1.corp.test', port: 1700, priority: 0, weight: 50, addresses: ['10.0.0.5'], resolveError: null },
      { target: 'kms2.corp.test', port: 1688, priority: 0, weight: 10, addresses: ['10.0.0.6', 'fd00::6'], resolveError: null },
      { target: 'kms-old.corp.test', port: 1688, priority: 10, weight: 0, addresses: [], resolveError: 'ENOTFOUND' },
    ]);
  });

  it.each([
    ['ENOTFOUND', 'not-found'],
    ['ENODATA', 'not-found'],
    ['ETIMEOUT', 'timed-out'],
    ['ESERVFAIL', 'error'],
    ['EREFUSED', 'error'],
  ] as const)('maps %s to %s with a readable error', async (code, result) => {
    const resolver: NameResolver = {
      server: '127.0.0.1:53',
      resolveSrv: async () => {
        throw new DnsLookupError(code, 'x');
      },
      resolveAddresses: async () => ({ ok: true, addresses: [] }),
    };
    const lookup = await lookupSrv({ domain: 'corp.test', sources: ['option'] }, { resolver, timeoutMs: 1000, signal });
    expect(lookup).toMatchObject({ result, records: [], dnsServer: '127.0.0.1:53' });
    expect(lookup.error).toMatch(new RegExp(`^${code}: `));
  });

  it('treats a "." target as "no service" without resolving it', async () => {
    const resolver = staticResolver({}, { '_vlmcs._tcp.corp.test': [{ name: '', port: 0, priority: 0, weight: 0 }] });
    const lookup = await lookupSrv({ domain: 'corp.test', sources: ['option'] }, { resolver, timeoutMs: 1000, signal });
    expect(lookup.records[0]).toMatchObject({ target: '.', addresses: [], resolveError: expect.stringMatching(/no service/) });
  });
});

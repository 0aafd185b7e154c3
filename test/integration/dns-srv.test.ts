/**
 * SRV discovery against a real DNS server: dnsmasq on loopback with `_vlmcs._tcp` records.
 * Every lookup goes to that server (createNameResolver with an explicit server), never to the
 * machine's resolver.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNameResolver, type NameResolver } from '../../main/probes/network/resolver';
import { lookupSrv } from '../../main/probes/network/srv';
import { checkTcp } from '../../main/probes/network/tcp';
import { SrvLookupSchema } from '../../shared/snapshot';
import { startDnsmasq, type DnsPeer } from '../support/peers/dnsmasq';

const signal = new AbortController().signal;

describe('SRV lookups against dnsmasq', () => {
  let dns: DnsPeer | undefined;
  let resolver: NameResolver;

  beforeAll(async () => {
    dns = await startDnsmasq({
      zones: ['corp.test', 'empty.test', 'two.test'],
      srv: [
        { name: '_vlmcs._tcp.corp.test', target: 'kms1.corp.test', port: 1688, priority: 0, weight: 100 },
        // Two records: one host decommissioned (its A record is gone), one working.
        { name: '_vlmcs._tcp.two.test', target: 'kms-old.two.test', port: 1688, priority: 0, weight: 100 },
        { name: '_vlmcs._tcp.two.test', target: 'kms-new.two.test', port: 1700, priority: 10, weight: 50 },
      ],
      hosts: [
        { name: 'kms1.corp.test', address: '127.0.0.2' },
        { name: 'kms-new.two.test', address: '127.0.0.3' },
        { name: 'dual.corp.test', address: '127.0.0.4' },
        { name: 'dual.corp.test', address: 'fd00::4' },
      ],
    });
    const [address, port] = dns.server.split(':');
    resolver = createNameResolver({ address: address ?? '127.0.0.1', port: Number(port) });
  });
  afterAll(async () => {
    await dns?.stop();
  });

  it('SRV present: the record, its port, priority, weight and the target address', async () => {
    const lookup = await lookupSrv({ domain: 'corp.test', sources: ['option'] }, { resolver, timeoutMs: 2000, signal });
    expect(SrvLookupSchema.parse(lookup)).toEqual(lookup);
    expect(lookup).toMatchObject({
      domain: 'corp.test',
      name: '_vlmcs._tcp.corp.test',
      result: 'found',
      dnsServer: dns?.server,
      error: null,
      records: [{ target: 'kms1.corp.test', port: 1688, priority: 0, weight: 100, addresses: ['127.0.0.2'], resolveError: null }],
    });
  });

  it('SRV missing: not-found, not an error', async () => {
    const lookup = await lookupSrv({ domain: 'empty.test', sources: ['primary-suffix'] }, { resolver, timeoutMs: 2000, signal });
    expect(lookup).toMatchObject({ result: 'not-found', records: [], error: expect.stringMatching(/^ENOTFOUND: /) });
  });

  it('two records, one stale: the stale target does not resolve, the other does', async () => {
    const lookup = await lookupSrv({ domain: 'two.test', sources: ['ad-domain'] }, { resolver, timeoutMs: 2000, signal });
    expect(lookup.result).toBe('found');
    expect(lookup.records).toEqual([
      { target: 'kms-old.two.test', port: 1688, priority: 0, weight: 100, addresses: [], resolveError: 'ENOTFOUND' },
      { target: 'kms-new.two.test', port: 1700, priority: 10, weight: 50, addresses: ['127.0.0.3'], resolveError: null },
    ]);
  });

  it('resolves A and AAAA through the same server', async () => {
    expect(await resolver.resolveAddresses('dual.corp.test', { timeoutMs: 2000, signal })).toEqual({ ok: true, addresses: ['127.0.0.4', 'fd00::4'] });
    expect(await resolver.resolveAddresses('nope.corp.test', { timeoutMs: 2000, signal })).toMatchObject({ ok: false, code: 'ENOTFOUND' });
  });

  it('a name outside the served zones is refused by the server: error, with the reason', async () => {
    const lookup = await lookupSrv({ domain: 'elsewhere.test', sources: ['option'] }, { resolver, timeoutMs: 2000, signal });
    expect(lookup).toMatchObject({ result: 'error', error: expect.stringMatching(/^EREFUSED: /) });
  });

  it('a KMS host name that does not resolve is "unresolvable" for the TCP check', async () => {
    const resolution = resolver.resolveAddresses('kms-old.two.test', { timeoutMs: 2000, signal });
    const check = await checkTcp({ host: 'kms-old.two.test', port: 1688, sources: ['srv'] }, { timeoutMs: 2000, signal, resolution });
    expect(check).toMatchObject({ tcp: 'unresolvable', addresses: [], error: expect.stringMatching(/NXDOMAIN/) });
  });
});

describe('SRV lookup against a DNS server that never answers', () => {
  let silent: Socket | undefined;
  afterAll(() => silent?.close());

  it('times out within its own limit', async () => {
    silent = createSocket('udp4');
    const port = await new Promise<number>((resolve) => silent?.bind(0, '127.0.0.1', () => resolve(silent?.address().port ?? 0)));
    const resolver = createNameResolver({ address: '127.0.0.1', port });
    const started = Date.now();
    const lookup = await lookupSrv({ domain: 'corp.test', sources: ['option'] }, { resolver, timeoutMs: 500, signal });
    expect(lookup).toMatchObject({ result: 'timed-out', error: expect.stringMatching(/^ETIMEOUT: /) });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

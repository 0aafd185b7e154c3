import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { collectSnapshot, notWindowsCollectors, windowsCollectorLimitMs, type CollectSnapshotInput } from '../../../../main/probes/collect';
import { staticResolver, type NameResolver } from '../../../../main/probes/network/resolver';
import type { WindowsCollectors } from '../../../../main/probes/types';
import { PROBE_IDS, ProbeEventSchema, type ProbeEvent } from '../../../../shared/probes';
import { SnapshotSchema, okFact, unavailableFact, type Fact, type SnapshotOptions } from '../../../../shared/snapshot';
import { startFakeNtp, type FakeNtp } from '../../../support/peers/fake-ntp';
import { imdsHandler, startHttpServer, type HttpPeer } from '../../../support/peers/http';
import { startTcpListener, type TcpPeer } from '../../../support/peers/tcp';
import { events, licensing, network, os, product } from './facts';
import { WINDOWS_PROBES } from '../../../../main/probes/windows/registry';
import { baseServices, noOffice } from '../../../support/snapshot-builder';
import { NOT_CONTACTED_REASONS } from '../../../../shared/kms-target';

const options = (overrides: Partial<SnapshotOptions> = {}): SnapshotOptions => ({ kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 1000, ...overrides });

/** A resolver that fails the test if anything asks it: proves a run contacted nothing. */
const forbiddenResolver: NameResolver = {
  server: 'forbidden',
  resolveSrv: async (name) => {
    throw new Error(`unexpected SRV lookup of ${name}`);
  },
  resolveAddresses: async (host) => {
    throw new Error(`unexpected address lookup of ${host}`);
  },
};

const delay = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));
const never = <T>() => new Promise<T>(() => undefined);

function windowsCollectors(overrides: Partial<WindowsCollectors> = {}): WindowsCollectors {
  const ok = <T>(value: T) => async (): Promise<Fact<T>> => okFact(value, 5);
  return {
    os: ok(os),
    licensing: ok(licensing(null)),
    networkConfig: ok(network({ primaryDnsSuffix: null, domain: null, partOfDomain: false, workgroup: 'WORKGROUP', dnsSuffixSearchList: [], connectionDnsSuffixes: [] })),
    services: async () => unavailableFact('not-elevated', 'needs administrator rights to read the service'),
    events: ok(events(null)),
    elevation: ok({ elevated: true }),
    firewall: async () => unavailableFact('not-applicable', 'not a KMS host'),
    esu: ok({ licences: [] }),
    azureCertificates: ok({ certificates: [] }),
    office: ok(noOffice()),
    subscription: ok({ properties: [], typeValue: null, statusValue: null, expiry: null, edition: null, windowsUpdateBlocked: null }),
    adba: async () => unavailableFact('not-applicable', 'not a domain member'),
    ...overrides,
  };
}

async function collect(input: Partial<CollectSnapshotInput> & Pick<CollectSnapshotInput, 'windows' | 'options'>) {
  const seen: ProbeEvent[] = [];
  const snapshot = await collectSnapshot({
    platform: 'linux',
    resolver: forbiddenResolver,
    collector: { kind: 'cli', version: '0.1.0-test', hostname: 'test-host' },
    onEvent: (e) => seen.push(e),
    ...input,
  });
  return { snapshot, seen };
}

describe('collectSnapshot on a machine that is not Windows, without options', () => {
  it('reports every fact, contacts nothing, and says why each is unavailable', async () => {
    const { snapshot } = await collect({ windows: notWindowsCollectors('linux'), options: options() });
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    for (const fact of Object.values(snapshot.windows)) expect(fact).toMatchObject({ status: 'unavailable', reason: 'not-windows' });
    expect(snapshot.azure).toMatchObject({ status: 'unavailable', reason: 'not-windows' });
    expect(snapshot.network.srv).toMatchObject({ status: 'unavailable', reason: 'no-candidates', detail: expect.stringMatching(/--domain/) });
    expect(snapshot.network.kmsHosts).toMatchObject({ status: 'unavailable', reason: 'no-candidates', detail: expect.stringMatching(/no --kms given/) });
    expect(snapshot.network.time).toMatchObject({ status: 'unavailable', reason: 'no-candidates' });
    expect(snapshot.network.activationEndpoints).toMatchObject({ status: 'unavailable', reason: 'not-applicable', detail: expect.stringMatching(/--check-online/) });
    expect(snapshot.collector).toEqual({ kind: 'cli', version: '0.1.0-test', platform: 'linux', hostname: 'test-host' });
  });

  it('streams a started and a finished event for every probe, valid against the event schema', async () => {
    const { seen } = await collect({ windows: notWindowsCollectors('linux'), options: options(), runId: 'run-1' });
    for (const e of seen) expect(ProbeEventSchema.parse(e)).toEqual(e);
    const started = seen.filter((e) => e.state === 'started').map((e) => e.probe);
    const finished = seen.filter((e) => e.state === 'finished');
    expect(started.sort()).toEqual([...PROBE_IDS].sort());
    expect(finished.map((e) => e.probe).sort()).toEqual([...PROBE_IDS].sort());
    expect(new Set(seen.map((e) => e.runId))).toEqual(new Set(['run-1']));
    for (const e of finished) expect(e).toMatchObject({ outcome: 'unavailable', reason: expect.any(String) });
    // Every probe starts before any finishes: they all start together.
    const firstFinished = seen.findIndex((e) => e.state === 'finished');
    expect(seen.slice(0, firstFinished).filter((e) => e.state === 'started')).toHaveLength(PROBE_IDS.length);
  });

  it('words the Windows facts through main/probes/windows, and refuses to pretend on Windows', () => {
    expect(() => notWindowsCollectors('win32')).toThrow(/createWindowsCollectors/);
  });

  it('never asks IMDS off Windows unless given an address', async () => {
    const { snapshot } = await collect({ windows: notWindowsCollectors('linux'), options: options(), platform: 'darwin' });
    expect(snapshot.azure).toMatchObject({ reason: 'not-windows', detail: expect.stringMatching(/only asked on Windows/) });
  });
});

describe('collectSnapshot with Windows facts and loopback peers', () => {
  let kms: TcpPeer | undefined;
  let ntp: FakeNtp | undefined;
  let imds: HttpPeer | undefined;
  afterEach(async () => {
    await kms?.close();
    await ntp?.close();
    await imds?.close();
    kms = undefined;
    ntp = undefined;
    imds = undefined;
  });

  it('turns every source into a TCP and an SNTP check and keeps every source of a host', async () => {
    kms = await startTcpListener();
    ntp = await startFakeNtp({ shiftMs: 90_000 });
    imds = await startHttpServer(imdsHandler({ compute: { azEnvironment: 'AzurePublicCloud', vmId: '13f56399-bd52-4150-9748-7190aae1ff21', location: 'westus', sku: '2019-Datacenter', licenseType: '' } }));
    const port = kms.port;
    const lic = licensing('corp.test');
    lic.products = [product({ kmsMachine: 'kms-conf.corp.test', kmsPort: port, discoveredKmsMachineName: 'kms1.corp.test', discoveredKmsPort: port })];
    const resolver = staticResolver(
      // Every name lives on loopback: nothing leaves the machine, not even azkms.core.windows.net.
      { 'kms1.corp.test': ['127.0.0.1'], 'kms-conf.corp.test': ['127.0.0.1'], 'kms-evt.corp.test': ['127.0.0.1'], 'azkms.core.windows.net': ['127.0.0.1'] },
      { '_vlmcs._tcp.corp.test': [{ name: 'kms1.corp.test', port, priority: 0, weight: 100 }] },
    );
    const { snapshot, seen } = await collect({
      windows: windowsCollectors({ licensing: async () => okFact(lic, 1), events: async () => okFact(events('kms-evt.corp.test', port), 1) }),
      options: options({ kms: `127.0.0.1:${port}`, ntpPort: ntp.port }),
      resolver,
      imdsBaseUrl: imds.baseUrl,
    });
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);

    expect(snapshot.azure).toMatchObject({ status: 'ok', value: { isAzure: true, azEnvironment: 'AzurePublicCloud', licenseType: null } });
    const srv = snapshot.network.srv;
    expect(srv.status === 'ok' && srv.value).toEqual([expect.objectContaining({ domain: 'corp.test', sources: ['lookup-domain'], result: 'found', dnsServer: 'static' })]);

    const hosts = snapshot.network.kmsHosts;
    expect(hosts.status).toBe('ok');
    if (hosts.status !== 'ok') return;
    const byHost = Object.fromEntries(hosts.value.map((h) => [`${h.host}:${h.port}`, h]));
    expect(Object.keys(byHost).sort()).toEqual([`127.0.0.1:${port}`, 'azkms.core.windows.net:1688', `kms-conf.corp.test:${port}`, `kms-evt.corp.test:${port}`, `kms1.corp.test:${port}`].sort());
    expect(byHost[`127.0.0.1:${port}`]).toMatchObject({ sources: ['option'], tcp: 'open' });
    expect(byHost[`kms1.corp.test:${port}`]).toMatchObject({ sources: expect.arrayContaining(['discovered', 'srv']), tcp: 'open', addresses: ['127.0.0.1'] });
    expect(byHost[`kms1.corp.test:${port}`]?.sources).toHaveLength(2);
    expect(byHost[`kms-conf.corp.test:${port}`]).toMatchObject({ sources: ['configured'], tcp: 'open' });
    expect(byHost[`kms-evt.corp.test:${port}`]).toMatchObject({ sources: ['event'], tcp: 'open' });
    // azkms.core.windows.net resolves to loopback here; whether something listens on 1688 does not
    // matter, only that the Azure VM's KMS was checked, at the address this test gave it.
    expect(byHost['azkms.core.windows.net:1688']).toMatchObject({ sources: ['azure'], addresses: ['127.0.0.1'] });

    const time = snapshot.network.time;
    expect(time.status).toBe('ok');
    if (time.status !== 'ok') return;
    expect(time.value.map((t) => t.host).sort()).toEqual(['127.0.0.1', 'azkms.core.windows.net', 'kms-conf.corp.test', 'kms-evt.corp.test', 'kms1.corp.test']);
    for (const t of time.value) {
      expect(t.result).toBe('ok');
      expect(Math.abs((t.offsetMs ?? 0) - 90_000)).toBeLessThan(1000);
    }
    const kmsEvent = seen.find((e) => e.state === 'finished' && e.probe === 'network.kmsHosts');
    expect(kmsEvent).toMatchObject({ summary: expect.stringMatching(/answer/) });
  });

  it('is bounded by the slowest chain, not the sum: late candidates are checked as they arrive', async () => {
    kms = await startTcpListener();
    ntp = await startFakeNtp({ silent: true }); // every time check waits its full timeout
    const port = kms.port;
    const lic = licensing(null);
    lic.products = [product({ kmsMachine: 'kms-conf.corp.test', kmsPort: port })];
    const resolver = staticResolver(
      { 'kms-conf.corp.test': ['127.0.0.1'], 'kms1.corp.test': ['127.0.0.1'] },
      { '_vlmcs._tcp.corp.test': [{ name: 'kms1.corp.test', port, priority: 0, weight: 0 }] },
    );
    const timeoutMs = 600;
    const { snapshot } = await collect({
      windows: windowsCollectors({
        licensing: () => delay(200, okFact(lic, 200)),
        networkConfig: () => delay(200, okFact(network({ primaryDnsSuffix: 'corp.test', domain: null, partOfDomain: false, dnsSuffixSearchList: [], connectionDnsSuffixes: [] }), 200)),
      }),
      options: options({ kms: `127.0.0.1:${port}`, ntpPort: ntp.port, timeoutMs }),
      resolver,
    });
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    const time = snapshot.network.time;
    expect(time.status === 'ok' && time.value.map((t) => t.result)).toEqual(['no-answer', 'no-answer', 'no-answer']);
    // Three silent hosts, 600 ms each: one after another would be 1.8 s plus the 200 ms wait.
    expect(snapshot.durationMs).toBeGreaterThanOrEqual(timeoutMs);
    expect(snapshot.durationMs).toBeLessThan(200 + timeoutMs + 400);
    expect(ntp.queries()).toBe(3);
  });

  it('cuts off a collector that hangs at its own timeout without holding up the rest', async () => {
    const { snapshot, seen } = await collect({ windows: windowsCollectors({ os: () => never() }), options: options({ timeoutMs: 300 }), windowsLimitMs: 300 });
    expect(snapshot.windows.os).toMatchObject({ status: 'unavailable', reason: 'timed-out', detail: 'no result within 300 ms' });
    expect(snapshot.windows.os.durationMs).toBeGreaterThanOrEqual(290);
    expect(snapshot.durationMs).toBeLessThan(1000);
    expect(seen.find((e) => e.state === 'finished' && e.probe === 'windows.os')).toMatchObject({ outcome: 'unavailable', reason: 'timed-out' });
  });

  it('cuts off a network fact whose check ignores its limit (safety net: Windows limit + 4 × per-check limit)', async () => {
    const stuck: NameResolver = { server: 'stuck', resolveSrv: () => never(), resolveAddresses: () => never() };
    const started = Date.now();
    const { snapshot } = await collect({ windows: windowsCollectors(), options: options({ domain: 'corp.test', timeoutMs: 100 }), windowsLimitMs: 100, resolver: stuck });
    expect(snapshot.network.srv).toMatchObject({ status: 'unavailable', reason: 'timed-out', detail: 'no result within 500 ms' });
    expect(snapshot.network.kmsHosts).toMatchObject({ status: 'unavailable', reason: 'timed-out' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives queued Windows collectors room: the default limit allows for the one-at-a-time PowerShell runner', () => {
    expect(windowsCollectorLimitMs(3000)).toBe(WINDOWS_PROBES.length * 3000 + 30_000);
  });

  it('turns a collector that throws into unavailable: failed, with its message', async () => {
    const { snapshot } = await collect({
      windows: windowsCollectors({
        events: async () => {
          throw new Error('Get-WinEvent: boom');
        },
      }),
      options: options(),
    });
    expect(snapshot.windows.events).toMatchObject({ status: 'unavailable', reason: 'failed', detail: expect.stringMatching(/Get-WinEvent: boom/) });
  });

  it('cancels: every unfinished fact becomes unavailable: cancelled, promptly, and sockets are released', async () => {
    ntp = await startFakeNtp({ silent: true });
    kms = await startTcpListener();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const { snapshot, seen } = await collect({
      windows: windowsCollectors({ licensing: () => never(), os: () => never() }),
      options: options({ kms: `127.0.0.1:${kms.port}`, ntpPort: ntp.port, timeoutMs: 5000 }),
      resolver: staticResolver({}),
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.windows.os).toMatchObject({ status: 'unavailable', reason: 'cancelled' });
    expect(snapshot.windows.licensing).toMatchObject({ status: 'unavailable', reason: 'cancelled' });
    expect(snapshot.network.time).toMatchObject({ status: 'unavailable', reason: 'cancelled' });
    expect(snapshot.network.kmsHosts).toMatchObject({ status: 'unavailable', reason: 'cancelled' });
    // What had finished stays finished.
    expect(snapshot.windows.elevation).toMatchObject({ status: 'ok' });
    expect(seen.filter((e) => e.state === 'finished')).toHaveLength(PROBE_IDS.length);
  });

  it('an already-cancelled run reports everything cancelled and starts no check', async () => {
    ntp = await startFakeNtp();
    const controller = new AbortController();
    controller.abort();
    const { snapshot } = await collect({ windows: windowsCollectors(), options: options({ kms: '127.0.0.1:9', ntpPort: ntp.port }), signal: controller.signal });
    for (const fact of [...Object.values(snapshot.windows), snapshot.azure, ...Object.values(snapshot.network)]) expect(fact).toMatchObject({ reason: 'cancelled' });
    await new Promise((r) => setTimeout(r, 50));
    expect(ntp.queries()).toBe(0);
  });

  it('survives an event listener that throws', async () => {
    const { snapshot } = await collect({
      windows: notWindowsCollectors('linux'),
      options: options(),
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
  });
});

describe('legitimate licensing only', () => {
  it('records a configured KMS host outside the organisation but never contacts it', async () => {
    const outside = licensing(null);
    outside.products[0] = product({ kmsMachine: 'kms.example-activator.net', kmsPort: 1688, discoveredKmsMachineName: '127.0.0.2', discoveredKmsPort: 1688 });
    const { snapshot } = await collect({
      windows: windowsCollectors({ licensing: async () => okFact(outside, 5) }),
      options: options({ timeoutMs: 300 }),
      // Any lookup or connection attempt would fail this test: the resolver forbids every name.
    });
    const hosts = snapshot.network.kmsHosts;
    if (hosts.status !== 'ok') throw new Error(JSON.stringify(hosts));
    expect(hosts.value.map((h) => [h.host, h.tcp, h.sources])).toEqual([
      ['kms.example-activator.net', 'not-contacted', ['configured']],
      ['127.0.0.2', 'not-contacted', ['discovered']],
    ]);
    expect(hosts.value[0]!.error).toMatch(/outside your organisation/);
    expect(snapshot.network.time).toMatchObject({ status: 'unavailable' });
  });

  it("decides with every source a host has, whichever arrived first: a configured host outside the domains that the organisation's own SRV record names is checked", async () => {
    const kms = await startTcpListener();
    onTestFinished(() => kms.close());
    const port = kms.port;
    const lic = licensing('corp.test');
    lic.products = [product({ kmsMachine: 'kms.partner.example', kmsPort: port })];
    const resolver = staticResolver({ 'kms.partner.example': ['127.0.0.1'] }, { '_vlmcs._tcp.corp.test': [{ name: 'kms.partner.example', port, priority: 0, weight: 100 }] });
    const { snapshot } = await collect({ windows: windowsCollectors({ licensing: async () => okFact(lic, 1) }), options: options({ timeoutMs: 1000 }), resolver });
    const hosts = snapshot.network.kmsHosts;
    if (hosts.status !== 'ok') throw new Error(JSON.stringify(hosts));
    expect(hosts.value.map((h) => [h.host, h.tcp, [...h.sources].sort()])).toEqual([['kms.partner.example', 'open', ['configured', 'srv']]]);
  });

  it('never contacts a host whose owner its text cannot tell (IDNA dots, 127.0.0.1 as one number), and says why', async () => {
    const unclear = licensing(null);
    unclear.products[0] = product({ kmsMachine: 'kms01\uff0eevil\uff0ecom', kmsPort: 1688, discoveredKmsMachineName: '2130706433', discoveredKmsPort: 1688 });
    const { snapshot } = await collect({
      windows: windowsCollectors({ licensing: async () => okFact(unclear, 5) }),
      options: options({ timeoutMs: 300 }),
      // Any lookup or connection attempt would fail this test: the resolver forbids every name.
    });
    const hosts = snapshot.network.kmsHosts;
    if (hosts.status !== 'ok') throw new Error(JSON.stringify(hosts));
    expect(hosts.value.map((h) => [h.host, h.tcp, h.error])).toEqual([
      ['kms01\uff0eevil\uff0ecom', 'not-contacted', NOT_CONTACTED_REASONS.unclear],
      ['2130706433', 'not-contacted', NOT_CONTACTED_REASONS.unclear],
    ]);
  });
});

describe("a fix's re-check (only the fix's probes)", () => {
  it('runs exactly the named probes and keeps every other fact of the previous snapshot', async () => {
    const { snapshot: previous } = await collect({ windows: windowsCollectors(), options: options() });
    const called: string[] = [];
    const counted = (name: keyof WindowsCollectors, c: WindowsCollectors): WindowsCollectors[typeof name] =>
      (async (ctx: Parameters<WindowsCollectors[typeof name]>[0]) => {
        called.push(name);
        return c[name](ctx);
      }) as WindowsCollectors[typeof name];
    const base = windowsCollectors({ services: async () => okFact(baseServices(), 5) });
    const spied = Object.fromEntries((Object.keys(base) as (keyof WindowsCollectors)[]).map((k) => [k, counted(k, base)])) as unknown as WindowsCollectors;
    const { snapshot, seen } = await collect({ windows: spied, options: options(), only: { probes: ['windows.services'], previous } });
    expect(called).toEqual(['services']);
    expect(new Set(seen.map((e) => e.probe))).toEqual(new Set(['windows.services']));
    expect(snapshot.windows.services).toMatchObject({ status: 'ok' });
    expect(previous.windows.services).toMatchObject({ status: 'unavailable' });
    expect(snapshot.windows.licensing).toEqual(previous.windows.licensing);
    expect(snapshot.network).toEqual(previous.network);
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });
});

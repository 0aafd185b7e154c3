import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectorToSnapshot } from '../../../main/collector/bundle';
import { CollectorDocumentSchema, type CollectorDocument } from '../../../main/collector/document';
import { diagnose } from '../../../shared/diagnosis';
import { SnapshotSchema, type Snapshot } from '../../../shared/snapshot';
import { fixture } from '../probes/windows/fixtures';
import { buildWs2019Fixture, WS2019_FIXTURE } from './collector-fixture';

const fixtureText = () => readFileSync(WS2019_FIXTURE, 'utf8');
const document = (): CollectorDocument => CollectorDocumentSchema.parse(JSON.parse(fixtureText()));

function convert(edit?: (doc: CollectorDocument) => void): Snapshot {
  const doc = document();
  edit?.(doc);
  const result = collectorToSnapshot(doc);
  if (!result.ok) throw new Error(result.message);
  expect(SnapshotSchema.safeParse(result.snapshot).success).toBe(true);
  return result.snapshot;
}

describe('the collector fixture (ws2019-kms-client, as the script writes it under Windows PowerShell 5.1)', () => {
  it('is up to date with its builder', () => {
    if (process.env.UPDATE_COLLECTOR_FIXTURE === '1') writeFileSync(WS2019_FIXTURE, buildWs2019Fixture());
    expect(fixtureText()).toBe(buildWs2019Fixture());
  });

  it("holds the probes' output exactly as they printed it, in 5.1's layout", () => {
    const text = fixtureText();
    expect(text).toContain(`"os":  ${readFileSync(`${__dirname}/../../fixtures/windows/ws2019-kms-client/os.json`, 'utf8').trim()}`);
    expect(text).toContain('"srvAvailable":  true');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });
});

describe('a collector file becomes a snapshot like any other', () => {
  it('with every Windows fact read by the app’s own collectors', () => {
    const s = convert();
    expect(s.format).toBe('activation-doctor/snapshot');
    expect(s.collector).toEqual({ kind: 'collector-script', version: '0.1.0', platform: 'win32', hostname: 'APP01' });
    expect(s.takenAt).toBe('2026-11-20T09:30:00.123Z');
    expect(s.options).toEqual({ kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 });
    expect(s.windows.os).toMatchObject({ status: 'ok', value: { caption: 'Microsoft Windows Server 2019 Standard', build: 17763, ubr: 5458 }, durationMs: 413 });
    expect(s.windows.licensing).toMatchObject({ status: 'ok', value: { products: [{ partialProductKey: 'J464C', discoveredKmsMachineName: 'kms01.corp.contoso.com' }] } });
    expect(s.windows.networkConfig).toMatchObject({ status: 'ok', value: { domain: 'corp.contoso.com', winHttpProxy: 'proxy.corp.contoso.com:8080' } });
    expect(s.windows.events).toMatchObject({ status: 'ok', value: { e12288: [{ hresult: 0xc004f06c, kmsHost: 'kms01.corp.contoso.com' }, { kmsHost: 'kms01.contoso.com' }] } });
    expect(s.windows.firewall).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
  });

  it('with the network measured from that computer, in the snapshot’s shapes', () => {
    const s = convert();
    expect(s.network.srv).toMatchObject({
      status: 'ok',
      value: [{ domain: 'corp.contoso.com', sources: ['primary-suffix', 'ad-domain', 'search-list'], result: 'found', records: [{ target: 'kms01.corp.contoso.com' }, { target: 'kms02.corp.contoso.com' }] }],
      durationMs: 21.4,
    });
    expect(s.network.kmsHosts).toMatchObject({
      status: 'ok',
      value: [
        { host: 'kms01.corp.contoso.com', port: 1688, sources: ['discovered', 'event', 'srv'], tcp: 'open', address: '10.20.0.15', latencyMs: 1.8 },
        { host: 'kms02.corp.contoso.com', port: 1688, sources: ['srv'], tcp: 'refused' },
      ],
    });
    expect(s.network.time).toMatchObject({
      status: 'ok',
      value: [
        { host: 'kms01.corp.contoso.com', result: 'ok', offsetMs: 18_000_000, stratum: 3 },
        { host: 'kms02.corp.contoso.com', result: 'no-answer' },
      ],
    });
  });

  it('with what the script does not measure unavailable, and why', () => {
    const s = convert();
    expect(s.azure).toMatchObject({ status: 'unavailable', reason: 'not-applicable', detail: expect.stringMatching(/^not collected: the collector script does not ask the Azure Instance Metadata Service/) });
    expect(s.network.activationEndpoints).toMatchObject({ status: 'unavailable', reason: 'not-applicable', detail: expect.stringMatching(/--check-online/) });
  });

  it('whose diagnosis finds the 5-hour clock offset first, and the stale SRV record beside the working one', () => {
    const d = diagnose(convert(), { reportedCode: null });
    expect(d.findings[0]).toMatchObject({ id: 'kms-time-skew', severity: 'blocker' });
    expect(d.findings[0]?.fixes.map((f) => f.fixId)).toEqual(['sync-time', 'sync-time-from-kms-host']);
    const stale = d.findings.find((f) => f.id === 'kms-srv-stale');
    expect(stale?.fixes).toEqual([expect.objectContaining({ fixId: 'set-kms-host', inputs: { host: 'kms01.corp.contoso.com:1688' } })]);
  });
});

describe('sources come from the same derivation as the app’s', () => {
  it('labels each check with every source the facts give, plus what the script recorded', () => {
    const s = convert((doc) => {
      const [kms01] = doc.network.tcp;
      if (kms01) kms01.sources = ['srv'];
      const [lookup] = doc.network.srv;
      if (lookup) lookup.sources = ['search-list'];
    });
    expect(s.network.kmsHosts.status === 'ok' && s.network.kmsHosts.value[0]?.sources).toEqual(['discovered', 'event', 'srv']);
    expect(s.network.srv.status === 'ok' && s.network.srv.value[0]?.sources).toEqual(['primary-suffix', 'ad-domain', 'search-list']);
  });

  it('adds -KmsHost and -Domain as "option"', () => {
    const s = convert((doc) => {
      doc.options.kmsHost = '[FD00::5]:1688';
      doc.options.domain = 'Corp.Contoso.com.';
      doc.network.tcp.push({ host: 'fd00::5', port: 1688, sources: ['option'], resolve: { addresses: ['fd00::5'], error: null }, attempts: [], durationMs: 0 });
    });
    expect(s.options).toMatchObject({ kms: '[fd00::5]:1688', domain: 'corp.contoso.com' });
    expect(s.network.srv.status === 'ok' && s.network.srv.value[0]?.sources).toEqual(['option', 'primary-suffix', 'ad-domain', 'search-list']);
    expect(s.network.kmsHosts.status === 'ok' && s.network.kmsHosts.value[2]).toMatchObject({ host: 'fd00::5', sources: ['option'] });
  });
});

describe('older Windows and empty results', () => {
  it('reports the SRV lookup as not supported where Resolve-DnsName is missing, and still checks the known hosts', () => {
    const s = convert((doc) => {
      doc.network.srvAvailable = false;
      doc.network.srv = [];
      doc.network.tcp = doc.network.tcp.slice(0, 1);
      if (doc.network.tcp[0]) doc.network.tcp[0].sources = ['discovered', 'event'];
      doc.windowsFactsVia = 'wmi';
    });
    expect(s.network.srv).toMatchObject({ status: 'unavailable', reason: 'not-supported', detail: expect.stringMatching(/no Resolve-DnsName \(it came with Windows 8 and Windows Server 2012\)/) });
    expect(s.network.kmsHosts).toMatchObject({ status: 'ok', value: [{ host: 'kms01.corp.contoso.com', sources: ['discovered', 'event'] }] });
  });

  it('says why nothing was checked, in the script’s terms', () => {
    const s = convert((doc) => {
      doc.network.srv = [];
      doc.network.tcp = [];
      doc.network.time = [];
    });
    expect(s.network.srv).toMatchObject({ status: 'unavailable', reason: 'no-candidates', detail: expect.stringMatching(/-Domain/) });
    expect(s.network.kmsHosts).toMatchObject({ status: 'unavailable', reason: 'no-candidates', detail: expect.stringMatching(/^no KMS host to check: no -KmsHost given; no KMS host configured/) });
    expect(s.network.time).toMatchObject({ status: 'unavailable', reason: 'no-candidates' });
  });

  it('reads a probe that reported an error as unavailable, with advice for the script', () => {
    const s = convert((doc) => {
      doc.raw.licensing = { error: { kind: 'access-denied', message: 'Access denied', hresult: -2147024891, errorId: 'HRESULT 0x80070005', category: 'PermissionDenied' } };
    });
    expect(s.windows.licensing).toMatchObject({ status: 'unavailable', reason: 'access-denied', detail: expect.stringMatching(/Run the collector script from an elevated PowerShell/) });
    // Without licensing facts the "discovered" source is not derived; the script's own still count.
    expect(s.network.kmsHosts.status === 'ok' && s.network.kmsHosts.value[0]?.sources).toEqual(['event', 'srv', 'discovered']);
  });
});

describe('documents that cannot become a snapshot', () => {
  it.each([
    ['a -KmsHost the grammar rejects', (doc: CollectorDocument) => (doc.options.kmsHost = '$(calc)'), /^the collector file is malformed: options\.kmsHost is not a valid host name/],
    ['a -Domain that is an address', (doc: CollectorDocument) => (doc.options.domain = '10.0.0.1'), /options\.domain must be a DNS domain name/],
    ['a takenAt that is not a time', (doc: CollectorDocument) => (doc.takenAt = 'yesterday'), /takenAt "yesterday" is not a date and time/],
    ['an SRV domain that is not a domain', (doc: CollectorDocument) => doc.network.srv[0] && (doc.network.srv[0].domain = 'bad domain'), /network\.srv\.0\.domain contains a space/],
    ['a host name too long for a snapshot', (doc: CollectorDocument) => doc.network.time[0] && (doc.network.time[0].attempts = [{ address: 'x'.repeat(64), outcome: 'failed', waitedMs: 1, socketError: 'x'.repeat(60), message: 'y' }]), null],
  ])('rejects %s with a message naming it', (_what, edit, message) => {
    const doc = document();
    edit(doc);
    const result = collectorToSnapshot(doc);
    if (message === null) {
      // Bounded inputs always fit the snapshot: this one converts.
      expect(result.ok).toBe(true);
      return;
    }
    expect(result).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('uses the firewall fixture of a KMS host as the app does', () => {
    const s = convert((doc) => {
      doc.raw.firewall = fixture('ws2012r2-kms-host', 'firewall');
    });
    expect(s.windows.firewall).toMatchObject({ status: 'ok', value: { exists: true, enabled: false } });
  });
});

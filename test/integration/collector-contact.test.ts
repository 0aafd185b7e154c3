/**
 * Legitimate licensing only, end to end: the generated collector script, run by PowerShell 7 in a
 * network namespace of this test's own (test/fixtures/contact-policy/netns-run.sh: loopback only,
 * the test's hosts file bind-mounted there alone), sends no packet to a KMS host outside the
 * organisation, on loopback or behind a name that is not the organisation's, even where a listener
 * waits at that address; and it does connect to the organisation's own hosts. nftables counts every
 * packet to each address; listeners record each connection and datagram. The probe scripts are
 * replaced by ones that print the facts (the true boundary: Windows); the rest runs as shipped.
 * Root, unshare, nft and pwsh are required: missing, the test fails.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMBEDDED_PROBES } from '../../main/collector/probes';
import { buildCollectorScript, PROLOGUE, PROLOGUE_LINE, readProbeScripts } from '../../main/collector/script';
import { organisationDomains } from '../../shared/org-domains';
import { readSnapshotBytes } from '../../main/snapshot-file';
import { NOT_CONTACTED_REASONS, contactDecision } from '../../shared/kms-target';
import { factValue, type Snapshot } from '../../shared/snapshot';
import { requireBinary, requireRoot } from '../support/peers/process';
import { requirePwsh } from '../support/peers/ssh-fleet';

const RUNNER = resolve(__dirname, '../fixtures/contact-policy/netns-run.sh');

/** Addresses on the namespace's loopback, each with a TCP listener on 1688 and a UDP socket on 123. */
const ORG_NAMED = '10.77.0.1'; // kms01.corp.contoso.test: the organisation's name
const ORG_LITERAL = '10.77.0.4'; // a private address, configured as such
const OUTSIDE_NAMED = '10.77.0.2'; // kms.evilcontoso.test: a private address behind a name that is not the organisation's
const PUBLIC_LITERAL = '203.0.113.7'; // a public address (TEST-NET-3), configured as such
const LOOPBACK = '127.0.0.1'; // localhost
const LOOPBACK_2 = '127.0.0.2'; // a discovered loopback address, as KMS emulators leave behind
const ADDRESSES = [ORG_NAMED, ORG_LITERAL, OUTSIDE_NAMED, PUBLIC_LITERAL, LOOPBACK, LOOPBACK_2];
const CONTACTED = [ORG_NAMED, ORG_LITERAL];

const HOSTS = [`${LOOPBACK} localhost`, `${ORG_NAMED} kms01.corp.contoso.test`, `${OUTSIDE_NAMED} kms.evilcontoso.test`].join('\n');

function product(id: string, configured: string | null, discovered: string | null) {
  return {
    ID: id, Name: 'Windows(R), ServerStandard edition', Description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel', LicenseFamily: 'ServerStandard',
    ProductKeyChannel: 'Volume:GVLK', PartialProductKey: 'J464C', LicenseStatus: 1, LicenseStatusReason: 0x4004f401, GracePeriodRemaining: 259200, EvaluationEndDate: null,
    LicenseIsAddon: false, KeyManagementServiceMachine: configured, KeyManagementServicePort: 1688, KeyManagementServiceLookupDomain: null,
    DiscoveredKeyManagementServiceMachineName: discovered, DiscoveredKeyManagementServiceMachinePort: 1688, DiscoveredKeyManagementServiceMachineIpAddress: null,
    KeyManagementServiceProductKeyID: null, VLActivationType: 2, VLActivationTypeEnabled: 0, VLActivationInterval: 120, VLRenewalInterval: 10080,
    IsKeyManagementServiceMachine: 0, KeyManagementServiceCurrentCount: 0, RequiredClientCount: 0, AutomaticVMActivationHostMachineName: null,
    AutomaticVMActivationLastActivationTime: null,
  };
}
const licensing = {
  products: [
    product('de32eafd-aaee-4662-9444-c1befb41bde2', 'kms01.corp.contoso.test', 'kms.evilcontoso.test'),
    product('de32eafd-aaee-4662-9444-c1befb41bde3', PUBLIC_LITERAL, LOOPBACK_2),
    product('de32eafd-aaee-4662-9444-c1befb41bde4', 'localhost', ORG_LITERAL),
  ],
  service: {
    Version: '10.0.17763.1', ClientMachineID: 'f9d4e20a-cb8f-4050-9c0c-56420455ada1', KeyManagementServiceMachine: null, KeyManagementServicePort: 1688,
    KeyManagementServiceLookupDomain: null, KeyManagementServiceHostCaching: true, IsKeyManagementServiceMachine: 0, KeyManagementServiceCurrentCount: 0,
    RequiredClientCount: 0, KeyManagementServiceListeningPort: 1688, KeyManagementServiceDnsPublishing: true, KeyManagementServiceLowPriority: false,
    KeyManagementServiceTotalRequests: 0, KeyManagementServiceFailedRequests: 0, RemainingWindowsReArmCount: 1000, OA3xOriginalProductKeyDescription: null,
  },
};
const networkConfig = {
  partOfDomain: true, domain: 'corp.contoso.test', workgroup: null, tcpipDomain: 'corp.contoso.test', tcpipNvDomain: 'corp.contoso.test', tcpipSearchList: '',
  policyPrimaryDnsSuffix: null, policySearchList: null,
  adapters: [{ Index: 1, Description: 'Loopback', IPConnectionMetric: 15, DNSServerSearchOrder: ['127.0.0.53'], DNSDomain: null, DNSDomainSuffixSearchOrder: ['corp.contoso.test'] }],
  winHttpSettings: null,
};

/** A probe script that runs the shipped prologue, as every probe does, then prints this JSON. */
const printing = (value: unknown) => `param([string]$ArgsBase64 = '')\n${PROLOGUE_LINE}\n@'\n${JSON.stringify(value)}\n'@\n`;

function collectorScript(): string {
  const probeScripts: Record<string, string> = {};
  for (const p of EMBEDDED_PROBES) probeScripts[p.script] = printing({ error: { kind: 'not-supported', message: 'not in this test', hresult: null, errorId: 'Test', category: 'NotImplemented' } });
  probeScripts.licensing = printing(licensing);
  probeScripts['network-config'] = printing(networkConfig);
  probeScripts[PROLOGUE] = readProbeScripts()[PROLOGUE] ?? '';
  return buildCollectorScript({ version: '0.1.0', probeScripts });
}

const Counters = z.object({
  nftables: z.array(z.object({ rule: z.object({ expr: z.array(z.object({ match: z.object({ right: z.unknown() }).optional(), counter: z.object({ packets: z.number() }).optional() })) }).optional() })),
});
/** Packets sent to each address, by the namespace's nftables counters. */
function packetsTo(json: string): Record<string, number> {
  const packets: Record<string, number> = {};
  for (const entry of Counters.parse(JSON.parse(json)).nftables) {
    const expr = entry.rule?.expr ?? [];
    const address = expr.find((e) => e.match)?.match?.right;
    const counter = expr.find((e) => e.counter)?.counter;
    if (typeof address === 'string' && counter) packets[address] = counter.packets;
  }
  return packets;
}

const Heard = z.object({ proto: z.enum(['tcp', 'udp']), address: z.string() });

describe('the collector script contacts only the organisation (PowerShell 7, own network namespace)', () => {
  let dir = '';
  let snapshot: Snapshot;
  let packets: Record<string, number> = {};
  let heard: z.infer<typeof Heard>[] = [];

  beforeAll(async () => {
    requireRoot('the collector contact test');
    const unshare = requireBinary('unshare', 'apt-get install -y util-linux');
    requireBinary('nft', 'apt-get install -y nftables');
    requireBinary('ip', 'apt-get install -y iproute2');
    const pwsh = requirePwsh();
    dir = mkdtempSync(join(tmpdir(), 'ad-contact-'));
    const script = join(dir, 'activation-doctor-collector.ps1');
    const out = join(dir, 'collected.json');
    writeFileSync(script, collectorScript());
    writeFileSync(join(dir, 'hosts'), `${HOSTS}\n`);
    // No DNS server in the namespace: a name missing from the hosts file fails at once.
    writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.53\noptions timeout:1 attempts:1\n');
    await new Promise<void>((done, fail) => {
      execFile(
        unshare,
        ['--net', '--mount', '--pid', '--fork', '--kill-child', 'bash', RUNNER, dir, process.execPath, pwsh, script, out, ...ADDRESSES],
        { timeout: 120_000, killSignal: 'SIGKILL' },
        (error, _stdout, stderr) => (error ? fail(new Error(`the namespace run failed: ${error.message} ${stderr}`)) : done()),
      );
    });
    const pwshLog = readFileSync(join(dir, 'pwsh.log'), 'utf8');
    expect(readFileSync(join(dir, 'pwsh.status'), 'utf8').trim(), pwshLog).toBe('0');
    const read = readSnapshotBytes(readFileSync(out));
    if (!read.ok) throw new Error(`the collector file did not read: ${read.message}`);
    snapshot = read.snapshot;
    packets = packetsTo(readFileSync(join(dir, 'counters.json'), 'utf8'));
    heard = readFileSync(join(dir, 'listener.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => Heard.parse(JSON.parse(line)));
  }, 150_000);

  it('sends not one packet to a host outside the organisation, on loopback or behind a name not its own', () => {
    for (const address of ADDRESSES.filter((a) => !CONTACTED.includes(a))) expect(packets[address], address).toBe(0);
    expect(heard.filter((h) => !CONTACTED.includes(h.address))).toEqual([]);
  });

  it("connects to the organisation's own hosts over TCP and asks their time over UDP", () => {
    for (const address of CONTACTED) expect(packets[address], address).toBeGreaterThan(0);
    const seen = (proto: 'tcp' | 'udp') => [...new Set(heard.filter((h) => h.proto === proto).map((h) => h.address))].sort();
    expect(seen('tcp')).toEqual([...CONTACTED].sort());
    expect(seen('udp')).toEqual([...CONTACTED].sort());
  });

  it('records every host it did not contact as the app does: not-contacted, with the reason', () => {
    const hosts = factValue(snapshot.network.kmsHosts) ?? [];
    expect(hosts.map((h) => [h.host, h.tcp]).sort()).toEqual(
      [
        ['kms01.corp.contoso.test', 'open'],
        [ORG_LITERAL, 'open'],
        ['kms.evilcontoso.test', 'not-contacted'],
        [PUBLIC_LITERAL, 'not-contacted'],
        [LOOPBACK_2, 'not-contacted'],
        ['localhost', 'not-contacted'],
      ].sort(),
    );
    for (const h of hosts.filter((x) => x.tcp === 'not-contacted')) expect(h).toMatchObject({ addresses: [], address: null, latencyMs: null, error: NOT_CONTACTED_REASONS.outside, durationMs: 0 });
    expect((factValue(snapshot.network.time) ?? []).map((t) => t.host).sort()).toEqual(['kms01.corp.contoso.test', ORG_LITERAL].sort());
  });

  it("chose exactly the hosts the app's own rule chooses from the same facts", () => {
    const orgDomains = organisationDomains({ option: null, licensing: factValue(snapshot.windows.licensing), networkConfig: factValue(snapshot.windows.networkConfig) }).map((d) => d.domain);
    expect(orgDomains).toContain('corp.contoso.test');
    for (const h of factValue(snapshot.network.kmsHosts) ?? []) {
      expect(contactDecision(h.host, h.sources, orgDomains).contact, h.host).toBe(h.tcp !== 'not-contacted');
    }
  });
});

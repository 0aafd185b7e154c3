/**
 * The collector script's unattended mode, run for real by PowerShell 7 (.tools/pwsh): the probe
 * scripts are replaced by ones that print a given licence state (the true boundary: Windows), the
 * rest of the generated script runs as shipped. Checks the one summary line on stdout, nothing
 * else there, the exit status (0 activated and none of the script's own checks failed, 1 a problem
 * named in failedChecks, 2 could not run) and the file. The only KMS host named is 127.0.0.1 (a
 * listener of this test, or a closed port), so the network checks stay on loopback; being loopback,
 * it is checked only when -KmsHost names it too (the contact policy), else recorded, never contacted.
 * pwsh missing fails the test. Not covered here: kms-clock-offset (it needs an SNTP answer on UDP 123).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCollectorScript, PROLOGUE, PROLOGUE_LINE, readProbeScripts } from '../../main/collector/script';
import { EMBEDDED_PROBES } from '../../main/collector/probes';
import { readSnapshotBytes } from '../../main/snapshot-file';
import { requirePwsh } from '../support/peers/ssh-fleet';

const pwsh = requirePwsh();
const dir = mkdtempSync(join(tmpdir(), 'ad-unattended-'));

// The KMS host the healthy client uses: a TCP listener on loopback (the collector only connects).
let kms: Server;
let kmsPort = 0;
let kmsConnections = 0;
beforeAll(async () => {
  kms = createServer((socket) => {
    kmsConnections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => kms.listen(0, '127.0.0.1', resolve));
  kmsPort = (kms.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => kms.close(() => resolve())));

/** The KMS host the licence names, also named with -KmsHost: the technician's own choice is always checked. */
const kmsOption = (port = kmsPort) => ['-KmsHost', `127.0.0.1:${port}`];

const FULL_VALIDITY = 180 * 24 * 60; // just renewed
const TWO_RENEWALS_MISSED = 160 * 24 * 60; // below 180 - 2 x 7 days

function product(status: number, reason: number, over: { port?: number; grace?: number } = {}) {
  return {
    ID: 'de32eafd-aaee-4662-9444-c1befb41bde2', Name: 'Windows(R), ServerStandard edition', Description: 'Windows(R) Operating System, VOLUME_KMSCLIENT channel',
    LicenseFamily: 'ServerStandard', ProductKeyChannel: 'Volume:GVLK', PartialProductKey: 'J464C', LicenseStatus: status, LicenseStatusReason: reason,
    GracePeriodRemaining: over.grace ?? FULL_VALIDITY, EvaluationEndDate: null, LicenseIsAddon: false, KeyManagementServiceMachine: '127.0.0.1', KeyManagementServicePort: over.port ?? kmsPort,
    KeyManagementServiceLookupDomain: null, DiscoveredKeyManagementServiceMachineName: null, DiscoveredKeyManagementServiceMachinePort: 0,
    DiscoveredKeyManagementServiceMachineIpAddress: null, KeyManagementServiceProductKeyID: null, VLActivationType: 2, VLActivationTypeEnabled: 0,
    VLActivationInterval: 120, VLRenewalInterval: 10080, IsKeyManagementServiceMachine: 0, KeyManagementServiceCurrentCount: 0, RequiredClientCount: 0,
    AutomaticVMActivationHostMachineName: null, AutomaticVMActivationLastActivationTime: null,
  };
}
const service = {
  Version: '10.0.17763.1', ClientMachineID: 'f9d4e20a-cb8f-4050-9c0c-56420455ada1', KeyManagementServiceMachine: null, KeyManagementServicePort: 1688,
  KeyManagementServiceLookupDomain: null, KeyManagementServiceHostCaching: true, IsKeyManagementServiceMachine: 0, KeyManagementServiceCurrentCount: 0,
  RequiredClientCount: 0, KeyManagementServiceListeningPort: 1688, KeyManagementServiceDnsPublishing: true, KeyManagementServiceLowPriority: false,
  KeyManagementServiceTotalRequests: 0, KeyManagementServiceFailedRequests: 0, RemainingWindowsReArmCount: 1000, OA3xOriginalProductKeyDescription: null,
};

/**
 * A probe script that runs the shipped prologue, as every probe does, then prints this JSON
 * (single-quoted here-string: nothing in it is evaluated).
 */
const printing = (value: unknown) => `param([string]$ArgsBase64 = '')\n${PROLOGUE_LINE}\n@'\n${JSON.stringify(value)}\n'@\n`;
const shippedPrologue = readProbeScripts()[PROLOGUE] ?? '';

function scriptFor(licensing: unknown, defaults?: { unattended: boolean; outFile: string | null }): string {
  const probeScripts: Record<string, string> = {};
  for (const p of EMBEDDED_PROBES) probeScripts[p.script] = printing({ error: { kind: 'not-supported', message: 'not in this test', hresult: null, errorId: 'Test', category: 'NotImplemented' } });
  probeScripts.licensing = printing(licensing);
  probeScripts[PROLOGUE] = shippedPrologue;
  return buildCollectorScript({ version: '0.1.0', probeScripts, ...(defaults ? { defaults } : {}) });
}

function runScript(text: string, name: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  return new Promise((resolve) => {
    execFile(pwsh, ['-NoProfile', '-NonInteractive', '-File', path, ...args], { cwd: dir, timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? -1) : 0, stdout });
    });
  });
}

describe('collector -Unattended, run by PowerShell', () => {
  it('activated and every own check passed: exit 0, one JSON summary line and nothing else on stdout, the file readable', async () => {
    const out = join(dir, 'activated.json');
    const run = await runScript(scriptFor({ products: [product(1, 0x4004f401)], service }), 'a.ps1', ['-Unattended', '-OutFile', out, '-TimeoutMs', '200', ...kmsOption()]);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ format: 'activation-doctor/collector-summary', verdict: 'activated', failedChecks: [], licenseStatus: 1, partialProductKey: 'J464C', kmsHost: '127.0.0.1', file: out });
    expect(summary.next).toMatch(/not finding ids.*activation-doctor fleet diagnose/);
    expect(run.code).toBe(0);
    const read = readSnapshotBytes(readFileSync(out));
    expect(read.ok && read.snapshot.windows.licensing.status).toBe('ok');
  }, 60_000);

  it('activated, but two renewals missed and its KMS host unreachable: exit 1, the failed checks named', async () => {
    const run = await runScript(scriptFor({ products: [product(1, 0x4004f401, { port: 1, grace: TWO_RENEWALS_MISSED })], service }), 'e.ps1', ['-Unattended', '-OutFile', join(dir, 'e.json'), '-TimeoutMs', '200', ...kmsOption(1)]);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'activated', failedChecks: ['kms-renewal-overdue', 'kms-host-unreachable'] });
    expect(run.code).toBe(1);
  }, 60_000);

  it('its KMS host on this computer (as KMS emulators are) and not named with -KmsHost: never contacted, exit 1 with kms-host-not-contacted', async () => {
    const before = kmsConnections;
    const out = join(dir, 'f.json');
    const run = await runScript(scriptFor({ products: [product(1, 0x4004f401)], service }), 'f.ps1', ['-Unattended', '-OutFile', out, '-TimeoutMs', '200']);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'activated', failedChecks: ['kms-host-not-contacted'], kmsHost: '127.0.0.1' });
    expect(run.code).toBe(1);
    expect(kmsConnections).toBe(before);
    const read = readSnapshotBytes(readFileSync(out));
    const hosts = read.ok && read.snapshot.network.kmsHosts.status === 'ok' ? read.snapshot.network.kmsHosts.value : [];
    expect(hosts.map((h) => [h.host, h.tcp, h.sources])).toEqual([['127.0.0.1', 'not-contacted', ['configured']]]);
  }, 60_000);

  it('not activated: exit 1 with the reason code and the licence check named; licence state unreadable: exit 2', async () => {
    const notActivated = await runScript(scriptFor({ products: [product(5, 0xc004f074)], service }), 'b.ps1', ['-Unattended', '-OutFile', join(dir, 'b.json'), '-TimeoutMs', '200', ...kmsOption()]);
    expect(JSON.parse(notActivated.stdout)).toMatchObject({ verdict: 'not-activated', failedChecks: ['license-notification'], licenseStatus: 5, reason: '0xC004F074' });
    expect(notActivated.code).toBe(1);
    const unreadable = await runScript(scriptFor({ error: { kind: 'access-denied', message: 'Access denied', hresult: -2147024891, errorId: 'x', category: 'PermissionDenied' } }), 'c.ps1', ['-Unattended', '-OutFile', join(dir, 'c.json'), '-TimeoutMs', '200']);
    expect(JSON.parse(unreadable.stdout)).toMatchObject({ verdict: 'cannot-tell', failedChecks: [] });
    expect(unreadable.code).toBe(2);
  }, 60_000);

  it('defaults baked in (collector --unattended --out-file <folder>) run without parameters, into that folder', async () => {
    const share = mkdtempSync(join(dir, 'share-'));
    const run = await runScript(scriptFor({ products: [product(1, 0x4004f401)], service }, { unattended: true, outFile: share }), 'd.ps1', ['-TimeoutMs', '200', ...kmsOption()]);
    expect(run.code).toBe(0);
    const [file, ...rest] = readdirSync(share);
    expect(rest).toEqual([]);
    expect(file).toMatch(/^activation-doctor-.+-\d{8}-\d{6}\.json$/);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'activated', file: join(share, file!) });
  }, 60_000);
});

/**
 * End to end: `node bin/activation-doctor.cjs diagnose --json ...` against real peers, as a
 * technician would run it from a laptop to check a KMS environment:
 * - chronyd 5 hours ahead on the KMS host → kms-time-skew first;
 * - a stale SRV record beside a working one → kms-srv-stale, proposing the working host;
 * - a black-holed KMS host inside a private network namespace → kms-port-filtered.
 * Every name goes to the --dns-server given; nothing else is contacted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema, type Diagnosis } from '../../shared/diagnosis/types';
import { startChronyd, type NtpPeer } from '../support/peers/chrony';
import { startDnsmasq, type DnsPeer } from '../support/peers/dnsmasq';
import { LAB_BLACKHOLED, createLab, type Lab } from '../support/peers/netns';
import { startTcpListener, type TcpPeer } from '../support/peers/tcp';

const BIN = fileURLToPath(new URL('../../bin/activation-doctor.cjs', import.meta.url));

function cli(command: string, args: string[]): Promise<{ code: number; diagnosis: Diagnosis; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
    execFile(command, args, { env, timeout: 60_000, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      const parsed = DiagnosisSchema.safeParse(JSON.parse(stdout || 'null'));
      if (!parsed.success) return reject(new Error(`exit ${code}, no diagnosis on stdout; stderr: ${stderr.slice(-500)}`));
      resolve({ code, diagnosis: parsed.data, stderr });
    });
  });
}

describe('activation-doctor diagnose (end to end, loopback peers)', () => {
  let kms: TcpPeer | undefined;
  let skewed: NtpPeer | undefined;
  let accurate: NtpPeer | undefined;
  let dns: DnsPeer | undefined;

  beforeAll(async () => {
    try {
      kms = await startTcpListener();
      skewed = await startChronyd('+5h');
      accurate = await startChronyd('+0');
      dns = await startDnsmasq({
        zones: ['corp.test', 'stale.test'],
        srv: [
          { name: '_vlmcs._tcp.corp.test', target: 'kms1.corp.test', port: kms.port, priority: 0, weight: 100 },
          { name: '_vlmcs._tcp.stale.test', target: 'kms-old.stale.test', port: 1688, priority: 0, weight: 0 },
          { name: '_vlmcs._tcp.stale.test', target: 'kms1.stale.test', port: kms.port, priority: 0, weight: 0 },
        ],
        hosts: [
          { name: 'kms1.corp.test', address: '127.0.0.1' },
          { name: 'kms1.stale.test', address: '127.0.0.1' },
        ],
      });
    } catch (error) {
      await dns?.stop();
      await skewed?.stop();
      await accurate?.stop();
      await kms?.close();
      throw error;
    }
  }, 30_000);

  afterAll(async () => {
    await dns?.stop();
    await skewed?.stop();
    await accurate?.stop();
    await kms?.close();
  });

  it('a KMS host clock 5 hours ahead gives kms-time-skew first, with the measured offset', async () => {
    const run = await cli(process.execPath, [BIN, 'diagnose', '--json', '--code', '0xC004F074', '--dns-server', dns!.server, '--domain', 'corp.test', '--ntp-port', String(skewed!.port), '--timeout', '1500']);
    expect(run.code).toBe(1);
    const top = run.diagnosis.findings[0]!;
    expect(top.id).toBe('kms-time-skew');
    expect(top.severity).toBe('blocker');
    expect(top.evidence[0]).toMatchObject({ label: 'Clock of kms1.corp.test (NTP)', limit: 'within 4 h', ok: false, observed: expect.stringMatching(/^5 h 00 min ahead/) });
    expect(top.fixes.map((f) => f.fixId)).toEqual(['sync-time', 'sync-time-from-kms-host']);
    expect(run.diagnosis.verdict.kind).toBe('cannot-tell');
  }, 60_000);

  it('a stale SRV record beside a working one gives kms-srv-stale and proposes the working host', async () => {
    const run = await cli(process.execPath, [BIN, 'diagnose', '--json', '--dns-server', dns!.server, '--domain', 'stale.test', '--ntp-port', String(accurate!.port), '--timeout', '1500']);
    const top = run.diagnosis.findings[0]!;
    expect(top.id).toBe('kms-srv-stale');
    expect(top.fixes).toEqual([expect.objectContaining({ fixId: 'set-kms-host', inputs: { host: `kms1.stale.test:${kms!.port}` } })]);
    expect(top.evidence.map((e) => `${e.label.split(' → ')[1]}:${e.ok}`).sort()).toEqual([`kms-old.stale.test:1688:false`, `kms1.stale.test:${kms!.port}:true`]);
    expect(run.diagnosis.findings.map((f) => f.id)).not.toContain('kms-time-skew');
  }, 60_000);
});

describe('activation-doctor diagnose (end to end, black-holed host in a namespace)', () => {
  let lab: Lab | undefined;

  beforeAll(async () => {
    lab = await createLab();
  }, 30_000);
  afterAll(async () => {
    await lab?.destroy();
  });

  it('a KMS host whose packets are dropped gives kms-port-filtered', async () => {
    const [command, args] = lab!.inClient(process.execPath, [BIN, 'diagnose', '--json', '--kms', `${LAB_BLACKHOLED[0]}:1688`, '--timeout', '1000']);
    const run = await cli(command, args);
    expect(run.code).toBe(1);
    const top = run.diagnosis.findings[0]!;
    expect(top.id).toBe('kms-port-filtered');
    expect(top.evidence[0]).toMatchObject({ ok: false, observed: expect.stringMatching(/^no answer after 1\.\d\d s|^no answer after 1 s/) });
  }, 60_000);
});

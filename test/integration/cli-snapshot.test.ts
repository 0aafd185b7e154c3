/**
 * End to end: `node bin/activation-doctor.cjs snapshot ...` against real peers on loopback -
 * dnsmasq (SRV records, one stale), chronyd 5 hours ahead, a TCP listener and a closed port.
 * Every name goes to the --dns-server given; nothing else is contacted.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBES } from '../../shared/probes';
import { parseSnapshotJson, type Snapshot } from '../../shared/snapshot';
import { startChronyd, type NtpPeer } from '../support/peers/chrony';
import { startDnsmasq, type DnsPeer } from '../support/peers/dnsmasq';
import { closedPort, startTcpListener, type TcpPeer } from '../support/peers/tcp';

const BIN = fileURLToPath(new URL('../../bin/activation-doctor.cjs', import.meta.url));
const HOUR = 3600_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    // A clean environment: no proxy variables, nothing the CLI could pick up by accident.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' };
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000, killSignal: 'SIGKILL', encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('activation-doctor snapshot (end to end)', () => {
  let dns: DnsPeer | undefined;
  let ntp: NtpPeer | undefined;
  let kms: TcpPeer | undefined;
  let refusedPort = 0;
  let dir = '';

  beforeAll(async () => {
    try {
      kms = await startTcpListener();
      refusedPort = await closedPort();
      ntp = await startChronyd('+5h');
      dns = await startDnsmasq({
        zones: ['corp.test'],
        srv: [
          { name: '_vlmcs._tcp.corp.test', target: 'kms1.corp.test', port: kms.port, priority: 0, weight: 100 },
          { name: '_vlmcs._tcp.corp.test', target: 'kms-old.corp.test', port: 1688, priority: 10, weight: 0 },
        ],
        hosts: [{ name: 'kms1.corp.test', address: '127.0.0.1' }],
      });
      dir = mkdtempSync(join(tmpdir(), 'ad-cli-'));
    } catch (error) {
      await dns?.stop();
      await ntp?.stop();
      await kms?.close();
      throw error;
    }
  }, 30_000);

  afterAll(async () => {
    await dns?.stop();
    await ntp?.stop();
    await kms?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const peerArgs = () => ['--dns-server', dns?.server ?? '', '--domain', 'corp.test', '--kms', `127.0.0.1:${refusedPort}`, '--ntp-port', String(ntp?.port ?? 0), '--timeout', '1500'];

  it('--json: a valid snapshot with real network facts and Windows facts unavailable', async () => {
    const run = await cli(['snapshot', '--json', ...peerArgs()]);
    expect(run.stderr).toMatch(new RegExp(`Collecting ${PROBES.length} facts`));
    expect(run.code).toBe(0);
    const parsed = parseSnapshotJson(run.stdout);
    if (!parsed.ok) throw new Error(parsed.message);
    const s: Snapshot = parsed.snapshot;

    expect(s.collector).toMatchObject({ kind: 'cli', platform: 'linux' });
    expect(s.options).toEqual({ kms: `127.0.0.1:${refusedPort}`, domain: 'corp.test', dnsServer: dns?.server, ntpPort: ntp?.port, timeoutMs: 1500 });
    for (const fact of Object.values(s.windows)) expect(fact).toMatchObject({ status: 'unavailable', reason: 'not-windows' });
    expect(s.azure).toMatchObject({ status: 'unavailable', reason: 'not-windows' });
    expect(s.network.activationEndpoints).toMatchObject({ status: 'unavailable', reason: 'not-applicable', detail: expect.stringMatching(/--check-online/) });

    const srv = s.network.srv;
    if (srv.status !== 'ok') throw new Error(`srv: ${JSON.stringify(srv)}`);
    expect(srv.value).toEqual([
      expect.objectContaining({
        domain: 'corp.test',
        sources: ['option'],
        result: 'found',
        dnsServer: dns?.server,
        records: [
          { target: 'kms1.corp.test', port: kms?.port, priority: 0, weight: 100, addresses: ['127.0.0.1'], resolveError: null },
          { target: 'kms-old.corp.test', port: 1688, priority: 10, weight: 0, addresses: [], resolveError: 'ENOTFOUND' },
        ],
      }),
    ]);

    const hosts = s.network.kmsHosts;
    if (hosts.status !== 'ok') throw new Error(`kmsHosts: ${JSON.stringify(hosts)}`);
    expect(hosts.value.map((h) => [h.host, h.port, h.sources, h.tcp])).toEqual([
      ['127.0.0.1', refusedPort, ['option'], 'refused'],
      ['kms1.corp.test', kms?.port, ['srv'], 'open'],
      ['kms-old.corp.test', 1688, ['srv'], 'unresolvable'],
    ]);

    const time = s.network.time;
    if (time.status !== 'ok') throw new Error(`time: ${JSON.stringify(time)}`);
    const byHost = Object.fromEntries(time.value.map((t) => [t.host, t]));
    for (const host of ['127.0.0.1', 'kms1.corp.test']) {
      expect(byHost[host]).toMatchObject({ result: 'ok', port: ntp?.port, stratum: 1 });
      expect(Math.abs((byHost[host]?.offsetMs ?? 0) - 5 * HOUR)).toBeLessThan(2000);
    }
    expect(byHost['kms-old.corp.test']).toMatchObject({ result: 'unresolvable' });
  });

  it('without --json: a readable summary on stdout, progress on stderr, and --out writes the JSON', async () => {
    const out = join(dir, 'snapshot.json');
    const run = await cli(['snapshot', ...peerArgs(), '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Snapshot of .* \(linux\), taken /);
    expect(run.stdout).toMatch(/_vlmcs\._tcp\.corp\.test \(--domain; via 127\.0\.0\.1:\d+\): found/);
    expect(run.stdout).toMatch(/kms-old\.corp\.test:1688 {2}priority 10, weight 0: does not resolve \(ENOTFOUND\)/);
    expect(run.stdout).toMatch(/kms1\.corp\.test \(UDP \d+\): host clock 5 h 00 min ahead of this computer/);
    // The one shared cause of the unread Windows facts is said once, with its one action.
    expect(run.stdout.match(/Not running on Windows: \d+ facts could not be read\./g)).toHaveLength(1);
    expect(run.stdout.match(/What to do: /g)).toHaveLength(1);
    expect(run.stdout).not.toMatch(/Administrator rights: /);
    expect(run.stdout).toMatch(/Microsoft's activation servers \(HTTPS\): skipped: /);
    // The same status words as diagnose and the app's checklist.
    expect(run.stderr).toMatch(/problem +KMS hosts answer on their port: 1 of 3 answer/);
    expect(run.stderr).toMatch(/Snapshot written to /);
    const written = readFileSync(out, 'utf8');
    expect(written.endsWith('\n')).toBe(true);
    expect(parseSnapshotJson(written).ok).toBe(true);
  });

  it('bad input: exit 2, one line on stderr naming the flag and the rule, nothing contacted', async () => {
    const run = await cli(['snapshot', '--json', '--dns-server', '127.0.0.1:0']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('activation-doctor snapshot: --dns-server: the port of the DNS server must be from 1 to 65535 (got 0)\n');
  });
});

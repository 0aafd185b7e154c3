/**
 * `snapshot --check-online` wiring, without contacting anyone: the proxy from HTTPS_PROXY is a
 * closed port on loopback, so every CONNECT attempt ends there (names are left to the proxy and
 * never resolved here).
 */
import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../../../main/cli/commands/snapshot';
import { UsageError } from '../../../main/cli/io';
import { parseSnapshotJson } from '../../../shared/snapshot';
import { closedPort } from '../../support/peers/tcp';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('snapshot --check-online', () => {
  it("goes through HTTPS_PROXY to Microsoft's seven activation hosts and names the proxy", async () => {
    const port = await closedPort();
    const { io: cliIo, out } = io();
    const code = await runSnapshot(['--json', '--check-online', '--timeout', '500'], cliIo, { platform: 'linux', env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    expect(code).toBe(0);
    const parsed = parseSnapshotJson(out.join(''));
    if (!parsed.ok) throw new Error(parsed.message);
    const fact = parsed.snapshot.network.activationEndpoints;
    if (fact.status !== 'ok') throw new Error(JSON.stringify(fact));
    expect(fact.value.map((e) => e.host)).toEqual([
      'activation-v2.sls.microsoft.com',
      'validation-v2.sls.microsoft.com',
      'activation.sls.microsoft.com',
      'login.live.com',
      'go.microsoft.com',
      'displaycatalog.mp.microsoft.com',
      'licensing.mp.microsoft.com',
    ]);
    for (const e of fact.value) expect(e).toMatchObject({ port: 443, result: 'proxy-error', proxy: `http://127.0.0.1:${port}` });
  });

  it('rejects an HTTPS_PROXY it cannot use before contacting anything', async () => {
    const { io: cliIo, out } = io();
    await expect(runSnapshot(['--check-online'], cliIo, { platform: 'linux', env: { HTTPS_PROXY: 'socks5://127.0.0.1:1080' } })).rejects.toThrow(UsageError);
    expect(out).toEqual([]);
  });

  it('without the flag, HTTPS_PROXY is not even read and nothing is checked', async () => {
    const { io: cliIo, out } = io();
    const code = await runSnapshot(['--json'], cliIo, { platform: 'linux', env: { HTTPS_PROXY: 'socks5://ignored' } });
    expect(code).toBe(0);
    const parsed = parseSnapshotJson(out.join(''));
    expect(parsed.ok && parsed.snapshot.network.activationEndpoints).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
  });
});

describe('snapshot --out', () => {
  it('a file that cannot be written: exit 2 with one line, and the snapshot still printed', async () => {
    const { io: cliIo, out, err } = io();
    const code = await runSnapshot(['--json', '--out', '/nonexistent-dir/sub/snapshot.json'], cliIo, { platform: 'linux', env: {} });
    expect(code).toBe(2);
    expect(parseSnapshotJson(out.join('')).ok).toBe(true);
    expect(err.filter((l) => l.startsWith('activation-doctor snapshot:'))).toEqual(['activation-doctor snapshot: could not write /nonexistent-dir/sub/snapshot.json (ENOENT); the snapshot was taken but not saved\n']);
  });
});

/**
 * `fleet collect` for real: the same Invoke-Command fan-out the CLI runs (fan-out-script.ts), over
 * PowerShell remoting on SSH, against sshd hosts in private network namespaces
 * (test/support/peers/ssh-fleet.ts), with a throttle: each live host runs the generated collector
 * script in its own remote PowerShell and its file comes back; a black-holed host times out and a
 * host with no listener refuses. pwsh, sshd or root missing fails the test, it never skips.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCollectorScript } from '../../main/collector/script';
import { collectFleet, type CollectOutcome } from '../../main/fleet/collect';
import { readSnapshotBytes } from '../../main/snapshot-file';
import { createSshFleetLab, type SshFleetLab } from '../support/peers/ssh-fleet';

describe('fleet collect over PowerShell remoting (SSH) in network namespaces', () => {
  let lab: SshFleetLab | undefined;
  let outcomes: CollectOutcome[] = [];
  let outDir = '';
  let elapsedMs = 0;
  const seen: string[] = [];

  beforeAll(async () => {
    try {
      lab = await createSshFleetLab(3);
      outDir = mkdtempSync(join(tmpdir(), 'fleet-out-'));
      const started = Date.now();
      outcomes = await collectFleet({
        computers: [...lab.hosts, lab.blackholed, lab.refused],
        throttle: 3,
        transport: { kind: 'ssh', userName: 'root', keyFilePath: lab.keyFilePath, knownHostsFile: lab.knownHostsFile, port: 22 },
        outDir,
        shell: lab.shell,
        collectorScript: buildCollectorScript({ version: '0.1.0' }),
        checkTimeoutMs: 500,
        connectTimeoutMs: 2000,
        sessionTimeoutMs: 30_000,
        overallTimeoutMs: 50_000,
        onOutcome: (o) => seen.push(o.computer),
      });
      elapsedMs = Date.now() - started;
    } catch (error) {
      await lab?.destroy();
      throw error;
    }
  }, 60_000);

  afterAll(async () => {
    await lab?.destroy();
  });

  it('brings back one readable collector file from every live host', () => {
    for (const host of lab!.hosts) {
      const outcome = outcomes.find((o) => o.computer === host);
      expect(outcome, `${host}: ${JSON.stringify(outcome)}`).toMatchObject({ ok: true });
      if (!outcome?.ok) continue;
      const read = readSnapshotBytes(readFileSync(outcome.file));
      expect(read.ok && read.source).toBe('collector');
      // Linux has no SoftwareLicensingProduct: the remote collector says so instead of failing.
      expect(read.ok && read.snapshot.windows.licensing.status).toBe('unavailable');
      // The unattended summary line came back too, judged "cannot tell" (exit 2 semantics).
      expect(JSON.parse(outcome.summary ?? '{}')).toMatchObject({ format: 'activation-doctor/collector-summary', verdict: 'cannot-tell' });
    }
    expect(readdirSync(outDir).sort()).toEqual(lab!.hosts.map((h) => `${h}.json`).sort());
  });

  it('reports the black-holed host as timed out and the closed one as refused', () => {
    expect(outcomes.find((o) => o.computer === lab!.blackholed)).toMatchObject({ ok: false, kind: 'timed-out' });
    expect(outcomes.find((o) => o.computer === lab!.refused)).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('reports every computer exactly once, as each finishes, within the run time limit', () => {
    expect([...seen].sort()).toEqual([...lab!.hosts, lab!.blackholed, lab!.refused].sort());
    expect(elapsedMs).toBeLessThan(50_000);
  });
});

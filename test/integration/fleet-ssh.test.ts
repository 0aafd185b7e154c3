/**
 * `fleet collect` for real, through the CLI: the Invoke-Command fan-out (fan-out-script.ts) over
 * PowerShell remoting on SSH, against sshd hosts in private network namespaces
 * (test/support/peers/ssh-fleet.ts), with a throttle: each live host runs the generated collector
 * script in its own remote PowerShell and its file comes back; a black-holed host times out and a
 * host with no listener refuses. pwsh, sshd or root missing fails the test, it never skips.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFleet } from '../../main/cli/commands/fleet';
import { collectFleet, type CollectOutcome } from '../../main/fleet/collect';
import { hostFacts } from '../../main/powershell/environment';
import { readSnapshotBytes } from '../../main/snapshot-file';
import { createSshFleetLab, type SshFleetLab } from '../support/peers/ssh-fleet';

describe('fleet collect over PowerShell remoting (SSH) in network namespaces', () => {
  let lab: SshFleetLab | undefined;
  let outcomes: CollectOutcome[] = [];
  let outDir = '';
  let elapsedMs = 0;
  const seen: string[] = [];

  const cli = { code: -1, stdout: '', stderr: '' };

  beforeAll(async () => {
    try {
      lab = await createSshFleetLab(3);
      outDir = mkdtempSync(join(tmpdir(), 'fleet-out-'));
      const started = Date.now();
      // The CLI as a technician runs it; only the remoting run is wrapped, to keep its outcomes.
      const io = { stdout: (t: string) => (cli.stdout += t), stderr: (t: string) => (cli.stderr += t) };
      const argv = ['collect', '--ssh', '--user', 'root', '--key-file', lab.keyFilePath, '--known-hosts', lab.knownHostsFile, '--computers', [...lab.hosts, lab.blackholed, lab.refused].join(','), '--throttle', '3', '--timeout', '500', '--out', outDir];
      cli.code = await runFleet(argv, io, {
        now: () => new Date(),
        platform: process.platform,
        env: {},
        host: hostFacts(),
        shell: lab.shell,
        collect: async (options) => {
          outcomes = await collectFleet({ ...options, connectTimeoutMs: 2000, overallTimeoutMs: 50_000, onOutcome: (o) => (seen.push(o.computer), options.onOutcome?.(o)) });
          return outcomes;
        },
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

  it('the CLI lists the unreachable computers with why, exits 1, and the folder diagnoses as a fleet', async () => {
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`3 of 5 computers collected into ${outDir}`);
    expect(cli.stdout).toContain(`  ${lab!.blackholed}: no answer in time`);
    expect(cli.stdout).toContain(`  ${lab!.refused}: the connection was refused`);
    let stdout = '';
    const code = await runFleet(['diagnose', outDir, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined }, { now: () => new Date(), platform: process.platform, env: {}, host: hostFacts() });
    const fleet = JSON.parse(stdout) as { totals: { machines: number; cannotTell: number } };
    // Linux has no licence state to read: three machines, each "cannot tell", so not healthy.
    expect(fleet.totals).toMatchObject({ machines: 3, cannotTell: 3 });
    expect(code).toBe(1);
  });
});

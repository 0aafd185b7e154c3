// Many computers: the fleet diagnosis at 10,000 machines, and the remoting fan-out.
//
// 1. Diagnosis. 10,000 generated snapshots (test/support/fleet-generator.ts: healthy machines plus
//    planted duplicates, split hosts, a dead host, stale renewals, a retail key) are written to a
//    temporary folder, then read back and diagnosed by the same code as `fleet diagnose` (one file
//    at a time, only each machine's summary kept), in a fresh Node process whose peak memory
//    (maxRSS) is reported. Side by side: one snapshot read and diagnosed, repeated, in its own
//    process. Goal: under 10 s and under 1 GB for the 10,000.
// 2. Fan-out. N PowerShell remoting hosts over SSH in private network namespaces
//    (test/support/peers/ssh-fleet.ts; default 20, FLEET_BENCH_HOSTS to change), each running the
//    real collector script, collected at throttle 1 and at throttle 8; wall time of each and the
//    ratio. Needs root, sshd and .tools/pwsh. Everything is torn down by PID and namespace name.
// Not a test: it reports, it does not gate CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const MACHINES = Number(process.env.FLEET_BENCH_MACHINES ?? 10_000);
const HOSTS = Number(process.env.FLEET_BENCH_HOSTS ?? 20);
const SINGLE_REPEATS = 200;
const root = fileURLToPath(new URL('..', import.meta.url));
const out = (line = '') => process.stdout.write(`${line}\n`);
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

async function bundle(work) {
  const lib = join(work, 'fleet-lib.mjs');
  await build({
    stdin: {
      contents: [
        "export { generateFleet } from './test/support/fleet-generator';",
        "export { createFleetAccumulator } from './shared/fleet';",
        "export { diagnose } from './shared/diagnosis';",
        "export { listSnapshotFiles, readSnapshotFolder } from './main/fleet/snapshot-folder';",
        "export { readSnapshotBytes } from './main/snapshot-file';",
        "export { collectFleet } from './main/fleet/collect';",
        "export { buildCollectorScript, readProbeScripts } from './main/collector/script';",
        "export { createSshFleetLab } from './test/support/peers/ssh-fleet';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'fleet-bench-lib.ts',
    },
    outfile: lib,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    external: ['electron', 'node-powershell'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return lib;
}

// --- worker modes (run in a fresh process so maxRSS is theirs alone) ---------------------------
async function worker(mode, lib, dir, count) {
  const m = await import(pathToFileURL(lib).href);
  const { readFile, writeFile } = await import('node:fs/promises');
  const started = performance.now();
  let detail = {};
  if (mode === 'generate') {
    for (const { name, snapshot } of m.generateFleet(count)) await writeFile(join(dir, `${name}.json`), JSON.stringify(snapshot));
  } else if (mode === 'single') {
    const [first] = await m.listSnapshotFiles(dir);
    for (let i = 0; i < SINGLE_REPEATS; i++) {
      const read = m.readSnapshotBytes(await readFile(join(dir, first)));
      if (!read.ok) throw new Error(read.message);
      m.diagnose(read.snapshot);
    }
  } else if (mode === 'fleet') {
    const acc = m.createFleetAccumulator();
    for await (const input of m.readSnapshotFolder(dir)) acc.add(input);
    const fleet = acc.finish();
    detail = { totals: fleet.totals, fleetFindings: fleet.fleetFindings.map((f) => `${f.id}(${f.machines.length})`) };
  }
  const elapsedMs = performance.now() - started;
  process.stdout.write(JSON.stringify({ elapsedMs, maxRssKb: process.resourceUsage().maxRSS, detail }));
}

function runWorker(mode, lib, dir) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', mode, lib, dir, String(MACHINES)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${mode} worker failed: ${run.stderr.trim().slice(-800)}`);
  return JSON.parse(run.stdout);
}

async function fanOut(lib, work) {
  const m = await import(pathToFileURL(lib).href);
  process.env.ACTIVATION_DOCTOR_PWSH ??= join(root, '.tools', 'pwsh', 'pwsh');
  const collectorScript = m.buildCollectorScript({ version: '0.1.0', probeScripts: m.readProbeScripts(join(root, 'main', 'probes', 'windows')) });
  const lab = await m.createSshFleetLab(HOSTS);
  const stop = () => lab.destroy().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    out(`\nremoting fan-out: ${HOSTS} PowerShell-over-SSH hosts in namespaces, real collector script on each`);
    const results = {};
    for (const throttle of [1, 8]) {
      const outDir = mkdtempSync(join(work, `out-${throttle}-`));
      const started = performance.now();
      const outcomes = await m.collectFleet({
        computers: lab.hosts,
        throttle,
        transport: { kind: 'ssh', userName: 'root', keyFilePath: lab.keyFilePath, knownHostsFile: lab.knownHostsFile, port: 22 },
        outDir,
        shell: lab.shell,
        collectorScript,
        checkTimeoutMs: 500,
        connectTimeoutMs: 2000,
        sessionTimeoutMs: 60_000,
        overallTimeoutMs: 900_000,
      });
      const ms = performance.now() - started;
      const ok = outcomes.filter((o) => o.ok).length;
      results[throttle] = ms;
      out(`  throttle ${String(throttle).padStart(2)}: ${(ms / 1000).toFixed(1).padStart(6)} s wall, ${ok}/${HOSTS} collected${ok < HOSTS ? ` (${outcomes.filter((o) => !o.ok).map((o) => `${o.computer}: ${o.kind}`).join('; ')})` : ''}`);
    }
    out(`  throttle 1 / throttle 8: ${(results[1] / results[8]).toFixed(2)}x (on ${(await import('node:os')).cpus().length} cores: each remote session starts a PowerShell, so CPU bounds the gain)`);
  } finally {
    await lab.destroy();
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'ad-fleet-bench-'));
  try {
    const lib = await bundle(work);
    const dir = mkdtempSync(join(work, 'snapshots-'));
    out(`generating ${MACHINES} snapshots into a temporary folder...`);
    runWorker('generate', lib, dir);
    const single = runWorker('single', lib, dir);
    const fleet = runWorker('fleet', lib, dir);
    const perSnapshot = single.elapsedMs / SINGLE_REPEATS;
    out(`\nfleet diagnosis of ${MACHINES} snapshots (read, validate, diagnose, summarise; then the fleet rules):`);
    out(`  one snapshot:   ${perSnapshot.toFixed(2).padStart(8)} ms each (${SINGLE_REPEATS} runs)   peak ${mb(single.maxRssKb)}`);
    out(`  ${MACHINES} machines: ${(fleet.elapsedMs / 1000).toFixed(2).padStart(8)} s total              peak ${mb(fleet.maxRssKb)}`);
    out(`  fleet / (${MACHINES} x one): ${(fleet.elapsedMs / (perSnapshot * MACHINES)).toFixed(2)}   goal < 10 s: ${fleet.elapsedMs < 10_000 ? 'met' : 'MISSED'}, < 1 GB: ${fleet.maxRssKb < 1024 * 1024 ? 'met' : 'MISSED'}`);
    out(`  found: ${fleet.detail.fleetFindings.join(', ')}; ${fleet.detail.totals.healthy} healthy, ${fleet.detail.totals.problems} with problems`);
    if (HOSTS > 0) await fanOut(lib, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4], process.argv[5], Number(process.argv[6]));
} else {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`fleet bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

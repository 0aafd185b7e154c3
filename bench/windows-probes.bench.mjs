// Windows probes: one PowerShell process per check of this computer, measured.
//
// Runs the whole Windows probe set (the seven collectors, started together as collectSnapshot
// starts them) through the app's runner in the real pwsh from .tools/pwsh, with the Windows cmdlets
// stubbed from a captured machine (test/fixtures/powershell/real/: the same wrapper and stubs as
// test/integration/powershell-real.test.ts). Side by side in one run:
//   - a cold check (PowerShell starts, then seven scripts), then warm checks in the same session;
//   - the same seven scripts with one PowerShell process each (what a per-call shell would cost).
// Prints wall times, PowerShell processes started and invocations per check, and the ratios.
// Not a test: it reports, it does not gate CI. pwsh on Linux starts slower than powershell.exe, and
// the stubs answer at once where CIM takes its time: the ratios matter, not the milliseconds.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const PWSH = join(root, '.tools', 'pwsh', 'pwsh');
const WRAPPER = join(root, 'test', 'fixtures', 'powershell', 'real', 'pwsh-session.sh');
const TEST_SCRIPTS = join(root, 'test', 'fixtures', 'powershell', 'real', 'scripts');
const PROBES = join(root, 'main', 'probes', 'windows');
const MACHINE = 'ws2019-kms-client';
const WARM_CHECKS = 3;
const out = (line = '') => process.stdout.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'ad-bench-ps-'));
const startLog = join(work, 'starts.log');

async function bundle() {
  // Next to the repository's node_modules, so the installed (patched) node-powershell is the one loaded.
  const dir = join(root, 'out', 'bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'windows-probes.cjs');
  await build({
    stdin: {
      contents: "export { createPowerShellRunner } from './main/powershell/runner'; export { createWindowsCollectors } from './main/probes/windows';",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-windows.ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron', 'node-powershell'],
  });
  return createRequire(import.meta.url)(outfile);
}

const starts = () => (existsSync(startLog) ? readFileSync(startLog, 'utf8').split('\n').filter(Boolean).length : 0);

function counting(runner) {
  const counter = { invocations: 0 };
  return {
    counter,
    runner: {
      invoke: (...args) => {
        counter.invocations += 1;
        return runner.invoke(...args);
      },
      dispose: () => runner.dispose(),
    },
  };
}

const context = () => ({ signal: new AbortController().signal, timeoutMs: 3000, options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 } });
const READS = ['os', 'licensing', 'networkConfig', 'services', 'events', 'elevation', 'firewall'];

async function check(collectors) {
  const started = performance.now();
  const ctx = context();
  const facts = await Promise.all(READS.map((name) => collectors[name](ctx)));
  return { ms: performance.now() - started, facts };
}

async function main() {
  if (!existsSync(PWSH)) throw new Error(`pwsh is missing at ${PWSH} (.ci/run installs it)`);
  delete process.env.NODE_POWERSHELL;
  Object.assign(process.env, { AD_TEST_PWSH: PWSH, AD_TEST_STUBS: '1', AD_STUB_MACHINE_DIR: join(root, 'test', 'fixtures', 'windows', MACHINE), AD_TEST_START_LOG: startLog });
  appendFileSync(startLog, '');
  const { createPowerShellRunner, createWindowsCollectors } = await bundle();
  const makeRunner = () => createPowerShellRunner({ scriptsDir: [TEST_SCRIPTS, PROBES], executable: WRAPPER, packaged: false });

  out(`pwsh ${PWSH}; machine ${MACHINE}; ${READS.length} collectors per check`);

  // One session: the app's way.
  const shared = counting(makeRunner());
  const collectors = createWindowsCollectors(shared.runner, { platform: 'win32' });
  const rows = [];
  try {
    for (let i = 0; i <= WARM_CHECKS; i++) {
      const before = { starts: starts(), invocations: shared.counter.invocations };
      const { ms, facts } = await check(collectors);
      const ok = facts.filter((f) => f.status === 'ok' || f.reason === 'not-applicable').length;
      rows.push({ label: i === 0 ? 'one session, cold check' : `one session, warm check ${i}`, ms, processes: starts() - before.starts, invocations: shared.counter.invocations - before.invocations, ok });
    }
  } finally {
    await shared.runner.dispose();
  }

  // One PowerShell per script, one after another (the runner runs one script at a time anyway):
  // the cost the shared session avoids.
  const before = starts();
  const started = performance.now();
  let invocations = 0;
  let ok = 0;
  for (const name of READS) {
    const own = counting(makeRunner());
    try {
      const fact = await createWindowsCollectors(own.runner, { platform: 'win32' })[name](context());
      if (fact.status === 'ok' || fact.reason === 'not-applicable') ok += 1;
      else if (name !== 'elevation') out(`  ${name}: ${fact.reason}: ${fact.detail}`);
    } finally {
      invocations += own.counter.invocations;
      await own.runner.dispose();
    }
  }
  rows.push({ label: 'one PowerShell per script', ms: performance.now() - started, processes: starts() - before, invocations, ok });

  out();
  for (const row of rows) {
    out(`${row.label.padEnd(30)} ${row.ms.toFixed(0).padStart(6)} ms   PowerShell processes ${row.processes}   invocations ${row.invocations}   facts read ${row.ok}/${READS.length}`);
  }
  const cold = rows[0].ms;
  const warm = rows.slice(1, -1).map((r) => r.ms).sort((a, b) => a - b)[Math.floor(WARM_CHECKS / 2)];
  const perScript = rows.at(-1).ms;
  out();
  out(`cold / warm check (PowerShell start in a check): ${(cold / warm).toFixed(2)}`);
  out(`one-per-script / cold check:                     ${(perScript / cold).toFixed(2)}`);
  out(`one-per-script / warm check:                     ${(perScript / warm).toFixed(2)}`);
  out('(elevation reads WindowsIdentity, which pwsh on Linux lacks: 6/7 facts is the expected count here)');
}

try {
  await main();
} catch (error) {
  process.stderr.write(`windows-probes bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Network probes: concurrent versus one after another, against black-holed hosts.
//
// Builds a private two-namespace network (test/support/peers/netns.ts: 198.18.0.0/29, no default
// route, nothing in the root namespace), runs dnsmasq inside it with _vlmcs._tcp records for three
// black-holed KMS hosts, and runs the full network probe set INSIDE the client namespace:
//   - SRV lookup (answers at once), then TCP 1688 + SNTP to three black-holed hosts (time out),
//   - --kms at a refused port, SNTP to a port with no NTP server,
//   - one HTTPS activation endpoint and IMDS at black-holed addresses.
// Once through the orchestrator (collectSnapshot: everything at once) and once with the same probes
// one after another. Prints both durations, the concurrent run's ratio to the per-probe timeout
// (target <= 1.2) and the sequential/concurrent ratio. Needs root. Tears everything down by PID and
// namespace name, also on failure or Ctrl+C. Not a test: it reports, it does not gate CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const TIMEOUT_MS = 1000;
const TARGET_RATIO = 1.2;
const root = fileURLToPath(new URL('..', import.meta.url));
const peers = join(root, 'test', 'support', 'peers');
const out = (line = '') => process.stdout.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'ad-bench-'));
let lab = null;
let dns = null;
let tornDown = false;

async function teardown() {
  if (tornDown) return;
  tornDown = true;
  try {
    if (dns) await dns.stop();
  } finally {
    if (lab) await lab.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    teardown().finally(() => process.exit(130));
  });
}

async function bundle() {
  // The lab helpers and the runner are TypeScript: bundle them once into this run's directory.
  await build({
    stdin: { contents: "export * from './netns'; export * from './dnsmasq'; export * from './process';", resolveDir: peers, loader: 'ts', sourcefile: 'bench-lab.ts' },
    outfile: join(work, 'lab.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(peers, 'probe-runner.ts')],
    outfile: join(work, 'runner.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron', 'node-powershell'],
  });
  return createRequire(import.meta.url)(join(work, 'lab.cjs'));
}

async function runInClient(labHelpers, input) {
  const [command, args] = lab.inClient(process.execPath, [join(work, 'runner.cjs'), JSON.stringify(input)]);
  const stdout = await labHelpers.runToCompletion(command, args, 120_000);
  return JSON.parse(stdout);
}

async function main() {
  const helpers = await bundle();
  const { LAB_OPEN, LAB_REFUSED, LAB_BLACKHOLED } = helpers;
  lab = await helpers.createLab();
  const names = ['kms-a', 'kms-b', 'kms-c'];
  dns = await helpers.startDnsmasq({
    zones: ['corp.test'],
    srv: names.map((n) => ({ name: '_vlmcs._tcp.corp.test', target: `${n}.corp.test`, port: 1688 })),
    hosts: names.map((n, i) => ({ name: `${n}.corp.test`, address: LAB_BLACKHOLED[i] })),
    listen: LAB_OPEN,
    port: 5353,
    netns: lab.server,
  });
  const probeSet = {
    options: { kms: `${LAB_REFUSED}:1688`, domain: 'corp.test', dnsServer: `${LAB_OPEN}:5353`, ntpPort: 123, timeoutMs: TIMEOUT_MS },
    endpoints: [{ host: LAB_BLACKHOLED[0], port: 443 }],
    imdsBaseUrl: `http://${LAB_BLACKHOLED[1]}`,
  };

  out(`namespaces ${lab.client} / ${lab.server}; per-probe timeout ${TIMEOUT_MS} ms`);
  out(`candidates: 3 black-holed KMS hosts from SRV (${LAB_BLACKHOLED.join(', ')}), --kms ${LAB_REFUSED}:1688 (refused),`);
  out('            SNTP on port 123 to each (no answer), 1 HTTPS endpoint and IMDS at black-holed addresses');

  const concurrent = await runInClient(helpers, { mode: 'snapshot', ...probeSet });
  const sequential = await runInClient(helpers, { mode: 'sequential', ...probeSet });

  const snap = concurrent.result;
  const summary = (fact) => (fact.status === 'ok' ? fact.value.map((v) => `${v.host ?? v.domain}:${v.tcp ?? v.result}`).join(', ') : `${fact.status}: ${fact.reason}`);
  out();
  out(`  kmsHosts: ${summary(snap.network.kmsHosts)}`);
  out(`  time:     ${summary(snap.network.time)}`);
  out(`  https:    ${summary(snap.network.activationEndpoints)}`);
  out(`  azure:    ${snap.azure.status === 'ok' ? `isAzure ${snap.azure.value.isAzure}` : snap.azure.reason}`);
  out();
  const c = concurrent.elapsedMs;
  const s = sequential.elapsedMs;
  const ratio = c / TIMEOUT_MS;
  out(`concurrent (collectSnapshot):  ${c.toFixed(0).padStart(6)} ms   = ${ratio.toFixed(2)} x timeout  (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`);
  out(`sequential (one after another): ${s.toFixed(0).padStart(6)} ms   = ${(s / TIMEOUT_MS).toFixed(2)} x timeout`);
  out(`sequential / concurrent:        ${(s / c).toFixed(2)}`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`network-probes bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await teardown();
}

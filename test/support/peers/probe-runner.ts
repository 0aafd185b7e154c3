/**
 * Runs network probes inside a test network namespace (`ip netns exec <client> node runner.cjs
 * '<json>'`), bundled by bundleProbeRunner(). Prints one JSON line: what ran, how long it took and
 * the results. Used by test/integration/blackhole.test.ts and bench/network-probes.bench.mjs.
 *
 * Modes:
 *   tcp         checkTcp on every target, concurrently
 *   snapshot    collectSnapshot (the orchestrator: everything at once)
 *   sequential  the same probes as `snapshot`, one after another (the benchmark's baseline)
 */
import { performance } from 'node:perf_hooks';
import { parseDnsServer } from '../../../shared/inputs';
import type { SnapshotOptions } from '../../../shared/snapshot';
import { probeImds } from '../../../main/probes/azure';
import { collectSnapshot, notWindowsCollectors } from '../../../main/probes/collect';
import { optionCandidates, srvCandidates, type KmsCandidate } from '../../../main/probes/network/candidates';
import { checkEndpoint, type Endpoint } from '../../../main/probes/network/https-endpoints';
import { createNameResolver, type NameResolver } from '../../../main/probes/network/resolver';
import { checkTime } from '../../../main/probes/network/sntp';
import { lookupSrv, srvDomainCandidates } from '../../../main/probes/network/srv';
import { checkTcp } from '../../../main/probes/network/tcp';

interface ProbeSetInput {
  options: SnapshotOptions;
  endpoints?: Endpoint[];
  imdsBaseUrl?: string;
}
export type RunnerInput =
  | { mode: 'tcp'; targets: { host: string; port: number }[]; timeoutMs: number }
  | ({ mode: 'snapshot' } & ProbeSetInput)
  | ({ mode: 'sequential' } & ProbeSetInput);

function resolverFor(options: SnapshotOptions): NameResolver {
  if (!options.dnsServer) throw new Error('the runner needs options.dnsServer: it never uses the system resolver');
  const parsed = parseDnsServer(options.dnsServer);
  if (!parsed.ok) throw new Error(parsed.message);
  return createNameResolver(parsed.value);
}

async function sequential(input: ProbeSetInput): Promise<unknown> {
  const { options } = input;
  const signal = new AbortController().signal;
  const timeoutMs = options.timeoutMs;
  const resolver = resolverFor(options);
  const results: unknown[] = [];
  if (input.imdsBaseUrl) results.push(await probeImds({ baseUrl: input.imdsBaseUrl, timeoutMs, signal }));
  const candidates: KmsCandidate[] = [...optionCandidates(options.kms)];
  for (const domain of srvDomainCandidates({ option: options.domain })) {
    const lookup = await lookupSrv(domain, { resolver, timeoutMs, signal });
    results.push(lookup);
    candidates.push(...srvCandidates(lookup));
  }
  for (const candidate of candidates) {
    const resolution = () => (candidate.resolution ? Promise.resolve(candidate.resolution) : resolver.resolveAddresses(candidate.host, { timeoutMs, signal }));
    results.push(await checkTcp(candidate, { timeoutMs, signal, resolution: resolution() }));
    results.push(await checkTime(candidate.host, { port: options.ntpPort, timeoutMs, signal, resolution: resolution() }));
  }
  for (const endpoint of input.endpoints ?? []) results.push(await checkEndpoint(endpoint, { resolver, proxy: null, timeoutMs, signal }));
  return results;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as RunnerInput;
  const started = performance.now();
  let result: unknown;
  const signal = new AbortController().signal;
  if (input.mode === 'tcp') {
    result = await Promise.all(
      input.targets.map((t) => checkTcp({ ...t, sources: ['option'] }, { timeoutMs: input.timeoutMs, signal, resolution: Promise.resolve({ ok: true, addresses: [t.host] }) })),
    );
  } else if (input.mode === 'snapshot') {
    result = await collectSnapshot({
      windows: notWindowsCollectors('linux'),
      options: input.options,
      platform: 'linux',
      resolver: resolverFor(input.options),
      checkOnline: (input.endpoints ?? []).length > 0,
      endpoints: input.endpoints ?? [],
      proxy: null,
      ...(input.imdsBaseUrl ? { imdsBaseUrl: input.imdsBaseUrl } : {}),
      collector: { kind: 'cli', version: 'test', hostname: null },
    });
  } else {
    result = await sequential(input);
  }
  process.stdout.write(`${JSON.stringify({ mode: input.mode, elapsedMs: performance.now() - started, result })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`probe-runner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

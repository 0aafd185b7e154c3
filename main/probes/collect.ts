/**
 * Takes a snapshot: every probe at once, each with its own time limit, progress streamed as
 * events. The run lasts as long as its slowest chain, not the sum of its probes:
 *
 *   --kms, --domain ............ checked at once
 *   licensing / networkConfig .. their DNS domains are searched for SRV records when they arrive
 *   SRV answers, configured and discovered KMS hosts, the newest 12288 event, Azure's KMS
 *       ........................ each becomes a TCP and an SNTP check (side by side) the moment it is known
 *
 * Nothing leaves the machine unless the caller allows it: IMDS is asked only on Windows (or at an
 * address the caller gives), Microsoft's activation servers only with `checkOnline`, and with a DNS
 * server in the options every name is resolved there and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { isIP } from 'node:net';
import { hostname as osHostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { probeFact, type ProbeEvent, type ProbeId } from '../../shared/probes';
import { parseDnsServer } from '../../shared/inputs';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  factValue,
  okFact,
  unavailableFact,
  type AzureFacts,
  type EndpointCheck,
  type EventFacts,
  type Fact,
  type KmsHostCheck,
  type LicensingFacts,
  type NetworkConfig,
  type Snapshot,
  type SnapshotOptions,
  type SrvLookup,
  type TimeCheck,
  type WindowsFactKey,
  type WindowsFacts,
} from '../../shared/snapshot';
import { IMDS_DEFAULT_BASE_URL, IMDS_TIMEOUT_MS } from './azure';
import { AZURE_LOCAL_LEGACY_BASE_URL, probeAzure } from './azure-attestation';
import {
  azureCandidates,
  candidateKey,
  eventCandidates,
  licensingCandidates,
  optionCandidates,
  srvCandidates,
  type KmsCandidate,
} from './network/candidates';
import { clip, errorMessage } from './network/errors';
import { ACTIVATION_ENDPOINTS, checkEndpoint, type Endpoint } from './network/https-endpoints';
import { bypassesProxy, parseWinHttpProxy, type ProxyConfig } from './network/proxy';
import { createNameResolver, type NameResolver, type Resolution } from './network/resolver';
import { checkTime } from './network/sntp';
import { lookupSrv, srvDomainCandidates, type SrvDomainCandidate } from './network/srv';
import { checkTcp } from './network/tcp';
import {
  describeAzure,
  describeEndpoints,
  describeKmsHosts,
  describeSrv,
  describeTime,
} from './outcomes';
import { runProbe, type Described, type RunContext } from './run-probe';
import type { ProbeContext, WindowsCollectors } from './types';
import { NOT_CONTACTED_REASONS, contactDecision, type ContactDecision, type NotContactedReason } from '../../shared/kms-target';
import { organisationDomains } from '../../shared/org-domains';
import { WINDOWS_SCRIPT_TIMEOUT_MS, createWindowsCollectors } from './windows';
import { WINDOWS_PROBES } from './windows/registry';
import type { PowerShellRunner } from '../powershell/runner';

export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_NTP_PORT = 123;

export interface CollectSnapshotInput {
  windows: WindowsCollectors;
  options: SnapshotOptions;
  /** process.platform of the machine being checked; decides whether IMDS may be asked. */
  platform: string;
  /** Wall clock for takenAt and event times (tests pin it). */
  now?: () => Date;
  onEvent?: (event: ProbeEvent) => void;
  signal?: AbortSignal;
  runId?: string;
  collector?: { kind: Snapshot['collector']['kind']; version: string; hostname?: string | null };
  /** IMDS address. Omitted: http://169.254.169.254 on Windows, not asked elsewhere. */
  imdsBaseUrl?: string;
  /** Contact Microsoft's online-activation servers (the CLI's --check-online). Default false. */
  checkOnline?: boolean;
  /** Hosts for the online check (default: ACTIVATION_ENDPOINTS). */
  endpoints?: readonly Endpoint[];
  /**
   * Proxy for the online check. Omitted: the WinHTTP proxy from the Windows facts, if any.
   * null: connect directly.
   */
  proxy?: ProxyConfig | null;
  /** NO_PROXY-style list of hosts that bypass the proxy. */
  noProxy?: string;
  /** Name resolution (default: options.dnsServer, else the system resolver). */
  resolver?: NameResolver;
  /** Trusted roots for the online check instead of Node's bundled list. */
  tlsCa?: string | Buffer;
  /** Hard limit per Windows collector, queueing included (default windowsCollectorLimitMs()). */
  windowsLimitMs?: number;
  /**
   * A fix's re-check: run only these probes and take every other fact from `previous` (the
   * snapshot the fix was chosen from). The SRV, KMS host and time checks feed one another, so
   * naming any of them runs all three.
   */
  only?: { probes: readonly ProbeId[]; previous: Snapshot };
}

const NETWORK_CHAIN: readonly ProbeId[] = ['network.srv', 'network.kmsHosts', 'network.time'];

/** Never asked: off Windows the collectors answer "not-windows" without running PowerShell. */
const NO_POWERSHELL: PowerShellRunner = {
  invoke: async () => {
    throw new Error('PowerShell is only run on Windows');
  },
  dispose: async () => undefined,
};

/**
 * The Windows collectors of a computer that is not Windows (the CLI on Linux or macOS, and tests):
 * every Windows fact is unavailable, "not running on Windows", worded by main/probes/windows/.
 */
export function notWindowsCollectors(platform: string = process.platform): WindowsCollectors {
  if (platform === 'win32') throw new Error('on Windows, use createWindowsCollectors with a PowerShell runner');
  return createWindowsCollectors(NO_POWERSHELL, { platform });
}

/**
 * The PowerShell runner runs one script at a time and times each from its own start, so a
 * collector's answer can take the script limit (WINDOWS_SCRIPT_TIMEOUT_MS, not the network
 * limit) times the number of collectors, plus the shell's cold start. The orchestrator only cuts
 * off a collector that overruns all of that.
 */
const WINDOWS_COLLECTOR_COUNT = WINDOWS_PROBES.length;
const WINDOWS_START_ALLOWANCE_MS = 30_000;
export function windowsCollectorLimitMs(scriptTimeoutMs: number = WINDOWS_SCRIPT_TIMEOUT_MS): number {
  return scriptTimeoutMs * WINDOWS_COLLECTOR_COUNT + WINDOWS_START_ALLOWANCE_MS;
}

/**
 * A network fact waits for the Windows facts that feed it, then for at most a chain of checks
 * (SRV lookup, then TCP/SNTP of its targets), each bounded by its own limit. Past that wait plus
 * this many per-check limits it is cut off: a safety net, reached only if a check ignores its limit.
 */
const CHAIN_LIMIT_FACTOR = 4;

export async function collectSnapshot(input: CollectSnapshotInput): Promise<Snapshot> {
  const options = input.options;
  const timeoutMs = options.timeoutMs;
  // Before anything starts: a bad DNS server in the options must not leave probes running.
  const resolver = input.resolver ?? resolverFor(options);
  const now = input.now ?? (() => new Date());
  const takenAt = now().toISOString();
  const clock = () => performance.now();
  const startedAt = clock();
  // One internal signal for the run, linked to the caller's once: every probe and check listens to
  // it (more than Node's default of 10 listeners, hence the raised limit; the schema caps the count).
  const cancel = new AbortController();
  setMaxListeners(0, cancel.signal);
  const onCallerAbort = () => cancel.abort();
  if (input.signal?.aborted) cancel.abort();
  else input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const run: RunContext = {
    runId: input.runId ?? randomUUID(),
    signal: cancel.signal,
    emit: (event) => {
      try {
        input.onEvent?.(event);
      } catch {
        // A listener's failure must not break the run it is listening to.
      }
    },
    clock,
    wallClock: () => now().getTime(),
  };
  const ctx = (signal: AbortSignal): ProbeContext => ({ signal, timeoutMs, options });
  const windowsLimitMs = input.windowsLimitMs ?? windowsCollectorLimitMs();
  // A re-check runs only the fix's probes; the rest is the previous snapshot's, unchanged.
  const only = input.only;
  const runs = (id: ProbeId): boolean => !only || only.probes.includes(id) || (NETWORK_CHAIN.includes(id) && NETWORK_CHAIN.some((n) => only.probes.includes(n)));
  const reused = <T>(id: ProbeId): Promise<Fact<T>> => Promise.resolve(probeFact(only!.previous, id) as Fact<T>);
  const windowsProbe = <T>(id: ProbeId, read: (c: ProbeContext) => Promise<Fact<T>>, describe: (v: T) => Described) =>
    runs(id) ? runProbe<T>(run, { id, timeoutMs: windowsLimitMs, work: (signal) => read(ctx(signal)), describe }) : reused<T>(id);

  // Every registered Windows probe, each as its own progress line (registry.ts).
  const windows = Object.fromEntries(
    WINDOWS_PROBES.map((probe) => [probe.key, windowsProbe(probe.id, (c) => input.windows[probe.key](c) as Promise<Fact<unknown>>, (v) => probe.describe(v as never))]),
  ) as { [K in WindowsFactKey]: Promise<WindowsFacts[K]> };
  const { licensing, networkConfig, events } = windows;

  const imdsBaseUrl = input.imdsBaseUrl ?? (input.platform === 'win32' ? IMDS_DEFAULT_BASE_URL : null);
  const azure = !runs('azure') ? reused<AzureFacts>('azure') : runProbe<AzureFacts>(run, {
    id: 'azure',
    // IMDS has its own 1 s limit per request (instance, then attested document); the margin lets it report "not Azure" itself.
    timeoutMs: 2 * Math.min(timeoutMs, IMDS_TIMEOUT_MS) + 500,
    work: async (signal) =>
      imdsBaseUrl === null
        ? unavailableFact('not-windows', 'the Azure metadata service is only asked on Windows')
        : probeAzure({ baseUrl: imdsBaseUrl, legacyBaseUrl: input.imdsBaseUrl === undefined ? AZURE_LOCAL_LEGACY_BASE_URL : null, timeoutMs: Math.min(timeoutMs, IMDS_TIMEOUT_MS), signal }),
    describe: describeAzure,
  });

  const networkLimitMs = windowsLimitMs + timeoutMs * CHAIN_LIMIT_FACTOR;
  const network = runs('network.srv')
    ? startNetworkProbes({ run, options, resolver, licensing, networkConfig, events, azure, limitMs: networkLimitMs })
    : { srv: reused<SrvLookup[]>('network.srv'), kmsHosts: reused<KmsHostCheck[]>('network.kmsHosts'), time: reused<TimeCheck[]>('network.time') };

  const endpoints = !runs('network.activationEndpoints') ? reused<EndpointCheck[]>('network.activationEndpoints') : runProbe<EndpointCheck[]>(run, {
    id: 'network.activationEndpoints',
    timeoutMs: networkLimitMs,
    work: (signal) => checkActivationEndpoints(input, resolver, networkConfig, signal),
    describe: describeEndpoints,
  });

  const settled = Promise.all([
    Promise.all(WINDOWS_PROBES.map(async (probe) => [probe.key, await windows[probe.key]] as const)),
    azure,
    network.srv,
    network.kmsHosts,
    network.time,
    endpoints,
  ]);
  const [windowsF, azureF, srvF, kmsF, timeF, endpointsF] = await settled.finally(() =>
    input.signal?.removeEventListener('abort', onCallerAbort),
  );

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt,
    collector: {
      kind: input.collector?.kind ?? 'app',
      version: (input.collector?.version ?? '0.0.0').slice(0, 40),
      platform: input.platform.slice(0, 40),
      hostname: input.collector?.hostname === undefined ? safeHostname() : input.collector.hostname,
    },
    options,
    windows: Object.fromEntries(windowsF) as WindowsFacts,
    azure: azureF,
    network: { srv: srvF, kmsHosts: kmsF, time: timeF, activationEndpoints: endpointsF },
    durationMs: Math.round((clock() - startedAt) * 10) / 10,
  };
}

function safeHostname(): string | null {
  try {
    return osHostname().slice(0, 255) || null;
  } catch {
    return null;
  }
}

function resolverFor(options: SnapshotOptions): NameResolver {
  if (!options.dnsServer) return createNameResolver(null);
  const parsed = parseDnsServer(options.dnsServer);
  // The options were validated where they came in; a bad value here is a programming error.
  if (!parsed.ok) throw new Error(`invalid DNS server in the options: ${parsed.message}`);
  return createNameResolver(parsed.value);
}

// ---------------------------------------------------------------------------------------------
// SRV, TCP and SNTP: candidates arrive over time, each is checked the moment it is known
// ---------------------------------------------------------------------------------------------

interface NetworkInputs {
  run: RunContext;
  options: SnapshotOptions;
  resolver: NameResolver;
  licensing: Promise<Fact<LicensingFacts>>;
  networkConfig: Promise<Fact<NetworkConfig>>;
  events: Promise<Fact<EventFacts>>;
  azure: Promise<Fact<AzureFacts>>;
  /** Safety limit of each network fact (see CHAIN_LIMIT_FACTOR). */
  limitMs: number;
}

/** Schema limits: at most 64 KMS host checks and 64 time checks per snapshot. */
const MAX_KMS_CHECKS = 64;

function startNetworkProbes(inputs: NetworkInputs) {
  const { run, options, resolver } = inputs;
  const timeoutMs = options.timeoutMs;
  const startedAt = run.clock();
  // One signal for every network check: aborted on cancellation (each probe's own signal only
  // stops its waiting; the checks below are shared between probes).
  const checks = new AbortController();
  setMaxListeners(0, checks.signal);
  const onCancel = () => checks.abort();
  if (run.signal.aborted) checks.abort();
  else run.signal.addEventListener('abort', onCancel, { once: true });

  // --- KMS hosts: one TCP check per host:port, one SNTP check per host, started together ---
  const hosts = new Map<string, { candidate: KmsCandidate; tcp: Promise<KmsHostCheck> }>();
  const times = new Map<string, Promise<TimeCheck>>();
  const resolutions = new Map<string, Promise<Resolution>>();
  const resolve = (candidate: KmsCandidate): Promise<Resolution> => {
    const key = candidate.host.toLowerCase();
    let resolution = resolutions.get(key);
    if (!resolution) {
      resolution = candidate.resolution ? Promise.resolve(candidate.resolution) : addressesOf(resolver, candidate.host, { timeoutMs, signal: checks.signal });
      resolutions.set(key, resolution);
    }
    return resolution;
  };
  const known: { licensing?: LicensingFacts; networkConfig?: NetworkConfig } = {};
  const orgDomains = (): string[] => organisationDomains({ option: options.domain, licensing: known.licensing, networkConfig: known.networkConfig }).map((d) => d.domain);
  /** Legitimate licensing only (contactDecision in shared/kms-target.ts, also the collector script's rule). */
  const decide = (candidate: KmsCandidate): ContactDecision => contactDecision(candidate.host, candidate.sources, orgDomains());
  const startCheck = (key: string, own: KmsCandidate) => {
    const resolution = resolve(own);
    hosts.set(key, { candidate: own, tcp: checkTcp(own, { timeoutMs, signal: checks.signal, resolution }) });
    const hostKey = own.host.toLowerCase();
    if (!times.has(hostKey) && times.size < MAX_KMS_CHECKS) {
      times.set(hostKey, checkTime(own.host, { port: options.ntpPort, timeoutMs, signal: checks.signal, resolution }));
    }
  };
  /** Hosts held back so far: judged again when a source or an organisation domain arrives later. */
  const heldBack = new Set<string>();
  const reconsider = (key: string) => {
    const entry = hosts.get(key);
    if (!entry || !heldBack.has(key)) return;
    const decision = decide(entry.candidate);
    if (decision.contact) {
      heldBack.delete(key);
      startCheck(key, entry.candidate);
    } else {
      hosts.set(key, { candidate: entry.candidate, tcp: Promise.resolve(notContacted(entry.candidate, decision.reason)) });
    }
  };
  const addHosts = (list: KmsCandidate[]) => {
    for (const candidate of list) {
      const key = candidateKey(candidate.host, candidate.port);
      const known = hosts.get(key);
      if (known) {
        for (const s of candidate.sources) if (!known.candidate.sources.includes(s)) known.candidate.sources.push(s);
        // The decision is the one all sources give, whichever arrived first (as the collector script decides).
        reconsider(key);
        continue;
      }
      if (hosts.size >= MAX_KMS_CHECKS) continue;
      const own: KmsCandidate = { ...candidate, sources: [...candidate.sources] };
      const decision = decide(own);
      if (!decision.contact) {
        heldBack.add(key);
        hosts.set(key, { candidate: own, tcp: Promise.resolve(notContacted(own, decision.reason)) });
        continue;
      }
      startCheck(key, own);
    }
  };
  /** The organisation's domains grew (a Windows fact arrived): a held-back host may be its own after all. */
  const reconsiderAll = () => {
    for (const key of [...heldBack]) reconsider(key);
  };

  // --- SRV: domains arrive with --domain, then with the licensing and networkConfig facts ---
  const lookups = new Map<string, { candidate: SrvDomainCandidate; result: Promise<SrvLookup> }>();
  const addDomains = (list: SrvDomainCandidate[]) => {
    for (const candidate of list) {
      const known = lookups.get(candidate.domain);
      if (known) {
        for (const s of candidate.sources) if (!known.candidate.sources.includes(s)) known.candidate.sources.push(s);
        continue;
      }
      const own: SrvDomainCandidate = { domain: candidate.domain, sources: [...candidate.sources] };
      const result = lookupSrv(own, { resolver, timeoutMs, signal: checks.signal }).then((lookup) => {
        addHosts(srvCandidates(lookup));
        return lookup;
      });
      lookups.set(candidate.domain, { candidate: own, result });
    }
  };

  addHosts(optionCandidates(options.kms));
  addDomains(srvDomainCandidates({ option: options.domain }));
  const refreshDomains = () => addDomains(srvDomainCandidates({ option: options.domain, licensing: known.licensing, networkConfig: known.networkConfig }));
  const networkConfigDone = inputs.networkConfig.then((fact) => {
    const value = factValue(fact);
    if (value) {
      known.networkConfig = value;
      refreshDomains();
      reconsiderAll();
    }
  });
  // Configured and discovered hosts are judged against the organisation's domains, so they wait
  // for the DNS settings (read in the same PowerShell session, a moment apart).
  const licensingDone = inputs.licensing.then(async (fact) => {
    const value = factValue(fact);
    if (value) {
      known.licensing = value;
      refreshDomains();
      reconsiderAll();
      await networkConfigDone;
      addHosts(licensingCandidates(value));
    }
  });
  const eventsDone = inputs.events.then(async (fact) => {
    const value = factValue(fact);
    await Promise.all([networkConfigDone, licensingDone]);
    if (value) addHosts(eventCandidates(value));
  });
  const azureDone = inputs.azure.then((fact) => {
    const value = factValue(fact);
    if (value) addHosts(azureCandidates(value));
  });

  const allLookups = async (): Promise<SrvLookup[]> => {
    await Promise.all([licensingDone, networkConfigDone]);
    const results = await Promise.all([...lookups.values()].map(async ({ candidate, result }) => ({ ...(await result), sources: [...candidate.sources] })));
    return results;
  };
  const lookupsSettled = allLookups();
  const hostsSettled = (async () => {
    await Promise.all([lookupsSettled, licensingDone, eventsDone, azureDone]);
  })();

  const why = () => noCandidateDetail(options, inputs);
  const srv = runProbe<SrvLookup[]>(run, {
    id: 'network.srv',
    timeoutMs: inputs.limitMs,
    startedAt,
    work: async () => {
      const results = await lookupsSettled;
      if (results.length === 0) return unavailableFact('no-candidates', 'no DNS domain to search: this computer reported none; give one with --domain');
      return okFact(results, 0);
    },
    describe: describeSrv,
  });
  const kmsHosts = runProbe<KmsHostCheck[]>(run, {
    id: 'network.kmsHosts',
    timeoutMs: inputs.limitMs,
    startedAt,
    work: async () => {
      await hostsSettled;
      const results = await Promise.all([...hosts.values()].map(async ({ candidate, tcp }) => ({ ...(await tcp), sources: [...candidate.sources] })));
      if (results.length === 0) return unavailableFact('no-candidates', await why());
      return okFact(results, 0);
    },
    describe: describeKmsHosts,
  });
  const time = runProbe<TimeCheck[]>(run, {
    id: 'network.time',
    timeoutMs: inputs.limitMs,
    startedAt,
    work: async () => {
      await hostsSettled;
      const results = await Promise.all(times.values());
      if (results.length === 0) return unavailableFact('no-candidates', await why());
      return okFact(results, 0);
    },
    describe: describeTime,
  });
  // When every network fact is in (or cut off), stop whatever is still running.
  void Promise.all([srv, kmsHosts, time]).then(() => {
    checks.abort();
    run.signal.removeEventListener('abort', onCancel);
  });
  return { srv, kmsHosts, time };
}

/** IP literals need no lookup; a resolver that breaks its promise never to throw still yields a result. */
async function addressesOf(resolver: NameResolver, host: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<Resolution> {
  if (isIP(host)) return { ok: true, addresses: [host] };
  try {
    return await resolver.resolveAddresses(host, options);
  } catch (error) {
    return { ok: false, code: 'EFAIL', message: clip(`name resolution failed: ${errorMessage(error)}`) };
  }
}

/** Why there was no KMS host to check, in terms of what the technician can do about it. */
async function noCandidateDetail(options: SnapshotOptions, inputs: NetworkInputs): Promise<string> {
  const licensing = await inputs.licensing;
  const reasons = ['no --kms given'];
  if (licensing.status === 'unavailable') reasons.push(`the licensing facts could not be read (${licensing.reason})`);
  else reasons.push('no KMS host configured or discovered on this computer');
  reasons.push(options.domain || licensing.status === 'ok' ? 'no usable _vlmcs._tcp record found' : 'no DNS domain to search (give --domain)');
  return `no KMS host to check: ${reasons.join('; ')}`;
}

// ---------------------------------------------------------------------------------------------
// Online activation endpoints
// ---------------------------------------------------------------------------------------------

async function checkActivationEndpoints(
  input: CollectSnapshotInput,
  resolver: NameResolver,
  networkConfig: Promise<Fact<NetworkConfig>>,
  signal: AbortSignal,
): Promise<Fact<EndpointCheck[]>> {
  if (!input.checkOnline) {
    return unavailableFact('not-applicable', "Microsoft's activation servers are contacted only when asked: run with --check-online (or start the online check in the app)");
  }
  const list = (input.endpoints ?? ACTIVATION_ENDPOINTS).slice(0, 32);
  if (list.length === 0) return unavailableFact('no-candidates', 'no activation endpoint to check');
  // Online activation goes through the WinHTTP proxy; use it unless the caller chose one.
  const proxy = input.proxy !== undefined ? input.proxy : parseWinHttpProxy(factValue(await networkConfig)?.winHttpProxy ?? null);
  const results = await Promise.all(
    list.map((endpoint) =>
      checkEndpoint(endpoint, {
        resolver,
        proxy: proxy && !bypassesProxy(endpoint.host, input.noProxy) ? proxy : null,
        timeoutMs: input.options.timeoutMs,
        signal,
        ca: input.tlsCa,
      }),
    ),
  );
  return okFact(results, 0);
}

/** A KMS host outside the organisation: recorded, never contacted. */
function notContacted(candidate: KmsCandidate, reason: NotContactedReason): KmsHostCheck {
  return {
    host: candidate.host,
    port: candidate.port,
    sources: [...candidate.sources],
    addresses: [],
    address: null,
    tcp: 'not-contacted',
    latencyMs: null,
    error: NOT_CONTACTED_REASONS[reason],
    durationMs: 0,
  };
}

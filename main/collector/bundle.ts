/**
 * A collector file (what the collector script wrote on another computer) → a Snapshot, read with
 * the app's own rules: the Windows facts through the app's collectors (windows-facts.ts), the
 * network measurements into the snapshot's shapes (network.ts), every check labelled with the
 * sources the app derives from the same facts (probes/network/candidates.ts and srv.ts).
 *
 * What the script does not measure is "unavailable" with a reason a technician can act on.
 */
import { formatHostAndPort, parseDnsDomain, parseHostAndPort } from '../../shared/inputs';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotSchema,
  factValue,
  okFact,
  unavailableFact,
  type Fact,
  type KmsHostCheck,
  type KmsHostSource,
  type NetworkFacts,
  type Snapshot,
  type SnapshotOptions,
  type SrvLookup,
  type TimeCheck,
  type WindowsFacts,
} from '../../shared/snapshot';
import { roundMs } from '../probes/network/budget';
import { candidateKey, eventCandidates, licensingCandidates, optionCandidates, srvCandidates, type KmsCandidate } from '../probes/network/candidates';
import { srvDomainCandidates } from '../probes/network/srv';
import { isoTime } from '../probes/windows/normalise';
import type { CollectorDocument } from './document';
import { toKmsHostCheck, toSrvLookup, toTimeCheck } from './network';
import { windowsFactsOf } from './windows-facts';

export type CollectorConversion = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

class CollectorFileError extends Error {}

/** Adds `extra` to `list` without duplicates, keeping order. */
function union<T>(list: readonly T[], extra: readonly T[]): T[] {
  const out = [...list];
  for (const item of extra) if (!out.includes(item)) out.push(item);
  return out;
}

function optionsOf(doc: CollectorDocument): SnapshotOptions {
  let kms: string | null = null;
  if (doc.options.kmsHost !== null) {
    const parsed = parseHostAndPort(doc.options.kmsHost, 'options.kmsHost');
    if (!parsed.ok) throw new CollectorFileError(parsed.message);
    kms = formatHostAndPort(parsed.value);
  }
  let domain: string | null = null;
  if (doc.options.domain !== null) {
    const parsed = parseDnsDomain(doc.options.domain, 'options.domain');
    if (!parsed.ok) throw new CollectorFileError(parsed.message);
    domain = parsed.value;
  }
  // The script asks the system resolver: there is no DNS server option.
  return { kms, domain, dnsServer: null, ntpPort: doc.options.ntpPort, timeoutMs: doc.options.timeoutMs };
}

function sumMs(items: readonly { durationMs: number }[]): number {
  return roundMs(items.reduce((total, item) => total + item.durationMs, 0));
}

function srvFact(doc: CollectorDocument, options: SnapshotOptions, windows: WindowsFacts): Fact<SrvLookup[]> {
  const raw = doc.network.srv;
  if (!doc.network.srvAvailable) {
    return unavailableFact(
      'not-supported',
      'The _vlmcs._tcp records were not looked up: this version of Windows has no Resolve-DnsName (it came with Windows 8 and Windows Server 2012). Look them up from a newer computer in the same network: activation-doctor snapshot --domain <its domain>, or the collector script there.',
    );
  }
  if (raw.length === 0) return unavailableFact('no-candidates', 'no DNS domain to search: that computer reported none; run the collector script with -Domain <domain>');
  // The sources the app derives from the same facts, plus any the script recorded.
  const derived = new Map(
    srvDomainCandidates({ option: options.domain, licensing: factValue(windows.licensing), networkConfig: factValue(windows.networkConfig) }).map((c) => [c.domain, c.sources] as const),
  );
  const lookups = raw.map((lookup, index) => {
    const domain = parseDnsDomain(lookup.domain, `network.srv.${index}.domain`);
    if (!domain.ok) throw new CollectorFileError(domain.message);
    return toSrvLookup(lookup, domain.value, union(derived.get(domain.value) ?? [], lookup.sources));
  });
  return okFact(lookups, sumMs(raw));
}

function kmsSources(options: SnapshotOptions, windows: WindowsFacts, lookups: readonly SrvLookup[]): Map<string, KmsHostSource[]> {
  const licensing = factValue(windows.licensing);
  const events = factValue(windows.events);
  const all: KmsCandidate[] = [
    ...optionCandidates(options.kms),
    ...(licensing ? licensingCandidates(licensing) : []),
    ...(events ? eventCandidates(events) : []),
    ...lookups.flatMap(srvCandidates),
  ];
  const sources = new Map<string, KmsHostSource[]>();
  for (const candidate of all) {
    const key = candidateKey(candidate.host, candidate.port);
    sources.set(key, union(sources.get(key) ?? [], candidate.sources));
  }
  return sources;
}

/** Why there was no KMS host to check, in the script's terms (noCandidateDetail in collect.ts). */
function noHostDetail(doc: CollectorDocument, windows: WindowsFacts, options: SnapshotOptions): string {
  const reasons = ['no -KmsHost given'];
  const licensing = windows.licensing;
  if (licensing.status === 'unavailable') reasons.push(`the licensing facts could not be read (${licensing.reason})`);
  else reasons.push('no KMS host configured or discovered on that computer');
  if (!doc.network.srvAvailable) reasons.push('its version of Windows cannot look up _vlmcs._tcp records');
  else reasons.push(options.domain || licensing.status === 'ok' ? 'no usable _vlmcs._tcp record found' : 'no DNS domain to search (give -Domain)');
  return `no KMS host to check: ${reasons.join('; ')}`;
}

function networkFactsOf(doc: CollectorDocument, options: SnapshotOptions, windows: WindowsFacts): NetworkFacts {
  const srv = srvFact(doc, options, windows);
  const sources = kmsSources(options, windows, factValue(srv) ?? []);
  const tcp = doc.network.tcp;
  const kmsHosts: Fact<KmsHostCheck[]> =
    tcp.length === 0
      ? unavailableFact('no-candidates', noHostDetail(doc, windows, options))
      : okFact(
          tcp.map((check) => toKmsHostCheck(check, union(sources.get(candidateKey(check.host, check.port)) ?? [], check.sources))),
          sumMs(tcp),
        );
  const times = doc.network.time;
  const time: Fact<TimeCheck[]> = times.length === 0 ? unavailableFact('no-candidates', noHostDetail(doc, windows, options)) : okFact(times.map(toTimeCheck), sumMs(times));
  return {
    srv,
    kmsHosts,
    time,
    activationEndpoints: unavailableFact(
      'not-applicable',
      "The collector script does not contact Microsoft's online-activation servers. To check them, run activation-doctor snapshot --check-online (or the app's online check) on a computer in the same network.",
    ),
  };
}

function convert(doc: CollectorDocument): Snapshot {
  const takenAt = isoTime(doc.takenAt);
  if (takenAt === null) throw new CollectorFileError(`takenAt ${JSON.stringify(doc.takenAt.slice(0, 40))} is not a date and time`);
  const options = optionsOf(doc);
  const windows = windowsFactsOf(doc);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt,
    collector: { kind: 'collector-script', version: doc.generator.version, platform: 'win32', hostname: doc.computerName },
    options,
    windows,
    // Not asked (the snapshot's reason for a fact nobody asked for), not "unsupported by Windows".
    azure: unavailableFact(
      'not-applicable',
      'not collected: the collector script does not ask the Azure Instance Metadata Service. If that computer is an Azure VM, check its activation with Activation Doctor on the VM itself, or see the VM in the Azure portal.',
    ),
    network: networkFactsOf(doc, options, windows),
    durationMs: roundMs(doc.durationMs),
  };
}

/** Never throws: a document that cannot become a valid snapshot gets one line saying why. */
export function collectorToSnapshot(doc: CollectorDocument): CollectorConversion {
  let snapshot: Snapshot;
  try {
    snapshot = convert(doc);
  } catch (error) {
    if (error instanceof CollectorFileError) return { ok: false, message: `the collector file is malformed: ${error.message}` };
    return { ok: false, message: `the collector file could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  // The final check: whatever the file held, what comes out is a snapshot like any other.
  const checked = SnapshotSchema.safeParse(snapshot);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the document';
    return { ok: false, message: `the collector file gives a snapshot that is malformed at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, snapshot: checked.data };
}

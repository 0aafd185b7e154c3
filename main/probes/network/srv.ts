/**
 * KMS auto-discovery as a Windows client does it: `_vlmcs._tcp.<domain>` SRV records in the
 * client's own domains (activation-facts §4.1), every record with its target's addresses.
 */
import { parseDnsDomain } from '../../../shared/inputs';
import type { LicensingFacts, NetworkConfig, SrvLookup, SrvRecord } from '../../../shared/snapshot';
import { roundMs, startBudget } from './budget';
import { clip, describeDnsError, errorCode, errorMessage } from './errors';
import { isNotFound, type NameResolver } from './resolver';

export type SrvDomainSource = SrvLookup['sources'][number];

export interface SrvDomainCandidate {
  domain: string;
  sources: SrvDomainSource[];
}

/** The schema keeps at most 32 lookups; more domains than that is a misconfiguration in itself. */
export const MAX_SRV_DOMAINS = 32;

export interface SrvDomainInputs {
  /** `--domain` */
  option?: string | null;
  licensing?: LicensingFacts | null;
  networkConfig?: NetworkConfig | null;
}

/**
 * Every domain a KMS client on this machine would search, plus `--domain`, in order of how
 * specific the source is. Case-insensitive duplicates are merged, keeping every source; names
 * that are not valid DNS domains (a workgroup name, junk in the registry) are left out.
 */
export function srvDomainCandidates(inputs: SrvDomainInputs): SrvDomainCandidate[] {
  const found = new Map<string, SrvDomainCandidate>();
  const add = (raw: string | null | undefined, source: SrvDomainSource) => {
    if (!raw) return;
    const parsed = parseDnsDomain(raw);
    if (!parsed.ok) return;
    const existing = found.get(parsed.value);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
    } else if (found.size < MAX_SRV_DOMAINS) {
      found.set(parsed.value, { domain: parsed.value, sources: [source] });
    }
  };
  add(inputs.option, 'option');
  const licensing = inputs.licensing;
  if (licensing) {
    add(licensing.service.kmsLookupDomain, 'lookup-domain');
    for (const product of licensing.products) add(product.kmsLookupDomain, 'lookup-domain');
  }
  const net = inputs.networkConfig;
  if (net) {
    add(net.primaryDnsSuffix, 'primary-suffix');
    if (net.partOfDomain) add(net.domain, 'ad-domain');
    for (const suffix of net.connectionDnsSuffixes) add(suffix, 'connection-suffix');
    for (const suffix of net.dnsSuffixSearchList) add(suffix, 'search-list');
  }
  return [...found.values()];
}

/**
 * The organisation's DNS domains, as the contact policy (contactDecision) judges hosts by: every
 * domain a KMS client here searches, plus --domain, plus the AD domain when joined (also past the
 * lookup limit). The collector script derives the same list (Get-OrganisationDomain).
 */
export function organisationDomains(inputs: SrvDomainInputs): string[] {
  const domains = srvDomainCandidates(inputs).map((d) => d.domain);
  const net = inputs.networkConfig;
  const ad = net?.partOfDomain && net.domain ? parseDnsDomain(net.domain) : null;
  if (ad?.ok && !domains.includes(ad.value)) domains.push(ad.value);
  return domains;
}

export function srvName(domain: string): string {
  return `_vlmcs._tcp.${domain}`;
}

export interface SrvLookupOptions {
  resolver: NameResolver;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Looks up `_vlmcs._tcp.<domain>` and the addresses of every target, all within one timeout.
 * Never throws: every failure is a result.
 */
export async function lookupSrv(candidate: SrvDomainCandidate, options: SrvLookupOptions): Promise<SrvLookup> {
  const budget = startBudget(options.timeoutMs);
  const name = srvName(candidate.domain);
  const base = { domain: candidate.domain, name, sources: [...candidate.sources], dnsServer: options.resolver.server };
  let answers;
  try {
    answers = await options.resolver.resolveSrv(name, { timeoutMs: budget.remaining(), signal: options.signal });
  } catch (error) {
    const code = errorCode(error);
    const result = code && isNotFound(code) ? 'not-found' : code === 'ETIMEOUT' ? 'timed-out' : 'error';
    return { ...base, result, records: [], error: clip(describeDnsError(code, errorMessage(error))), durationMs: roundMs(budget.elapsed()) };
  }
  // Priority ascending, then weight descending: the order a client prefers them (RFC 2782).
  const sorted = [...answers].sort((a, b) => a.priority - b.priority || b.weight - a.weight).slice(0, 64);
  const records = await Promise.all(
    sorted.map(async (answer): Promise<SrvRecord> => {
      const target = answer.name.replace(/\.$/, '').toLowerCase().slice(0, 255);
      const record = { target, port: answer.port, priority: answer.priority, weight: answer.weight };
      // RFC 2782: a target of "." means "this service is decidedly not available in this domain".
      if (target === '') return { ...record, target: '.', addresses: [], resolveError: 'no service (target is ".")' };
      const resolution = await options.resolver.resolveAddresses(target, { timeoutMs: budget.remaining(), signal: options.signal });
      return resolution.ok
        ? { ...record, addresses: resolution.addresses.slice(0, 32), resolveError: null }
        : { ...record, addresses: [], resolveError: clip(resolution.code, 200) };
    }),
  );
  return {
    ...base,
    result: records.length > 0 ? 'found' : 'not-found',
    records,
    error: records.length > 0 ? null : 'the name exists but holds no SRV records',
    durationMs: roundMs(budget.elapsed()),
  };
}

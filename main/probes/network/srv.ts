/**
 * KMS auto-discovery as a Windows client does it: `_vlmcs._tcp.<domain>` SRV records in the
 * client's own domains (activation-facts §4.1), every record with its target's addresses.
 */
import { organisationDomains, type OrgDomain, type OrgDomainInputs, type OrgDomainSource } from '../../../shared/org-domains';
import type { SrvLookup, SrvRecord } from '../../../shared/snapshot';
import { roundMs, startBudget } from './budget';
import { clip, describeDnsError, errorCode, errorMessage } from './errors';
import { isNotFound, type NameResolver } from './resolver';

export type SrvDomainSource = OrgDomainSource;

export type SrvDomainCandidate = OrgDomain;

/** The schema keeps at most 32 lookups; more domains than that is a misconfiguration in itself. */
export const MAX_SRV_DOMAINS = 32;

export type SrvDomainInputs = OrgDomainInputs;

/**
 * Every domain a KMS client on this machine would search, plus `--domain`: the organisation's DNS
 * domains (shared/org-domains.ts owns the sources, order and grammar), the first 32 of them.
 */
export function srvDomainCandidates(inputs: SrvDomainInputs): SrvDomainCandidate[] {
  return organisationDomains(inputs).slice(0, MAX_SRV_DOMAINS);
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

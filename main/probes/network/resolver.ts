/**
 * Name resolution for the network probes. Either the system resolver, or one explicit DNS server
 * (`--dns-server`): when a server is given, EVERY lookup (SRV records and the A/AAAA addresses of
 * KMS host names) goes to that server and nowhere else, so a technician can test a specific DNS
 * server and tests never touch the machine's resolver.
 *
 * IP literals are never looked up.
 */
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { ABORTED, TIMED_OUT, within } from './budget';
import { NOT_FOUND_CODES, describeDnsError, errorCode, errorMessage } from './errors';

export interface SrvAnswer {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export type Resolution = { ok: true; addresses: string[] } | { ok: false; code: string; message: string };

export interface LookupOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

export interface NameResolver {
  /** The DNS server asked, as "ip:port" / "[ip6]:port"; null for the system resolver. */
  readonly server: string | null;
  /** SRV records of `name`; rejects with an error whose `code` is ENOTFOUND, ENODATA, ETIMEOUT, ... */
  resolveSrv(name: string, options: LookupOptions): Promise<SrvAnswer[]>;
  /** A then AAAA addresses of `host` (an IP literal comes back as itself). Never rejects. */
  resolveAddresses(host: string, options: LookupOptions): Promise<Resolution>;
}

export class DnsLookupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The resolver for `--dns-server` (`{ address, port }` as parsed by shared/inputs), or the system's. */
export function createNameResolver(dnsServer: { address: string; port: number | null } | null): NameResolver {
  return dnsServer ? new ServerResolver(formatDnsServer(dnsServer)) : new SystemResolver();
}

export function formatDnsServer(server: { address: string; port: number | null }): string {
  const port = server.port ?? 53;
  return isIP(server.address) === 6 ? `[${server.address}]:${port}` : `${server.address}:${port}`;
}

/** A c-ares resolver per lookup, so a timeout or cancellation can stop exactly that lookup. */
function newResolver(server: string | null, timeoutMs: number): dns.Resolver {
  // tries: 1 - the caller's budget is the only retry policy; c-ares would otherwise multiply it.
  const resolver = new dns.Resolver({ timeout: Math.max(50, Math.floor(timeoutMs)), tries: 1 });
  if (server) resolver.setServers([server]);
  return resolver;
}

async function bounded<T>(resolver: dns.Resolver, work: Promise<T>, options: LookupOptions): Promise<T> {
  // c-ares keeps its own timer; this one is the hard stop in case the server list makes it wait longer.
  work.catch(() => undefined);
  const result = await within(work, options.timeoutMs, options.signal);
  if (result === TIMED_OUT || result === ABORTED) {
    resolver.cancel();
    throw new DnsLookupError(result === TIMED_OUT ? 'ETIMEOUT' : 'ECANCELLED', result === TIMED_OUT ? 'no DNS answer in time' : 'cancelled');
  }
  return result;
}

function srvQuery(server: string | null, name: string, options: LookupOptions): Promise<SrvAnswer[]> {
  const resolver = newResolver(server, options.timeoutMs);
  return bounded(resolver, resolver.resolveSrv(name), options);
}

class ServerResolver implements NameResolver {
  constructor(readonly server: string) {}

  resolveSrv(name: string, options: LookupOptions): Promise<SrvAnswer[]> {
    return srvQuery(this.server, name, options);
  }

  async resolveAddresses(host: string, options: LookupOptions): Promise<Resolution> {
    if (isIP(host)) return { ok: true, addresses: [host] };
    const resolver = newResolver(this.server, options.timeoutMs);
    const [v4, v6] = await Promise.allSettled([bounded(resolver, resolver.resolve4(host), options), bounded(resolver, resolver.resolve6(host), options)]);
    const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    if (addresses.length > 0) return { ok: true, addresses: dedupe(addresses) };
    const errors = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    return failure(errors);
  }
}

/**
 * The operating system's resolver: getaddrinfo for addresses (hosts file, suffix search list,
 * and on Windows LLMNR/NetBIOS, exactly as the licensing service resolves a KMS host name), and
 * the system's DNS servers for SRV.
 */
class SystemResolver implements NameResolver {
  readonly server = null;

  resolveSrv(name: string, options: LookupOptions): Promise<SrvAnswer[]> {
    return srvQuery(null, name, options);
  }

  async resolveAddresses(host: string, options: LookupOptions): Promise<Resolution> {
    if (isIP(host)) return { ok: true, addresses: [host] };
    // getaddrinfo cannot be cancelled; past the budget its answer is ignored.
    const work = dns.lookup(host, { all: true, order: 'ipv4first' }).then(
      (list): Resolution => ({ ok: true, addresses: dedupe(list.map((r) => r.address)) }),
      (error: unknown): Resolution => failure([error]),
    );
    const result = await within(work, options.timeoutMs, options.signal);
    if (result === TIMED_OUT) return { ok: false, code: 'ETIMEOUT', message: describeDnsError('ETIMEOUT', '') };
    if (result === ABORTED) return { ok: false, code: 'ECANCELLED', message: describeDnsError('ECANCELLED', '') };
    if (result.ok && result.addresses.length === 0) return { ok: false, code: 'ENODATA', message: 'ENODATA: the name has no addresses' };
    return result;
  }
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** The most telling error of the A and AAAA lookups: "does not exist" beats "no AAAA record". */
function failure(errors: unknown[]): Resolution {
  const codes = errors.map((e) => errorCode(e) ?? 'EFAIL');
  const pick = ['ENOTFOUND', 'ETIMEOUT', 'ESERVFAIL', 'EREFUSED', 'ECONNREFUSED', 'ECANCELLED'].find((c) => codes.includes(c)) ?? codes[0] ?? 'EFAIL';
  const source = errors[codes.indexOf(pick)];
  if (codes.every((c) => c === 'ENODATA')) return { ok: false, code: 'ENODATA', message: 'ENODATA: the name exists but has no A or AAAA record' };
  return { ok: false, code: pick, message: describeDnsError(pick, source === undefined ? 'lookup failed' : errorMessage(source)) };
}

export function isNotFound(code: string): boolean {
  return NOT_FOUND_CODES.has(code);
}

/** A resolver with fixed answers, for callers that already know the addresses (and for tests). */
export function staticResolver(table: Record<string, string[]>, srv: Record<string, SrvAnswer[]> = {}): NameResolver {
  return {
    server: 'static',
    async resolveSrv(name) {
      const records = srv[name.toLowerCase()];
      if (!records) throw new DnsLookupError('ENOTFOUND', `${name} not in the table`);
      return records;
    },
    async resolveAddresses(host) {
      if (isIP(host)) return { ok: true, addresses: [host] };
      const addresses = table[host.toLowerCase()];
      return addresses && addresses.length > 0 ? { ok: true, addresses } : { ok: false, code: 'ENOTFOUND', message: describeDnsError('ENOTFOUND', '') };
    },
  };
}

/**
 * Turns what the collector script measured on the other computer (main/collector/ps/network.ts)
 * into the snapshot's SrvLookup, KmsHostCheck and TimeCheck, with the app's own rules: the same
 * error codes and words (probes/network/errors.ts), classifyConnectError and summariseAttempts for
 * TCP, decodeSntpReply for the clock offset (T1 read back from the request the script sent).
 *
 * Windows reports failures as SocketError names and Resolve-DnsName error ids; the tables below
 * map them to the codes Node uses, which the snapshot keeps and the diagnosis reads.
 */
import { NOT_CONTACTED_REASONS } from '../../shared/kms-target';
import type { KmsHostCheck, KmsHostSource, SrvLookup, SrvRecord, TimeCheck } from '../../shared/snapshot';
import { normaliseHost } from '../probes/network/candidates';
import { roundMs } from '../probes/network/budget';
import { clip, describeDnsError, describeSocketError } from '../probes/network/errors';
import { isNotFound, type Resolution } from '../probes/network/resolver';
import { NTP_PACKET_BYTES, decodeSntpReply } from '../probes/network/sntp';
import { srvName } from '../probes/network/srv';
import { classifyConnectError, summariseAttempts, type ConnectAttempt } from '../probes/network/tcp';
import type { RawResolution, RawSrvLookup, RawTcpAttempt, RawTcpCheck, RawTimeCheck } from './document';

/** System.Net.Sockets.SocketError names → the errno names Node gives for the same failure. */
const SOCKET_CODES: Readonly<Record<string, string>> = {
  ConnectionRefused: 'ECONNREFUSED',
  TimedOut: 'ETIMEDOUT',
  HostUnreachable: 'EHOSTUNREACH',
  NetworkUnreachable: 'ENETUNREACH',
  NetworkDown: 'ENETDOWN',
  HostDown: 'EHOSTDOWN',
  ConnectionReset: 'ECONNRESET',
  ConnectionAborted: 'ECONNABORTED',
  AccessDenied: 'EACCES',
  AddressNotAvailable: 'EADDRNOTAVAIL',
  AddressFamilyNotSupported: 'EAFNOSUPPORT',
};

/** Name-resolution SocketErrors (getaddrinfo's WSAHOST_NOT_FOUND, ...) → Node's DNS codes. */
const RESOLVE_CODES: Readonly<Record<string, string>> = {
  HostNotFound: 'ENOTFOUND',
  NoData: 'ENODATA',
  TryAgain: 'EAI_AGAIN',
  NoRecovery: 'ESERVFAIL',
};

/** Resolve-DnsName's error ids (before the comma of FullyQualifiedErrorId) → Node's DNS codes. */
const DNS_ERROR_IDS: Readonly<Record<string, string>> = {
  DNS_ERROR_RCODE_NAME_ERROR: 'ENOTFOUND',
  DNS_INFO_NO_RECORDS: 'ENODATA',
  ERROR_TIMEOUT: 'ETIMEOUT',
  DNS_ERROR_RCODE_SERVER_FAILURE: 'ESERVFAIL',
  DNS_ERROR_RCODE_REFUSED: 'EREFUSED',
  DNS_ERROR_RCODE_FORMAT_ERROR: 'EFORMERR',
  DNS_ERROR_RCODE_NOT_IMPLEMENTED: 'ENOTIMP',
};

/** The same by Win32 error number (winerror.h), for when the id is missing. */
const DNS_ERROR_NUMBERS: Readonly<Record<number, string>> = {
  9003: 'ENOTFOUND',
  9501: 'ENODATA',
  1460: 'ETIMEOUT',
  9002: 'ESERVFAIL',
  9005: 'EREFUSED',
  9001: 'EFORMERR',
  9004: 'ENOTIMP',
};

const message = (text: string | null | undefined, fallback: string): string => (text && text.trim() !== '' ? text : fallback);

/** A name's resolution as the app's resolvers report it. */
export function toResolution(raw: RawResolution | null): Resolution {
  if (raw === null) return { ok: false, code: 'EFAIL', message: 'the collector script did not look this name up' };
  if (raw.addresses.length > 0) return { ok: true, addresses: [...new Set(raw.addresses)].slice(0, 32) };
  if (raw.error === 'timeout') return { ok: false, code: 'ETIMEOUT', message: describeDnsError('ETIMEOUT', '') };
  if (raw.error === null) return { ok: false, code: 'ENODATA', message: 'ENODATA: the name has no addresses' };
  const code = (raw.socketError ? RESOLVE_CODES[raw.socketError] : undefined) ?? 'EFAIL';
  if (code === 'ENODATA') return { ok: false, code, message: 'ENODATA: the name exists but has no A or AAAA record' };
  const detail = message(raw.message, raw.socketError ?? 'lookup failed');
  return { ok: false, code, message: describeDnsError(code, code === 'EFAIL' && raw.socketError ? `${raw.socketError}: ${detail}` : detail) };
}

function dnsCode(raw: RawSrvLookup): string | null {
  const id = raw.errorId?.split(',')[0]?.trim() ?? '';
  const mapped = DNS_ERROR_IDS[id] ?? (raw.errorCode != null ? DNS_ERROR_NUMBERS[raw.errorCode] : undefined);
  if (mapped) return mapped;
  // Keep Windows' own name (DNS_ERROR_NO_DNS_SERVERS, ...) as the code: searchable, not localized.
  return /^[A-Z0-9_]{2,40}$/.test(id) ? id : null;
}

/** One `_vlmcs._tcp` lookup, read as lookupSrv (probes/network/srv.ts) reports it. */
export function toSrvLookup(raw: RawSrvLookup, domain: string, sources: SrvLookup['sources']): SrvLookup {
  const base = { domain, name: srvName(domain), sources, dnsServer: null, durationMs: roundMs(raw.durationMs) };
  if (raw.status === 'failed') {
    const code = dnsCode(raw);
    const result = code && isNotFound(code) ? 'not-found' : code === 'ETIMEOUT' ? 'timed-out' : 'error';
    return { ...base, result, records: [], error: clip(describeDnsError(code, message(raw.message, 'the lookup failed'))) };
  }
  // Priority ascending, then weight descending: the order a client prefers them (RFC 2782).
  const sorted = [...raw.records].sort((a, b) => a.priority - b.priority || b.weight - a.weight).slice(0, 64);
  const records = sorted.map((answer): SrvRecord => {
    const target = answer.target.replace(/\.$/, '').toLowerCase().slice(0, 255);
    const record = { target, port: answer.port, priority: answer.priority, weight: answer.weight };
    // RFC 2782: a target of "." means "this service is decidedly not available in this domain".
    if (target === '' || target === '.') return { ...record, target: '.', addresses: [], resolveError: 'no service (target is ".")' };
    const resolution = toResolution(answer.resolve);
    return resolution.ok ? { ...record, addresses: resolution.addresses, resolveError: null } : { ...record, addresses: [], resolveError: clip(resolution.code, 200) };
  });
  return { ...base, result: records.length > 0 ? 'found' : 'not-found', records, error: records.length > 0 ? null : 'the name exists but holds no SRV records' };
}

function socketCode(socketError: string | null | undefined): string | null {
  return socketError ? (SOCKET_CODES[socketError] ?? null) : null;
}

/** One connect attempt, as connectOnce (probes/network/tcp.ts) reports it. */
export function toConnectAttempt(raw: RawTcpAttempt): ConnectAttempt {
  const address = raw.address;
  if (raw.outcome === 'open') return { address, result: 'open', latencyMs: roundMs(raw.latencyMs ?? 0), error: null };
  if (raw.outcome === 'timed-out') {
    return { address, result: 'timed-out', latencyMs: null, error: `no answer within ${Math.round(raw.waitedMs)} ms: packets are dropped on the way (a firewall) or the host is down` };
  }
  const code = socketCode(raw.socketError);
  const result = classifyConnectError(code);
  const error = clip(describeSocketError(code ?? raw.socketError ?? null, message(raw.message, 'the connection failed')));
  return { address, result, latencyMs: result === 'refused' && raw.latencyMs != null ? roundMs(raw.latencyMs) : null, error };
}

/** One host:port, as checkTcp reports it: unresolvable, or the best of its attempts. */
export function toKmsHostCheck(raw: RawTcpCheck, sources: KmsHostSource[]): KmsHostCheck {
  const base = { host: normaliseHost(raw.host), port: raw.port, sources, durationMs: roundMs(raw.durationMs) };
  // Recorded as the app records a host it may not contact (notContacted in probes/collect.ts).
  if (raw.notContacted) return { ...base, addresses: [], address: null, tcp: 'not-contacted', latencyMs: null, error: NOT_CONTACTED_REASONS[raw.notContacted], durationMs: 0 };
  const resolution = toResolution(raw.resolve);
  if (!resolution.ok) return { ...base, addresses: [], address: null, tcp: 'unresolvable', latencyMs: null, error: clip(resolution.message) };
  if (raw.attempts.length === 0) {
    return { ...base, addresses: resolution.addresses, address: null, tcp: 'timed-out', latencyMs: null, error: 'no time left to connect after name resolution' };
  }
  return { ...base, addresses: resolution.addresses, ...summariseAttempts(raw.attempts.map(toConnectAttempt)) };
}

/** One host's clock, as checkTime reports it: the last address asked decides. */
export function toTimeCheck(raw: RawTimeCheck): TimeCheck {
  const base = { host: normaliseHost(raw.host), port: raw.port, durationMs: roundMs(raw.durationMs) };
  const none = { offsetMs: null, roundTripMs: null, stratum: null };
  const resolution = toResolution(raw.resolve);
  if (!resolution.ok) return { ...base, address: null, result: 'unresolvable', ...none, error: clip(resolution.message) };
  const last = raw.attempts[raw.attempts.length - 1];
  if (!last) return { ...base, address: null, result: 'no-answer', ...none, error: 'no time left to ask after name resolution' };
  const address = last.address;
  if (last.outcome !== 'reply') {
    if (last.outcome === 'no-answer') {
      // A connected UDP socket hears ICMP "port unreachable" as ConnectionReset: the host is there, no NTP service.
      const error = last.socketError === 'ConnectionReset' ? 'ECONNREFUSED: the host answered that nothing listens on the NTP port' : `no time answer within ${Math.round(last.waitedMs)} ms`;
      return { ...base, address, result: 'no-answer', ...none, error };
    }
    const code = socketCode(last.socketError);
    return { ...base, address, result: 'error', ...none, error: clip(describeSocketError(code ?? last.socketError ?? null, message(last.message, 'the time query failed'))) };
  }
  const request = Buffer.from(last.request, 'base64');
  if (request.length !== NTP_PACKET_BYTES) return { ...base, address, result: 'error', ...none, error: `the recorded request is ${request.length} bytes; an SNTP request is ${NTP_PACKET_BYTES}` };
  const reply = decodeSntpReply(Buffer.from(last.reply, 'base64'), request, last.t4UnixMs);
  if (!reply.ok) return { ...base, address, result: 'error', ...none, error: clip(reply.error) };
  return {
    ...base,
    address,
    result: 'ok',
    offsetMs: Math.round(reply.offsetMs * 10) / 10,
    roundTripMs: roundMs(reply.roundTripMs),
    stratum: reply.stratum,
    error: null,
  };
}

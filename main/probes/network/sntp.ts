/**
 * Clock offset to a KMS host by SNTP (RFC 4330). KMS refuses clients whose clock is more than
 * 4 hours off the host's (0xC004F06C), and a KMS host that is a domain controller, or runs the
 * W32Time NTP server, answers SNTP. Many KMS hosts do not: "no answer" is its own result, not an
 * error.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { TimeCheck } from '../../../shared/snapshot';
import { ABORTED, TIMED_OUT, roundMs, startBudget, within } from './budget';
import { clip, describeSocketError, errorCode, errorMessage } from './errors';
import type { Resolution } from './resolver';

export const NTP_PACKET_BYTES = 48;
/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
export const NTP_UNIX_OFFSET_S = 2_208_988_800;
const TWO_32 = 2 ** 32;

/**
 * Milliseconds since 1970 → 64-bit NTP timestamp (32-bit seconds since 1900 + 32-bit fraction).
 * The seconds wrap in 2036 (era 1); the wrap is undone on decoding.
 */
export function encodeNtpTimestamp(unixMs: number, target: Buffer, offset: number): void {
  const totalSeconds = unixMs / 1000 + NTP_UNIX_OFFSET_S;
  const seconds = Math.floor(totalSeconds);
  const fraction = Math.min(TWO_32 - 1, Math.round((totalSeconds - seconds) * TWO_32));
  target.writeUInt32BE(seconds % TWO_32 >>> 0, offset);
  target.writeUInt32BE(fraction >>> 0, offset + 4);
}

/**
 * 64-bit NTP timestamp → milliseconds since 1970. RFC 4330 §3: if the most significant bit of the
 * seconds is 0, the time is in era 1 (from 2036-02-07), otherwise in era 0 (1968-2036).
 */
export function decodeNtpTimestamp(source: Buffer, offset: number): number {
  const seconds = source.readUInt32BE(offset);
  const fraction = source.readUInt32BE(offset + 4);
  const era = seconds & 0x8000_0000 ? 0 : 1;
  return (era * TWO_32 + seconds - NTP_UNIX_OFFSET_S) * 1000 + (fraction / TWO_32) * 1000;
}

/**
 * A client request: LI 0, version 4, mode 3 (first byte 0x23); everything zero except the
 * transmit timestamp (T1). Its low fraction bits are random, so a forged or stale reply cannot
 * guess the originate timestamp it has to echo back.
 */
export function encodeSntpRequest(t1UnixMs: number, random: Buffer = randomBytes(2)): Buffer {
  const packet = Buffer.alloc(NTP_PACKET_BYTES);
  packet[0] = 0x23;
  encodeNtpTimestamp(t1UnixMs, packet, 40);
  // The lowest 16 bits of the fraction are ~15 µs: noise to the measurement, but unpredictable.
  packet[46] = random[0] ?? 0;
  packet[47] = random[1] ?? 0;
  return packet;
}

export type SntpReply =
  | { ok: true; offsetMs: number; roundTripMs: number; stratum: number; leap: number; version: number }
  | { ok: false; error: string };

/**
 * Validates a reply to `request` and computes offset = ((T2-T1)+(T3-T4))/2 and
 * round trip = (T4-T1)-(T3-T2). T1 is read back from the request itself, bit for bit.
 */
export function decodeSntpReply(reply: Buffer, request: Buffer, t4UnixMs: number): SntpReply {
  if (reply.length < NTP_PACKET_BYTES) return { ok: false, error: `reply is ${reply.length} bytes; an NTP packet has at least 48` };
  const first = reply[0]!;
  const mode = first & 0x07;
  const version = (first >> 3) & 0x07;
  const leap = first >> 6;
  const stratum = reply[1]!;
  if (mode !== 4) return { ok: false, error: `reply is not a server answer (mode ${mode}, expected 4)` };
  if (version < 1 || version > 4) return { ok: false, error: `reply has NTP version ${version}` };
  if (!reply.subarray(24, 32).equals(request.subarray(40, 48))) return { ok: false, error: 'reply does not echo our request (originate timestamp differs): a stale or forged packet' };
  if (reply.readUInt32BE(40) === 0 && reply.readUInt32BE(44) === 0) return { ok: false, error: 'reply has no transmit timestamp' };
  if (stratum === 0) {
    const code = reply.subarray(12, 16).toString('latin1').replace(/[^\x20-\x7e]/g, '');
    return { ok: false, error: `the server sent a kiss-o'-death (${code || 'no code'}): it refuses to serve time to us` };
  }
  const t1 = decodeNtpTimestamp(request, 40);
  const t2 = decodeNtpTimestamp(reply, 32);
  const t3 = decodeNtpTimestamp(reply, 40);
  const offsetMs = (t2 - t1 + (t3 - t4UnixMs)) / 2;
  const roundTripMs = Math.max(0, t4UnixMs - t1 - (t3 - t2));
  return { ok: true, offsetMs, roundTripMs, stratum: Math.min(stratum, 16), leap, version };
}

/** Wall-clock milliseconds with sub-millisecond resolution (Date.now() alone is 1 ms). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

type Exchange = { kind: 'reply'; reply: SntpReply } | { kind: 'no-answer'; error: string } | { kind: 'error'; error: string };

/** One request to one address. The socket is always closed, whatever happens. */
export function exchangeOnce(address: string, port: number, ms: number, signal: AbortSignal, now: () => number = preciseNow): Promise<Exchange> {
  return new Promise((resolve) => {
    // Filled once the socket exists; finish() may run before that (already cancelled, not an IP).
    const held: { socket?: Socket } = {};
    let settled = false;
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      try {
        held.socket?.close();
      } catch {
        // Already closed by an error: nothing left to release.
      }
      resolve(result);
    };
    const onAbort = () => finish({ kind: 'error', error: 'cancelled' });
    const timer = setTimeout(() => finish({ kind: 'no-answer', error: `no time answer within ${Math.round(ms)} ms` }), Math.max(0, ms));
    timer.unref();
    if (signal.aborted) return onAbort();
    // Only IP literals: a name here would be resolved by the system resolver behind our back.
    if (!isIP(address)) return finish({ kind: 'error', error: 'not an IP address; resolve the name first' });
    signal.addEventListener('abort', onAbort, { once: true });
    let request: Buffer | undefined;
    const socket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
    held.socket = socket;
    socket.on('error', (error) => {
      const code = errorCode(error);
      // A connected UDP socket hears ICMP "port unreachable" as ECONNREFUSED: the host is there, no NTP service.
      if (code === 'ECONNREFUSED') finish({ kind: 'no-answer', error: 'ECONNREFUSED: the host answered that nothing listens on the NTP port' });
      else finish({ kind: 'error', error: clip(describeSocketError(code, errorMessage(error))) });
    });
    socket.on('message', (message) => {
      if (!request) return;
      const reply = decodeSntpReply(message, request, now());
      // A packet that does not belong to our request is ignored, not fatal: wait for the real one.
      if (!reply.ok && reply.error.startsWith('reply does not echo')) return;
      finish({ kind: 'reply', reply });
    });
    // connect() makes the kernel accept replies from this address and port only.
    socket.connect(port, address, () => {
      request = encodeSntpRequest(now());
      socket.send(request);
    });
  });
}

export interface TimeCheckOptions {
  port: number;
  timeoutMs: number;
  signal: AbortSignal;
  resolution: Promise<Resolution>;
  now?: () => number;
}

/** Asks every address of `host` in turn until one answers with the time. Never throws. */
export async function checkTime(host: string, options: TimeCheckOptions): Promise<TimeCheck> {
  const budget = startBudget(options.timeoutMs);
  const base = { host, port: options.port };
  const none = { offsetMs: null, roundTripMs: null, stratum: null };
  const resolved = await within(options.resolution, budget.remaining(), options.signal);
  if (resolved === TIMED_OUT || resolved === ABORTED || !resolved.ok) {
    const error = resolved === TIMED_OUT ? 'ETIMEOUT: the name did not resolve in time' : resolved === ABORTED ? 'cancelled' : resolved.message;
    return { ...base, address: null, result: 'unresolvable', ...none, error: clip(error), durationMs: roundMs(budget.elapsed()) };
  }
  const addresses = resolved.addresses;
  let last: { address: string; exchange: Exchange } | null = null;
  for (let i = 0; i < addresses.length; i++) {
    const share = budget.remaining() / (addresses.length - i);
    if (share <= 0 || options.signal.aborted) break;
    const address = addresses[i]!;
    const exchange = await exchangeOnce(address, options.port, share, options.signal, options.now);
    last = { address, exchange };
    if (exchange.kind === 'reply' && exchange.reply.ok) break;
  }
  const durationMs = roundMs(budget.elapsed());
  if (!last) return { ...base, address: null, result: 'no-answer', ...none, error: 'no time left to ask after name resolution', durationMs };
  const { address, exchange } = last;
  if (exchange.kind === 'no-answer') return { ...base, address, result: 'no-answer', ...none, error: exchange.error, durationMs };
  if (exchange.kind === 'error') return { ...base, address, result: 'error', ...none, error: exchange.error, durationMs };
  const reply = exchange.reply;
  if (!reply.ok) return { ...base, address, result: 'error', ...none, error: clip(reply.error), durationMs };
  return {
    ...base,
    address,
    result: 'ok',
    offsetMs: Math.round(reply.offsetMs * 10) / 10,
    roundTripMs: roundMs(reply.roundTripMs),
    stratum: reply.stratum,
    error: null,
    durationMs,
  };
}

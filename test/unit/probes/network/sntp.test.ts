import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NTP_UNIX_OFFSET_S,
  checkTime,
  decodeNtpTimestamp,
  decodeSntpReply,
  encodeNtpTimestamp,
  encodeSntpRequest,
  exchangeOnce,
} from '../../../../main/probes/network/sntp';
import { TimeCheckSchema } from '../../../../shared/snapshot';

/** A server reply to `request` whose clock reads `serverNow` (ms since 1970). */
function reply(request: Buffer, t2: number, t3: number, overrides: { first?: number; stratum?: number; refId?: string; originate?: Buffer; zeroTransmit?: boolean } = {}): Buffer {
  const packet = Buffer.alloc(48);
  packet[0] = overrides.first ?? 0x24; // LI 0, version 4, mode 4
  packet[1] = overrides.stratum ?? 2;
  if (overrides.refId) packet.write(overrides.refId, 12, 'latin1');
  (overrides.originate ?? request.subarray(40, 48)).copy(packet, 24);
  encodeNtpTimestamp(t2, packet, 32);
  if (!overrides.zeroTransmit) encodeNtpTimestamp(t3, packet, 40);
  return packet;
}

describe('NTP timestamps', () => {
  it('counts seconds from 1900 and keeps the fraction', () => {
    const buf = Buffer.alloc(8);
    encodeNtpTimestamp(0, buf, 0);
    expect(buf.readUInt32BE(0)).toBe(NTP_UNIX_OFFSET_S);
    expect(buf.readUInt32BE(4)).toBe(0);
    encodeNtpTimestamp(1500, buf, 0); // 1.5 s after 1970
    expect(buf.readUInt32BE(0)).toBe(NTP_UNIX_OFFSET_S + 1);
    expect(buf.readUInt32BE(4)).toBe(0x8000_0000);
    expect(decodeNtpTimestamp(buf, 0)).toBe(1500);
  });

  it('round-trips today and dates after the 2036 wrap (era 1) to well under a millisecond', () => {
    const buf = Buffer.alloc(8);
    for (const ms of [Date.UTC(2026, 10, 23, 18, 46, 54, 123.25), Date.UTC(2036, 1, 7, 6, 28, 15), Date.UTC(2040, 0, 1, 0, 0, 0, 999)]) {
      encodeNtpTimestamp(ms, buf, 0);
      expect(Math.abs(decodeNtpTimestamp(buf, 0) - ms)).toBeLessThan(0.01);
    }
    encodeNtpTimestamp(Date.UTC(2040, 0, 1), buf, 0);
    expect(buf.readUInt32BE(0)).toBeLessThan(0x8000_0000); // wrapped: era 1
  });
});

describe('SNTP request', () => {
  it('is 48 bytes, first byte 0x23 (LI 0, version 4, client), carrying T1 with random low bits', () => {
    const t1 = Date.UTC(2026, 10, 23, 12);
    const a = encodeSntpRequest(t1, Buffer.from([0xab, 0xcd]));
    expect(a).toHaveLength(48);
    expect(a[0]).toBe(0x23);
    expect(a.subarray(1, 40).every((b) => b === 0)).toBe(true);
    expect(a[46]).toBe(0xab);
    expect(a[47]).toBe(0xcd);
    expect(Math.abs(decodeNtpTimestamp(a, 40) - t1)).toBeLessThan(0.1);
  });
});

describe('SNTP reply validation and offset', () => {
  const t1 = Date.UTC(2026, 10, 23, 12, 0, 0);
  const request = encodeSntpRequest(t1, Buffer.from([0, 0]));

  it('computes offset ((T2-T1)+(T3-T4))/2 and round trip (T4-T1)-(T3-T2)', () => {
    // Server 5 h ahead; 10 ms each way; 2 ms in the server.
    const shift = 5 * 3600_000;
    const t2 = t1 + 10 + shift;
    const t3 = t2 + 2;
    const t4 = t1 + 22;
    const r = decodeSntpReply(reply(request, t2, t3), request, t4);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.offsetMs).toBeCloseTo(shift, 0);
    expect(r.roundTripMs).toBeCloseTo(20, 0);
    expect(r.stratum).toBe(2);
  });

  it('measures a server that is behind as a negative offset', () => {
    const shift = -3 * 3600_000;
    const r = decodeSntpReply(reply(request, t1 + 1 + shift, t1 + 1 + shift), request, t1 + 2);
    expect(r.ok && Math.round(r.offsetMs / 1000)).toBe(-3 * 3600);
  });

  it.each([
    ['a short packet', reply(request, t1, t1).subarray(0, 40), /48/],
    ['a client packet (mode 3)', reply(request, t1, t1, { first: 0x23 }), /mode 3/],
    ['a reply to someone else (originate differs)', reply(request, t1, t1, { originate: Buffer.alloc(8, 1) }), /originate/],
    ['a reply without transmit timestamp', reply(request, t1, t1, { zeroTransmit: true }), /transmit/],
    ["a kiss-o'-death (stratum 0)", reply(request, t1, t1, { stratum: 0, refId: 'RATE' }), /kiss-o'-death \(RATE\)/],
  ])('rejects %s', (_name, packet, message) => {
    const r = decodeSntpReply(packet, request, t1 + 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('SNTP exchange on loopback', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  /** A UDP server on 127.0.0.1 that answers (or stays silent) the way `answer` says. */
  function server(answer: ((request: Buffer) => Buffer | null) | null): Promise<number> {
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      sockets.push(socket);
      socket.on('message', (message, from) => {
        const packet = answer?.(message);
        if (packet) socket.send(packet, from.port, from.address);
      });
      socket.bind(0, '127.0.0.1', () => resolve(socket.address().port));
    });
  }
  const signal = new AbortController().signal;
  const resolution = Promise.resolve({ ok: true as const, addresses: ['127.0.0.1'] });

  it('reads the offset of a server one hour ahead', async () => {
    const port = await server((req) => {
      const now = Date.now() + 3600_000;
      return reply(req, now, now);
    });
    const check = await checkTime('127.0.0.1', { port, timeoutMs: 1000, signal, resolution });
    expect(TimeCheckSchema.parse(check)).toEqual(check);
    expect(check.result).toBe('ok');
    expect(Math.abs((check.offsetMs ?? 0) - 3600_000)).toBeLessThan(1000);
    expect(check.stratum).toBe(2);
  });

  it('ignores a forged packet and keeps waiting for the real answer', async () => {
    const port = await server((req) => {
      const now = Date.now();
      return reply(req, now, now, { originate: Buffer.alloc(8, 7) });
    });
    const result = await exchangeOnce('127.0.0.1', port, 300, signal);
    expect(result.kind).toBe('no-answer');
  });

  it('reports a silent server as no-answer, not as an error, within its timeout', async () => {
    const port = await server(null);
    const started = Date.now();
    const check = await checkTime('127.0.0.1', { port, timeoutMs: 300, signal, resolution });
    expect(check.result).toBe('no-answer');
    expect(check.offsetMs).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a closed port (ICMP port unreachable) as no-answer, fast', async () => {
    const port = await server(null);
    sockets.pop()?.close();
    const started = Date.now();
    const check = await checkTime('127.0.0.1', { port, timeoutMs: 2000, signal, resolution });
    expect(check.result).toBe('no-answer');
    expect(check.error).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a kiss-o-death as an error', async () => {
    const port = await server((req) => reply(req, Date.now(), Date.now(), { stratum: 0, refId: 'DENY' }));
    const check = await checkTime('127.0.0.1', { port, timeoutMs: 1000, signal, resolution });
    expect(check.result).toBe('error');
    expect(check.error).toMatch(/DENY/);
  });

  it('reports a name that did not resolve as unresolvable without sending anything', async () => {
    const check = await checkTime('kms.nowhere.test', { port: 123, timeoutMs: 500, signal, resolution: Promise.resolve({ ok: false, code: 'ENOTFOUND', message: 'ENOTFOUND: no such name' }) });
    expect(check).toMatchObject({ result: 'unresolvable', address: null, error: 'ENOTFOUND: no such name' });
  });
});

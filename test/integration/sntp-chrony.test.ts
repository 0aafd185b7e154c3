/**
 * Clock offset against a real NTP server: chronyd under libfaketime, its clock moved +5 h, -3 h
 * and not at all. The measured offset must match the shift within 2 s.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkTime } from '../../main/probes/network/sntp';
import { TimeCheckSchema } from '../../shared/snapshot';
import { startChronyd, type NtpPeer } from '../support/peers/chrony';

const HOUR = 3600_000;
const signal = new AbortController().signal;

describe('SNTP against chronyd under libfaketime', () => {
  let ntp: NtpPeer | undefined;
  afterEach(async () => {
    await ntp?.stop();
    ntp = undefined;
  });

  it.each([
    ['+5h', 5 * HOUR],
    ['-3h', -3 * HOUR],
    ['+0', 0],
  ])('FAKETIME=%s: measured offset within ±2 s', async (shift, expectedMs) => {
    ntp = await startChronyd(shift);
    const check = await checkTime('127.0.0.1', { port: ntp.port, timeoutMs: 2000, signal, resolution: Promise.resolve({ ok: true, addresses: ['127.0.0.1'] }) });
    expect(TimeCheckSchema.parse(check)).toEqual(check);
    expect(check).toMatchObject({ host: '127.0.0.1', address: '127.0.0.1', port: ntp.port, result: 'ok', stratum: 1, error: null });
    expect(Math.abs((check.offsetMs ?? Number.NaN) - expectedMs)).toBeLessThan(2000);
    expect(check.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(check.roundTripMs).toBeLessThan(500);
  });

  it('after chronyd stops, the same port gives "no-answer"', async () => {
    ntp = await startChronyd('+0');
    const port = ntp.port;
    await ntp.stop();
    ntp = undefined;
    const check = await checkTime('127.0.0.1', { port, timeoutMs: 500, signal, resolution: Promise.resolve({ ok: true, addresses: ['127.0.0.1'] }) });
    expect(check.result).toBe('no-answer');
  });
});

import { describe, expect, it } from 'vitest';
import {
  describeEndpoints,
  describeKmsHosts,
  describeLicensing,
  describeSrv,
  describeTime,
} from '../../../../main/probes/outcomes';
import { formatOffset } from '../../../../shared/diagnosis/format';
import { KMS, KMS_MAX_SKEW_MS } from '../../../../shared/knowledge/kms';
import type { EndpointCheck, KmsHostCheck, SrvLookup, TimeCheck } from '../../../../shared/snapshot';
import { licensing, product } from './facts';

const time = (host: string, result: TimeCheck['result'], offsetMs: number | null = null): TimeCheck => ({
  host,
  address: '10.0.0.1',
  port: 123,
  result,
  offsetMs,
  roundTripMs: offsetMs === null ? null : 1,
  stratum: offsetMs === null ? null : 2,
  error: null,
  durationMs: 1,
});

describe('checklist lines', () => {
  it('formats clock offsets the way a technician reads them (one formatter for diagnosis, progress and CLI)', () => {
    expect(formatOffset(18_000_000.9)).toBe('5 h 00 min ahead of this computer');
    expect(formatOffset(-3 * 3600_000 - 90_000)).toBe('3 h 01 min behind this computer');
    expect(formatOffset(-12_345)).toBe('12 s behind this computer');
    expect(formatOffset(250)).toBe('within 0.25 s of this computer');
    expect(formatOffset(-5 * 60_000)).toBe('5 min 00 s behind this computer');
  });

  it('reads the 4-hour limit from the KMS knowledge table', () => {
    expect(KMS_MAX_SKEW_MS).toBe(KMS.maxTimeSkew.value * 3_600_000);
    expect(KMS.maxTimeSkew).toMatchObject({ value: 4, unit: 'hours' });
  });

  it('flags a clock more than 4 h apart (KMS refuses it), but not a host without NTP', () => {
    expect(describeTime([time('kms1', 'ok', KMS_MAX_SKEW_MS + 1000)])).toEqual({ outcome: 'problem', summary: 'kms1 4 h 00 min ahead of this computer (more than 4 h apart: KMS will refuse, 0xC004F06C)' });
    expect(describeTime([time('kms1', 'ok', 1200), time('kms2', 'no-answer'), time('kms3', 'unresolvable')])).toEqual({
      outcome: 'ok',
      summary: 'kms1 1 s ahead of this computer; no time answer from 1 host; 1 host not resolvable',
    });
  });

  it('SRV: a stale target or a failed lookup is a problem', () => {
    const lookup = (result: SrvLookup['result'], records: SrvLookup['records'] = []): SrvLookup => ({ domain: 'corp.test', name: '_vlmcs._tcp.corp.test', sources: ['option'], result, records, dnsServer: null, error: null, durationMs: 1 });
    const rec = (target: string, resolveError: string | null) => ({ target, port: 1688, priority: 0, weight: 0, addresses: resolveError ? [] : ['10.0.0.1'], resolveError });
    expect(describeSrv([lookup('found', [rec('kms1.corp.test', null)])])).toEqual({ outcome: 'ok', summary: '1 of 1 domain publishes a KMS host, 1 record' });
    expect(describeSrv([lookup('found', [rec('kms1.corp.test', null), rec('old.corp.test', 'ENOTFOUND')]), lookup('timed-out')])).toEqual({
      outcome: 'problem',
      summary: '1 of 2 domains publish a KMS host, 2 records, 1 target does not resolve (old.corp.test), 1 lookup failed',
    });
    expect(describeSrv([lookup('not-found')]).outcome).toBe('problem');
  });

  it('KMS hosts and endpoints: every one must answer', () => {
    const host = (h: string, tcp: KmsHostCheck['tcp']): KmsHostCheck => ({ host: h, port: 1688, sources: ['option'], addresses: [], address: null, tcp, latencyMs: tcp === 'open' ? 1.5 : null, error: null, durationMs: 1 });
    expect(describeKmsHosts([host('kms1', 'open')])).toEqual({ outcome: 'ok', summary: '1 of 1 answer: kms1:1688 open (2 ms)' });
    expect(describeKmsHosts([host('kms1', 'open'), host('fd00::1', 'timed-out')])).toEqual({ outcome: 'problem', summary: '1 of 2 answer: kms1:1688 open (2 ms); [fd00::1]:1688 timed-out' });
    const endpoint = (h: string, result: EndpointCheck['result']): EndpointCheck => ({ host: h, port: 443, result, proxy: 'http://proxy:8080', latencyMs: null, error: null, durationMs: 1 });
    expect(describeEndpoints([endpoint('a', 'reachable'), endpoint('b', 'proxy-error')])).toEqual({ outcome: 'problem', summary: '1 of 2 reachable through http://proxy:8080: b proxy-error' });
  });

  it('licensing: names the state and the HRESULT of the Windows product', () => {
    expect(describeLicensing(licensing(null))).toEqual({ outcome: 'problem', summary: 'Notification: Windows(R), ServerStandard edition, VOLUME_KMSCLIENT (0xC004F034)' });
    const ok = licensing(null);
    ok.products = [product({ licenseStatus: 1, licenseStatusReason: 0 })];
    expect(describeLicensing(ok)).toEqual({ outcome: 'ok', summary: 'Licensed: Windows(R), ServerStandard edition, VOLUME_KMSCLIENT' });
  });
});

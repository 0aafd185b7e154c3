import { describe, expect, it } from 'vitest';
import type { RawSrvLookup, RawTcpAttempt, RawTcpCheck, RawTimeCheck } from '../../../main/collector/document';
import { toConnectAttempt, toKmsHostCheck, toResolution, toSrvLookup, toTimeCheck } from '../../../main/collector/network';
import { encodeNtpTimestamp, encodeSntpRequest } from '../../../main/probes/network/sntp';
import { KmsHostCheckSchema, SrvLookupSchema, TimeCheckSchema } from '../../../shared/snapshot';

const found = (...addresses: string[]) => ({ addresses, error: null, socketError: null, errorCode: null, message: null });
const socketFailure = (socketError: string, errorCode: number, message = 'localized text') => ({ addresses: [], error: 'socket' as const, socketError, errorCode, message });

describe('name resolution', () => {
  it.each([
    [found('10.0.0.5', 'fd00::5'), { ok: true, addresses: ['10.0.0.5', 'fd00::5'] }],
    [{ addresses: [], error: 'timeout' as const }, { ok: false, code: 'ETIMEOUT', message: 'ETIMEOUT: the DNS server did not answer in time' }],
    [socketFailure('HostNotFound', 11001), { ok: false, code: 'ENOTFOUND', message: 'ENOTFOUND: the name does not exist in DNS (NXDOMAIN)' }],
    [socketFailure('NoData', 11004), { ok: false, code: 'ENODATA', message: 'ENODATA: the name exists but has no A or AAAA record' }],
    [socketFailure('TryAgain', 11002), { ok: false, code: 'EAI_AGAIN', message: 'EAI_AGAIN: the name could not be resolved right now (temporary DNS failure)' }],
    [{ addresses: [], error: 'failed' as const, message: 'Specified argument was out of the range of valid values.' }, { ok: false, code: 'EFAIL', message: 'EFAIL: Specified argument was out of the range of valid values.' }],
    [{ addresses: [], error: null }, { ok: false, code: 'ENODATA', message: 'ENODATA: the name has no addresses' }],
    [null, { ok: false, code: 'EFAIL', message: 'the collector script did not look this name up' }],
  ])('%j → %j', (raw, expected) => {
    expect(toResolution(raw)).toEqual(expected);
  });
});

describe('SRV lookups (as lookupSrv reports them)', () => {
  const lookup = (over: Partial<RawSrvLookup>): RawSrvLookup => ({
    domain: 'corp.example',
    sources: ['ad-domain'],
    status: 'answered',
    records: [],
    errorId: null,
    errorCode: null,
    message: null,
    durationMs: 12.34,
    ...over,
  });
  const read = (raw: RawSrvLookup) => SrvLookupSchema.parse(toSrvLookup(raw, 'corp.example', ['ad-domain']));

  it.each([
    ['DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName', 9003, 'not-found', 'ENOTFOUND: the name does not exist in DNS (NXDOMAIN)'],
    ['DNS_INFO_NO_RECORDS,Microsoft.DnsClient.Commands.ResolveDnsName', 9501, 'not-found', 'ENODATA: the name exists but has no record of this type'],
    ['ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName', 1460, 'timed-out', 'ETIMEOUT: the DNS server did not answer in time'],
    ['DNS_ERROR_RCODE_SERVER_FAILURE,Microsoft.DnsClient.Commands.ResolveDnsName', 9002, 'error', 'ESERVFAIL: the DNS server failed to answer (SERVFAIL)'],
    [null, 9005, 'error', 'EREFUSED: the DNS server refused the query (REFUSED): it does not serve this name'],
    ['DNS_ERROR_NO_DNS_SERVERS,Microsoft.DnsClient.Commands.ResolveDnsName', 9852, 'error', 'DNS_ERROR_NO_DNS_SERVERS: No DNS servers configured for local system'],
  ] as const)('a failed lookup %s (%d) is %s', (errorId, errorCode, result, error) => {
    expect(read(lookup({ status: 'failed', errorId, errorCode, message: 'No DNS servers configured for local system' }))).toMatchObject({ result, records: [], error, dnsServer: null, name: '_vlmcs._tcp.corp.example' });
  });

  it('a name without SRV records (Resolve-DnsName answered with its zone only) is not-found', () => {
    expect(read(lookup({}))).toMatchObject({ result: 'not-found', error: 'the name exists but holds no SRV records', durationMs: 12.3 });
  });

  it('sorts records as a client prefers them and reports each target', () => {
    const result = read(
      lookup({
        records: [
          { target: 'KMS-OLD.corp.example.', port: 1688, priority: 10, weight: 0, resolve: socketFailure('HostNotFound', 11001) },
          { target: 'kms2.corp.example', port: 1688, priority: 0, weight: 10, resolve: found('10.0.0.6') },
          { target: 'kms1.corp.example', port: 1688, priority: 0, weight: 100, resolve: found('10.0.0.5') },
          { target: '', port: 0, priority: 20, weight: 0, resolve: null },
        ],
      }),
    );
    expect(result.result).toBe('found');
    expect(result.records).toEqual([
      { target: 'kms1.corp.example', port: 1688, priority: 0, weight: 100, addresses: ['10.0.0.5'], resolveError: null },
      { target: 'kms2.corp.example', port: 1688, priority: 0, weight: 10, addresses: ['10.0.0.6'], resolveError: null },
      { target: 'kms-old.corp.example', port: 1688, priority: 10, weight: 0, addresses: [], resolveError: 'ENOTFOUND' },
      { target: '.', port: 0, priority: 20, weight: 0, addresses: [], resolveError: 'no service (target is ".")' },
    ]);
  });
});

describe('TCP (as checkTcp reports it)', () => {
  const attempt = (over: Partial<RawTcpAttempt>): RawTcpAttempt => ({ address: '10.0.0.5', outcome: 'failed', waitedMs: 3000, latencyMs: 1.25, socketError: null, errorCode: null, message: null, ...over });
  const check = (attempts: RawTcpAttempt[], resolve: RawTcpCheck['resolve'] = found('10.0.0.5', '10.0.0.6')): KmsCheck =>
    KmsHostCheckSchema.parse(toKmsHostCheck({ host: 'KMS1.corp.example', port: 1688, sources: ['srv'], resolve, attempts, durationMs: 7.77 }, ['configured', 'srv']));
  type KmsCheck = ReturnType<typeof KmsHostCheckSchema.parse>;

  it.each([
    [attempt({ outcome: 'open', latencyMs: 2.04 }), { result: 'open', latencyMs: 2, error: null }],
    [attempt({ socketError: 'ConnectionRefused', errorCode: 10061 }), { result: 'refused', latencyMs: 1.3, error: 'ECONNREFUSED: the host refused the connection: it is up, but nothing listens on that port' }],
    [attempt({ outcome: 'timed-out', waitedMs: 1499.6 }), { result: 'timed-out', latencyMs: null, error: 'no answer within 1500 ms: packets are dropped on the way (a firewall) or the host is down' }],
    [attempt({ socketError: 'HostUnreachable', errorCode: 10065 }), { result: 'unreachable', latencyMs: null, error: 'EHOSTUNREACH: no route to the host (host unreachable)' }],
    [attempt({ socketError: 'NetworkUnreachable', errorCode: 10051 }), { result: 'unreachable', latencyMs: null, error: 'ENETUNREACH: no route to that network (network unreachable)' }],
    [attempt({ socketError: 'TimedOut', errorCode: 10060 }), { result: 'timed-out', latencyMs: null, error: 'ETIMEDOUT: localized' }],
    [attempt({ socketError: 'AddressAlreadyInUse', errorCode: 10048, message: 'Only one usage of each socket address' }), { result: 'error', latencyMs: null, error: 'AddressAlreadyInUse: Only one usage of each socket address' }],
  ])('%j', (raw, expected) => {
    const read = toConnectAttempt(raw.socketError === 'TimedOut' ? { ...raw, message: 'localized' } : raw);
    expect(read).toEqual({ address: '10.0.0.5', ...expected });
  });

  it('reports the host with the sources it is given, its addresses and the best attempt', () => {
    const result = check([attempt({ outcome: 'timed-out', waitedMs: 1500 }), attempt({ address: '10.0.0.6', socketError: 'ConnectionRefused', errorCode: 10061 })]);
    expect(result).toMatchObject({
      host: 'kms1.corp.example',
      sources: ['configured', 'srv'],
      addresses: ['10.0.0.5', '10.0.0.6'],
      address: '10.0.0.6',
      tcp: 'refused',
      durationMs: 7.8,
    });
    expect(result.error).toMatch(/^10\.0\.0\.5: timed-out; 10\.0\.0\.6: refused \(ECONNREFUSED/);
  });

  it('is unresolvable when the name did not resolve, and timed-out when no time was left to connect', () => {
    expect(check([], socketFailure('HostNotFound', 11001))).toMatchObject({ tcp: 'unresolvable', addresses: [], address: null, error: 'ENOTFOUND: the name does not exist in DNS (NXDOMAIN)' });
    expect(check([])).toMatchObject({ tcp: 'timed-out', address: null, error: 'no time left to connect after name resolution' });
  });
});

describe('SNTP (as checkTime reports it, from the packets themselves)', () => {
  const T1 = Date.UTC(2026, 10, 20, 9, 30, 2, 417);
  const request = encodeSntpRequest(T1, Buffer.from([1, 2]));
  function reply(offsetMs: number, edit?: (packet: Buffer) => void): Buffer {
    const packet = Buffer.alloc(48);
    packet[0] = 0x24;
    packet[1] = 2;
    request.copy(packet, 24, 40, 48);
    encodeNtpTimestamp(T1 + offsetMs + 0.5, packet, 32);
    encodeNtpTimestamp(T1 + offsetMs + 0.6, packet, 40);
    edit?.(packet);
    return packet;
  }
  const time = (attempts: RawTimeCheck['attempts'], resolve: RawTimeCheck['resolve'] = found('10.0.0.5')) =>
    TimeCheckSchema.parse(toTimeCheck({ host: 'kms1.corp.example', port: 123, resolve, attempts, durationMs: 3.04 }));
  const replied = (packet: Buffer, t4 = T1 + 1.1) => ({ address: '10.0.0.5', outcome: 'reply' as const, waitedMs: 3000, request: request.toString('base64'), reply: packet.toString('base64'), t4UnixMs: t4 });

  it('computes offset = ((T2-T1)+(T3-T4))/2, the round trip and the stratum', () => {
    expect(time([replied(reply(5 * 3600_000))])).toEqual({
      host: 'kms1.corp.example',
      address: '10.0.0.5',
      port: 123,
      result: 'ok',
      offsetMs: 18_000_000,
      roundTripMs: 1,
      stratum: 2,
      error: null,
      durationMs: 3,
    });
    expect(time([replied(reply(-90_000))]).offsetMs).toBeCloseTo(-90_000, 0);
  });

  it.each([
    ['a reply that does not echo our request', (p: Buffer) => p.fill(0, 24, 32), /does not echo our request/],
    ["a kiss-o'-death", (p: Buffer) => ((p[1] = 0), p.write('RATE', 12, 'latin1')), /kiss-o'-death \(RATE\)/],
    ['a client packet', (p: Buffer) => (p[0] = 0x23), /not a server answer \(mode 3/],
  ])('rejects %s as an error', (_what, edit, message) => {
    const result = time([replied(reply(0, edit))]);
    expect(result).toMatchObject({ result: 'error', offsetMs: null, stratum: null });
    expect(result.error).toMatch(message);
  });

  it('tells silence and "no NTP service here" apart from failures', () => {
    const base = { address: '10.0.0.5', waitedMs: 2999.7, request: request.toString('base64'), reply: null, t4UnixMs: null };
    expect(time([{ ...base, outcome: 'no-answer', socketError: 'TimedOut', errorCode: 10060 }])).toMatchObject({ result: 'no-answer', error: 'no time answer within 3000 ms' });
    expect(time([{ ...base, outcome: 'no-answer', socketError: 'ConnectionReset', errorCode: 10054 }])).toMatchObject({ result: 'no-answer', error: 'ECONNREFUSED: the host answered that nothing listens on the NTP port' });
    expect(time([{ ...base, outcome: 'failed', socketError: 'NetworkUnreachable', errorCode: 10051 }])).toMatchObject({ result: 'error', error: 'ENETUNREACH: no route to that network (network unreachable)' });
    expect(time([], socketFailure('HostNotFound', 11001))).toMatchObject({ result: 'unresolvable', address: null });
    expect(time([])).toMatchObject({ result: 'no-answer', error: 'no time left to ask after name resolution' });
  });

  it('does not read a recorded request that is not an SNTP packet', () => {
    const bad = { ...replied(reply(0)), request: Buffer.alloc(12).toString('base64') };
    expect(time([bad])).toMatchObject({ result: 'error', error: 'the recorded request is 12 bytes; an SNTP request is 48' });
  });
});

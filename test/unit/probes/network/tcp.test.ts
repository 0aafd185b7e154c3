import { afterEach, describe, expect, it } from 'vitest';
import { checkTcp, classifyConnectError, connectOnce, summariseAttempts, type ConnectAttempt } from '../../../../main/probes/network/tcp';
import { KmsHostCheckSchema } from '../../../../shared/snapshot';
import { closedPort, startTcpListener, type TcpPeer } from '../../../support/peers/tcp';

describe('classifyConnectError', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timed-out'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['ENETDOWN', 'unreachable'],
    ['ECONNRESET', 'error'],
    ['EACCES', 'error'],
    [null, 'error'],
  ] as const)('%s → %s', (code, result) => {
    expect(classifyConnectError(code)).toBe(result);
  });
});

describe('summariseAttempts', () => {
  const attempt = (address: string, result: ConnectAttempt['result'], latencyMs: number | null = null): ConnectAttempt => ({ address, result, latencyMs, error: result === 'open' ? null : `${result} detail` });

  it('reports the address that answered', () => {
    expect(summariseAttempts([attempt('fd00::1', 'unreachable'), attempt('10.0.0.1', 'open', 3)])).toEqual({ address: '10.0.0.1', tcp: 'open', latencyMs: 3, error: null });
  });

  it('when none answered, reports the most telling result and every address', () => {
    const summary = summariseAttempts([attempt('10.0.0.1', 'timed-out'), attempt('10.0.0.2', 'refused', 1), attempt('fd00::1', 'unreachable')]);
    expect(summary.tcp).toBe('refused');
    expect(summary.address).toBe('fd00::1'); // the last tried, as the schema documents
    expect(summary.error).toMatch(/10\.0\.0\.1: timed-out; 10\.0\.0\.2: refused; fd00::1: unreachable/);
  });

  it('with one attempt keeps its own message', () => {
    expect(summariseAttempts([attempt('10.0.0.1', 'timed-out')])).toMatchObject({ tcp: 'timed-out', error: 'timed-out detail', latencyMs: null });
  });
});

describe('TCP checks on loopback', () => {
  const signal = new AbortController().signal;
  let listener: TcpPeer | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });
  const resolved = (...addresses: string[]) => Promise.resolve({ ok: true as const, addresses });

  it('open: a listener accepts, with latency', async () => {
    listener = await startTcpListener();
    const check = await checkTcp({ host: 'kms1.corp.test', port: listener.port, sources: ['option'] }, { timeoutMs: 1000, signal, resolution: resolved('127.0.0.1') });
    expect(KmsHostCheckSchema.parse(check)).toEqual(check);
    expect(check).toMatchObject({ tcp: 'open', address: '127.0.0.1', addresses: ['127.0.0.1'], error: null });
    expect(check.latencyMs).toBeGreaterThanOrEqual(0);
    expect(check.latencyMs).toBeLessThan(500);
  });

  it('refused: nothing listens on the port', async () => {
    const port = await closedPort();
    const attempt = await connectOnce('127.0.0.1', port, 1000, signal);
    expect(attempt).toMatchObject({ result: 'refused', error: expect.stringMatching(/^ECONNREFUSED: the host refused/) });
  });

  it('tries the next address when the first refuses', async () => {
    listener = await startTcpListener('127.0.0.1');
    // 127.0.0.2 is loopback too, but nothing listens there on this port.
    const check = await checkTcp({ host: 'kms', port: listener.port, sources: ['srv'] }, { timeoutMs: 1000, signal, resolution: resolved('127.0.0.2', '127.0.0.1') });
    expect(check).toMatchObject({ tcp: 'open', address: '127.0.0.1', addresses: ['127.0.0.2', '127.0.0.1'] });
    expect(listener.accepted()).toBe(1);
  });

  it('unresolvable: the name did not resolve, nothing is sent', async () => {
    const check = await checkTcp(
      { host: 'kms-old.corp.test', port: 1688, sources: ['srv'] },
      { timeoutMs: 1000, signal, resolution: Promise.resolve({ ok: false, code: 'ENOTFOUND', message: 'ENOTFOUND: the name does not exist in DNS (NXDOMAIN)' }) },
    );
    expect(check).toMatchObject({ tcp: 'unresolvable', addresses: [], address: null, latencyMs: null, error: expect.stringMatching(/NXDOMAIN/) });
  });

  it('a resolution slower than the budget counts as unresolvable, on time', async () => {
    const started = Date.now();
    const check = await checkTcp({ host: 'slow.corp.test', port: 1688, sources: ['option'] }, { timeoutMs: 200, signal, resolution: new Promise(() => undefined) });
    expect(check.tcp).toBe('unresolvable');
    expect(check.error).toMatch(/ETIMEOUT/);
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('never connects to a name: connectOnce refuses anything but an IP literal', async () => {
    const attempt = await connectOnce('localhost', 1688, 500, signal);
    expect(attempt).toMatchObject({ result: 'error', error: expect.stringMatching(/not an IP address/) });
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const attempt = await connectOnce('127.0.0.1', 9, 1000, controller.signal);
    expect(attempt).toMatchObject({ result: 'error', error: 'cancelled' });
  });
});

/** TCP reachability against real listeners on loopback: open, and refused (a closed port). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTcp } from '../../main/probes/network/tcp';
import { KmsHostCheckSchema } from '../../shared/snapshot';
import { closedPort, startTcpListener, type TcpPeer } from '../support/peers/tcp';

const signal = new AbortController().signal;
const at = (address: string) => Promise.resolve({ ok: true as const, addresses: [address] });

describe('TCP checks against loopback listeners', () => {
  let listener: TcpPeer | undefined;
  beforeAll(async () => {
    listener = await startTcpListener();
  });
  afterAll(async () => {
    await listener?.close();
  });

  it('open: connects, measures latency, and the listener saw the connection', async () => {
    const port = listener?.port ?? 0;
    const before = listener?.accepted() ?? 0;
    const check = await checkTcp({ host: '127.0.0.1', port, sources: ['option'] }, { timeoutMs: 1000, signal, resolution: at('127.0.0.1') });
    expect(KmsHostCheckSchema.parse(check)).toEqual(check);
    expect(check).toMatchObject({ host: '127.0.0.1', port, tcp: 'open', address: '127.0.0.1', error: null });
    expect(check.latencyMs).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(listener?.accepted()).toBe(before + 1);
  });

  it('refused: a closed port answers with a reset, at once', async () => {
    const port = await closedPort();
    const started = Date.now();
    const check = await checkTcp({ host: '127.0.0.1', port, sources: ['configured'] }, { timeoutMs: 3000, signal, resolution: at('127.0.0.1') });
    expect(check).toMatchObject({ tcp: 'refused', address: '127.0.0.1', error: expect.stringMatching(/^ECONNREFUSED: /) });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('IPv6 loopback works the same way', async () => {
    const v6 = await startTcpListener('::1').catch(() => null);
    if (v6 === null) throw new Error('IPv6 loopback (::1) is not available on this machine; the TCP probe must handle IPv6 KMS hosts');
    try {
      const check = await checkTcp({ host: '::1', port: v6.port, sources: ['option'] }, { timeoutMs: 1000, signal, resolution: at('::1') });
      expect(check).toMatchObject({ tcp: 'open', address: '::1' });
    } finally {
      await v6.close();
    }
  });
});

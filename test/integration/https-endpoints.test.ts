/**
 * The online-activation reachability check against a loopback TLS server (test-only self-signed
 * certificate in test/fixtures/tls/) and a loopback HTTP CONNECT proxy written here. The endpoint
 * names are test names resolved by a fixed table; the proxy only ever forwards to loopback.
 */
import { readFileSync } from 'node:fs';
import { createServer as createTcpServer, connect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSnapshot, notWindowsCollectors } from '../../main/probes/collect';
import { checkEndpoint, type EndpointCheckOptions } from '../../main/probes/network/https-endpoints';
import { parseProxyUrl, type ProxyConfig } from '../../main/probes/network/proxy';
import { staticResolver } from '../../main/probes/network/resolver';
import { EndpointCheckSchema, SnapshotSchema } from '../../shared/snapshot';
import { closedPort } from '../support/peers/tcp';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
const CERT = fixture('cert.pem');
const KEY = fixture('key.pem');
const signal = new AbortController().signal;

function listen<T extends Server>(server: T): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function closeAll(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

interface Proxy {
  port: number;
  requests: { line: string; auth: string | null }[];
  close(): Promise<void>;
}

/** A CONNECT proxy that forwards only to the given loopback port, or answers `status`. */
async function startProxy(upstreamPort: number, status = 200): Promise<Proxy> {
  const requests: Proxy['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.once('data', (chunk) => {
      const head = chunk.toString('latin1');
      const line = head.split('\r\n')[0] ?? '';
      requests.push({ line, auth: /Proxy-Authorization: (.*)\r\n/i.exec(head)?.[1] ?? null });
      if (status !== 200) {
        client.end(`HTTP/1.1 ${status} ${status === 407 ? 'Proxy Authentication Required' : 'Forbidden'}\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      const upstream = connect(upstreamPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
    });
  });
  const port = await listen(server);
  return { port, requests, close: () => closeAll(server, sockets) };
}

describe('HTTPS reachability on loopback', () => {
  let tls: TlsServer;
  let tlsPort = 0;
  const tlsSockets = new Set<Socket>();
  let plain: Server;
  let plainPort = 0;
  const plainSockets = new Set<Socket>();

  beforeAll(async () => {
    tls = createTlsServer({ cert: CERT, key: KEY }, (socket) => {
      socket.on('error', () => undefined);
      socket.end();
    });
    tls.on('connection', (s) => tlsSockets.add(s));
    tlsPort = await listen(tls);
    // Speaks no TLS at all: closes every connection at once.
    plain = createTcpServer((s) => {
      plainSockets.add(s);
      s.destroy();
    });
    plainPort = await listen(plain);
  });
  afterAll(async () => {
    await closeAll(tls, tlsSockets);
    await closeAll(plain, plainSockets);
  });

  const resolver = staticResolver({ 'activation.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
  const options = (overrides: Partial<EndpointCheckOptions> = {}): EndpointCheckOptions => ({ resolver, proxy: null, timeoutMs: 1500, signal, ca: CERT, ...overrides });

  it('reachable: TCP, then a TLS handshake with a certificate that is trusted and names the host', async () => {
    const check = await checkEndpoint({ host: 'activation.test', port: tlsPort }, options());
    expect(EndpointCheckSchema.parse(check)).toEqual(check);
    expect(check).toMatchObject({ host: 'activation.test', port: tlsPort, result: 'reachable', proxy: null, error: null });
    expect(check.latencyMs).not.toBeNull();
  });

  it('tls-error: an untrusted certificate names its issuer (what a TLS-inspecting proxy looks like)', async () => {
    const check = await checkEndpoint({ host: 'activation.test', port: tlsPort }, options({ ca: undefined }));
    expect(check).toMatchObject({ result: 'tls-error', error: expect.stringMatching(/not trusted.*'Activation Doctor test server'/) });
  });

  it('tls-error: a certificate for another name', async () => {
    const check = await checkEndpoint({ host: 'other.test', port: tlsPort }, options());
    expect(check).toMatchObject({ result: 'tls-error', error: expect.stringMatching(/does not name other\.test/) });
  });

  it('tls-error: the server does not speak TLS', async () => {
    const check = await checkEndpoint({ host: 'activation.test', port: plainPort }, options());
    expect(check.result).toBe('tls-error');
  });

  it('refused and unresolvable', async () => {
    const port = await closedPort();
    expect(await checkEndpoint({ host: 'activation.test', port }, options())).toMatchObject({ result: 'refused' });
    expect(await checkEndpoint({ host: 'missing.test', port: 443 }, options())).toMatchObject({ result: 'unresolvable', error: expect.stringMatching(/ENOTFOUND/) });
  });

  describe('through an HTTP CONNECT proxy', () => {
    const proxyFor = (port: number, auth = ''): ProxyConfig => {
      const parsed = parseProxyUrl(`http://${auth}127.0.0.1:${port}`);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.proxy;
    };

    it('reachable: the tunnel is asked for the endpoint by name, with credentials, and the proxy is named', async () => {
      const proxy = await startProxy(tlsPort);
      try {
        // The endpoint name is NOT in the resolver: through a proxy, the proxy resolves it.
        const check = await checkEndpoint({ host: 'activation.test', port: 443 }, options({ proxy: proxyFor(proxy.port, 'tech:s3cret@'), resolver: staticResolver({}) }));
        expect(check).toMatchObject({ result: 'reachable', proxy: `http://127.0.0.1:${proxy.port}` });
        expect(proxy.requests).toEqual([{ line: 'CONNECT activation.test:443 HTTP/1.1', auth: `Basic ${Buffer.from('tech:s3cret').toString('base64')}` }]);
        expect(JSON.stringify(check)).not.toContain('s3cret');
      } finally {
        await proxy.close();
      }
    });

    it.each([
      [403, /HTTP 403/],
      [407, /HTTP 407.*credentials/],
    ])('proxy-error: the proxy answers %i', async (status, message) => {
      const proxy = await startProxy(tlsPort, status);
      try {
        const check = await checkEndpoint({ host: 'activation.test', port: 443 }, options({ proxy: proxyFor(proxy.port) }));
        expect(check).toMatchObject({ result: 'proxy-error', error: expect.stringMatching(message) });
      } finally {
        await proxy.close();
      }
    });

    it('proxy-error: the proxy itself is down', async () => {
      const port = await closedPort();
      const check = await checkEndpoint({ host: 'activation.test', port: 443 }, options({ proxy: proxyFor(port) }));
      expect(check).toMatchObject({ result: 'proxy-error', proxy: `http://127.0.0.1:${port}`, error: expect.stringMatching(/could not connect to the proxy: refused/) });
    });
  });

  it('collectSnapshot checks the injected endpoints only with checkOnline, in parallel, honouring NO_PROXY', async () => {
    const deadProxyPort = await closedPort();
    const dead = parseProxyUrl(`http://127.0.0.1:${deadProxyPort}`);
    if (!dead.ok) throw new Error(dead.message);
    const snapshot = await collectSnapshot({
      windows: notWindowsCollectors('linux'),
      options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 1500 },
      platform: 'linux',
      resolver,
      checkOnline: true,
      endpoints: [
        { host: 'activation.test', port: tlsPort },
        { host: 'other.test', port: tlsPort },
      ],
      proxy: dead.proxy,
      noProxy: 'activation.test',
      tlsCa: CERT,
    });
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    const fact = snapshot.network.activationEndpoints;
    expect(fact.status).toBe('ok');
    if (fact.status !== 'ok') return;
    expect(fact.value).toEqual([
      expect.objectContaining({ host: 'activation.test', result: 'reachable', proxy: null }),
      expect.objectContaining({ host: 'other.test', result: 'proxy-error', proxy: `http://127.0.0.1:${deadProxyPort}` }),
    ]);
  });
});

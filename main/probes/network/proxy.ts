/**
 * The web proxy for the online-activation check, and an HTTP CONNECT tunnel through it. Online
 * activation goes through the proxy the machine is configured with, so a reachability check that
 * ignored it would report the wrong thing.
 */
import type { Socket } from 'node:net';
import { parseHostAndPort } from '../../../shared/inputs';

export interface ProxyConfig {
  host: string;
  port: number;
  /** "user:password" for Proxy-Authorization: Basic; never printed. */
  auth: string | null;
  /** How the proxy is named in results: scheme, host and port, never credentials. */
  display: string;
}

/** `http://[user:pass@]host:port[/]` or `host:port`. HTTPS-to-the-proxy and SOCKS are not supported. */
export function parseProxyUrl(raw: string): { ok: true; proxy: ProxyConfig } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'the proxy is empty' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, message: 'the proxy is not a URL like http://proxy.example:8080' };
  }
  if (url.protocol !== 'http:') return { ok: false, message: `proxy scheme ${url.protocol.replace(/:$/, '')} is not supported; use http://host:port` };
  // URL keeps IPv6 hosts in brackets, which is what parseHostAndPort expects with a port.
  const target = parseHostAndPort(url.port ? `${url.hostname}:${url.port}` : url.hostname, 'the proxy');
  if (!target.ok) return { ok: false, message: target.message };
  const port = target.value.port ?? 80;
  const auth = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
  const shownHost = target.value.kind === 'ipv6' ? `[${target.value.host}]` : target.value.host;
  return { ok: true, proxy: { host: target.value.host, port, auth, display: `http://${shownHost}:${port}` } };
}

/** HTTPS_PROXY / https_proxy, as curl and most tools read them. Unparseable values are reported, not guessed. */
export function proxyFromEnv(env: Record<string, string | undefined>): { ok: true; proxy: ProxyConfig | null } | { ok: false; message: string } {
  const raw = env.HTTPS_PROXY ?? env.https_proxy;
  if (raw === undefined || raw.trim() === '') return { ok: true, proxy: null };
  const parsed = parseProxyUrl(raw);
  return parsed.ok ? { ok: true, proxy: parsed.proxy } : { ok: false, message: `HTTPS_PROXY: ${parsed.message}` };
}

/** NO_PROXY: comma-separated host suffixes ("corp.example", ".corp.example") or "*". */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const name = host.toLowerCase();
  return noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter((entry) => entry !== '')
    .some((entry) => entry === '*' || name === entry.replace(/^\./, '') || name.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}

/**
 * The WinHTTP proxy as Windows reports it: "proxy:8080", or per scheme
 * "http=proxy:8080;https=secure:8443". Returns the proxy HTTPS traffic uses.
 */
export function parseWinHttpProxy(text: string | null): ProxyConfig | null {
  if (!text) return null;
  const entries = text.split(/[;\s]+/).filter((e) => e !== '');
  const https = entries.find((e) => e.toLowerCase().startsWith('https='));
  const plain = entries.find((e) => !e.includes('='));
  const chosen = https ? https.slice('https='.length) : plain;
  if (!chosen) return null;
  const parsed = parseProxyUrl(chosen);
  return parsed.ok ? parsed.proxy : null;
}

export type TunnelResult = { ok: true } | { ok: false; kind: 'proxy-error' | 'timed-out'; message: string };

/** Longest CONNECT response header we read before calling the proxy broken. */
const MAX_PROXY_HEADER_BYTES = 16 * 1024;

/**
 * Asks the proxy (already connected on `socket`) for a tunnel to host:port. Resolves when the
 * proxy said 200, with the socket then carrying the tunnel; never throws.
 */
export function openTunnel(socket: Socket, proxy: ProxyConfig, host: string, port: number, ms: number, signal: AbortSignal): Promise<TunnelResult> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let settled = false;
    const finish = (result: TunnelResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      socket.pause();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, kind: 'proxy-error', message: 'cancelled' });
    const onError = (error: Error) => finish({ ok: false, kind: 'proxy-error', message: `the connection to the proxy failed: ${error.message}` });
    const onEnd = () => finish({ ok: false, kind: 'proxy-error', message: 'the proxy closed the connection without answering CONNECT' });
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_PROXY_HEADER_BYTES) finish({ ok: false, kind: 'proxy-error', message: 'the proxy sent an oversized answer to CONNECT' });
        return;
      }
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (!match) return finish({ ok: false, kind: 'proxy-error', message: 'the proxy did not answer CONNECT with HTTP' });
      const status = Number(match[1]);
      const reason = (match[2] ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 80);
      if (status !== 200) {
        const hint = status === 407 ? ' (it wants credentials: online activation cannot authenticate to a proxy, use phone activation or a proxy exception)' : '';
        return finish({ ok: false, kind: 'proxy-error', message: `the proxy refused the tunnel to ${host}:${port}: HTTP ${status} ${reason}${hint}`.trim() });
      }
      // Bytes after the header already belong to the tunnel.
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      finish({ ok: true });
    };
    const timer = setTimeout(() => finish({ ok: false, kind: 'timed-out', message: `the proxy did not open the tunnel within ${Math.round(ms)} ms` }), Math.max(0, ms));
    timer.unref();
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('end', onEnd);
    const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    const auth = proxy.auth ? `Proxy-Authorization: Basic ${Buffer.from(proxy.auth, 'utf8').toString('base64')}\r\n` : '';
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`);
  });
}

/**
 * Can this machine reach Microsoft's online-activation services? TCP 443 plus a full TLS handshake
 * (certificate and host name checked) to each host, through the configured proxy when there is
 * one. Only run when the technician asks (`--check-online`): it contacts Microsoft.
 */
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import type { EndpointCheck } from '../../../shared/snapshot';
import { roundMs, startBudget, type Budget } from './budget';
import { clip, errorCode, errorMessage } from './errors';
import { openTunnel, type ProxyConfig } from './proxy';
import type { NameResolver } from './resolver';
import { openConnection, summariseAttempts, type ConnectAttempt } from './tcp';

export interface Endpoint {
  host: string;
  port: number;
}

/** The online-activation hosts of KB 921471 that speak HTTPS (activation-facts §9). */
export const ACTIVATION_ENDPOINTS: readonly Endpoint[] = [
  'activation-v2.sls.microsoft.com',
  'validation-v2.sls.microsoft.com',
  'activation.sls.microsoft.com',
  'login.live.com',
  'go.microsoft.com',
  'displaycatalog.mp.microsoft.com',
  'licensing.mp.microsoft.com',
].map((host) => ({ host, port: 443 }));

export interface EndpointCheckOptions {
  resolver: NameResolver;
  /** null: connect directly. */
  proxy: ProxyConfig | null;
  timeoutMs: number;
  signal: AbortSignal;
  /** Trusted roots instead of Node's bundled list (tests use a self-signed certificate). */
  ca?: string | Buffer;
}

type Connected = { ok: true; socket: Socket } | { ok: false; check: Pick<EndpointCheck, 'result' | 'error' | 'latencyMs'> };

async function connectDirect(endpoint: Endpoint, options: EndpointCheckOptions, budget: Budget): Promise<Connected> {
  const resolution = await options.resolver.resolveAddresses(endpoint.host, { timeoutMs: budget.remaining(), signal: options.signal });
  if (!resolution.ok) return { ok: false, check: { result: resolution.code === 'ETIMEOUT' ? 'timed-out' : 'unresolvable', error: clip(resolution.message), latencyMs: null } };
  return connectAny(resolution.addresses, endpoint.port, options, budget, (summary) => ({
    result: summary.tcp === 'open' || summary.tcp === 'unresolvable' || summary.tcp === 'not-contacted' ? 'error' : summary.tcp,
    error: summary.error,
    latencyMs: null,
  }));
}

async function connectViaProxy(endpoint: Endpoint, proxy: ProxyConfig, options: EndpointCheckOptions, budget: Budget): Promise<Connected> {
  const resolution = await options.resolver.resolveAddresses(proxy.host, { timeoutMs: budget.remaining(), signal: options.signal });
  if (!resolution.ok) return { ok: false, check: { result: 'proxy-error', error: clip(`the proxy's name does not resolve: ${resolution.message}`), latencyMs: null } };
  const reached = await connectAny(resolution.addresses, proxy.port, options, budget, (summary) => ({
    result: 'proxy-error',
    error: clip(`could not connect to the proxy: ${summary.tcp}${summary.error ? ` (${summary.error})` : ''}`),
    latencyMs: null,
  }));
  if (!reached.ok) return reached;
  const tunnel = await openTunnel(reached.socket, proxy, endpoint.host, endpoint.port, budget.remaining(), options.signal);
  if (tunnel.ok) return reached;
  reached.socket.destroy();
  return { ok: false, check: { result: tunnel.kind, error: clip(tunnel.message), latencyMs: null } };
}

async function connectAny(
  addresses: string[],
  port: number,
  options: EndpointCheckOptions,
  budget: Budget,
  onFailure: (summary: ReturnType<typeof summariseAttempts>) => Pick<EndpointCheck, 'result' | 'error' | 'latencyMs'>,
): Promise<Connected> {
  const attempts: ConnectAttempt[] = [];
  for (let i = 0; i < addresses.length; i++) {
    const share = budget.remaining() / (addresses.length - i);
    if (share <= 0 || options.signal.aborted) break;
    const { attempt, socket } = await openConnection(addresses[i]!, port, share, options.signal);
    if (socket) return { ok: true, socket };
    attempts.push(attempt);
  }
  if (attempts.length === 0) return { ok: false, check: { result: 'timed-out', error: 'no time left to connect', latencyMs: null } };
  return { ok: false, check: onFailure(summariseAttempts(attempts)) };
}

/** TLS over an open socket; checks the certificate chain and that it names `host`. */
function handshake(socket: Socket, host: string, options: EndpointCheckOptions, budget: Budget): Promise<Pick<EndpointCheck, 'result' | 'error'>> {
  return new Promise((resolve) => {
    let settled = false;
    // Filled once the handshake starts; finish() may run before that (already cancelled).
    const held: { tls?: TLSSocket } = {};
    const finish = (result: Pick<EndpointCheck, 'result' | 'error'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      held.tls?.destroy();
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ result: 'error', error: 'cancelled' });
    const timer = setTimeout(() => finish({ result: 'timed-out', error: 'connected, but the TLS handshake did not finish in time' }), Math.max(0, budget.remaining()));
    timer.unref();
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    // The chain is checked by hand below so that an untrusted certificate can be described (a
    // TLS-inspecting proxy shows up here with its own issuer), instead of a bare handshake error.
    const tls = tlsConnect({ socket, servername: isIP(host) ? undefined : host, ca: options.ca, rejectUnauthorized: false });
    held.tls = tls;
    tls.once('secureConnect', () => {
      const peer = tls.getPeerCertificate();
      if (!tls.authorized) {
        const why = String(tls.authorizationError ?? 'unknown reason');
        if (why === 'ERR_TLS_CERT_ALTNAME_INVALID') return finish({ result: 'tls-error', error: clip(`the certificate does not name ${host} (${why}); issued by ${issuerOf(peer)}`) });
        return finish({ result: 'tls-error', error: clip(`the certificate is not trusted (${why}); issued by ${issuerOf(peer)}: a TLS-inspecting proxy or firewall?`) });
      }
      const mismatch = peer ? checkServerIdentity(host, peer) : new Error('no certificate');
      if (mismatch) return finish({ result: 'tls-error', error: clip(`the certificate does not name ${host} (${mismatch.message}); issued by ${issuerOf(peer)}`) });
      finish({ result: 'reachable', error: null });
    });
    tls.once('error', (error) => {
      const code = errorCode(error);
      finish({ result: 'tls-error', error: clip(`the TLS handshake failed${code ? ` (${code})` : ''}: ${errorMessage(error)}`) });
    });
  });
}

function issuerOf(peer: PeerCertificate | undefined): string {
  const issuer = peer?.issuer;
  const name = issuer?.CN ?? issuer?.O;
  return name ? `'${String(name).slice(0, 80)}'` : 'an unknown issuer';
}

/** Checks one endpoint within the timeout. Never throws. */
export async function checkEndpoint(endpoint: Endpoint, options: EndpointCheckOptions): Promise<EndpointCheck> {
  const budget = startBudget(options.timeoutMs);
  const base = { host: endpoint.host, port: endpoint.port, proxy: options.proxy?.display ?? null };
  const connected = options.proxy ? await connectViaProxy(endpoint, options.proxy, options, budget) : await connectDirect(endpoint, options, budget);
  if (!connected.ok) return { ...base, ...connected.check, durationMs: roundMs(budget.elapsed()) };
  const outcome = await handshake(connected.socket, endpoint.host, options, budget);
  const elapsed = roundMs(budget.elapsed());
  return { ...base, ...outcome, latencyMs: outcome.result === 'reachable' ? elapsed : null, durationMs: elapsed };
}

/**
 * TCP reachability of a KMS host (port 1688 by default): the same test as
 * `Test-NetConnection <host> -Port 1688`, but with the failure told apart - refused (the host is
 * up, nothing listens), timed out (a firewall drops the packets), unreachable (no route),
 * unresolvable (DNS).
 */
import { Socket, isIP } from 'node:net';
import type { KmsHostCheck, KmsHostSource, TcpResult } from '../../../shared/snapshot';
import { ABORTED, TIMED_OUT, roundMs, startBudget, within, type Budget } from './budget';
import { clip, describeSocketError, errorCode, errorMessage } from './errors';
import type { Resolution } from './resolver';

export interface TcpTarget {
  host: string;
  port: number;
  sources: KmsHostSource[];
}

export interface ConnectAttempt {
  address: string;
  result: Exclude<TcpResult, 'unresolvable' | 'not-contacted'>;
  latencyMs: number | null;
  error: string | null;
}

/** Maps a connect error to a result. Anything not listed is an `error` (with its code kept). */
export function classifyConnectError(code: string | null): Exclude<TcpResult, 'open' | 'unresolvable' | 'not-contacted'> {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timed-out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return 'unreachable';
    default:
      return 'error';
  }
}

/** One connect to one address, stopped at `ms` or when `signal` aborts. The socket is always closed. */
export async function connectOnce(address: string, port: number, ms: number, signal: AbortSignal): Promise<ConnectAttempt> {
  const { attempt, socket } = await openConnection(address, port, ms, signal);
  socket?.destroy();
  return attempt;
}

/**
 * Opens a TCP connection to an IP address. On success the caller owns the socket (and must close
 * it); on failure the socket is already destroyed.
 */
export function openConnection(address: string, port: number, ms: number, signal: AbortSignal): Promise<{ attempt: ConnectAttempt; socket: Socket | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    let settled = false;
    const finish = (attempt: ConnectAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
      if (attempt.result === 'open') {
        // Errors after the connect belong to whoever uses the socket next; until they listen, swallow them.
        socket.on('error', () => undefined);
        resolve({ attempt, socket });
      } else {
        socket.destroy();
        resolve({ attempt, socket: null });
      }
    };
    const onAbort = () => finish({ address, result: 'error', latencyMs: null, error: 'cancelled' });
    const onError = (error: Error) => {
      const code = errorCode(error);
      const result = classifyConnectError(code);
      finish({ address, result, latencyMs: result === 'refused' ? roundMs(performance.now() - started) : null, error: clip(describeSocketError(code, errorMessage(error))) });
    };
    const timer = setTimeout(
      () => finish({ address, result: 'timed-out', latencyMs: null, error: `no answer within ${Math.round(ms)} ms: packets are dropped on the way (a firewall) or the host is down` }),
      Math.max(0, ms),
    );
    timer.unref();
    if (signal.aborted) return onAbort();
    // Only IP literals: a name here would be resolved by the system resolver behind our back.
    if (!isIP(address)) return finish({ address, result: 'error', latencyMs: null, error: 'not an IP address; resolve the name first' });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ address, result: 'open', latencyMs: roundMs(performance.now() - started), error: null }));
    socket.on('error', onError);
    // An IP literal: no lookup happens inside connect, so nothing reaches the system resolver.
    socket.connect({ host: address, port, family: isIP(address) === 6 ? 6 : 4 });
  });
}

/**
 * When no address answered, the result that says most about the host: a refusal proves the host
 * is up, a timeout points at a firewall, "unreachable" at routing.
 */
const RANK: Record<ConnectAttempt['result'], number> = { open: 4, refused: 3, 'timed-out': 2, unreachable: 1, error: 0 };

export function summariseAttempts(attempts: readonly ConnectAttempt[]): Pick<KmsHostCheck, 'address' | 'tcp' | 'latencyMs' | 'error'> {
  const last = attempts[attempts.length - 1];
  if (!last) return { address: null, tcp: 'error', latencyMs: null, error: 'no address to connect to' };
  const open = attempts.find((a) => a.result === 'open');
  if (open) return { address: open.address, tcp: 'open', latencyMs: open.latencyMs, error: null };
  const best = attempts.reduce((a, b) => (RANK[b.result] > RANK[a.result] ? b : a));
  const error = attempts.length === 1 ? best.error : attempts.map((a) => `${a.address}: ${a.result}`).join('; ') + (best.error ? ` (${best.error})` : '');
  return { address: last.address, tcp: best.result, latencyMs: best.latencyMs, error: error === null ? null : clip(error) };
}

export interface TcpCheckOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Started with the check: its addresses (shared with the time check of the same host). */
  resolution: Promise<Resolution>;
  budget?: Budget;
}

/**
 * Connects to the target's addresses one after another until one answers. The timeout covers
 * resolution and every attempt; each attempt gets an equal share of what is left, so one
 * black-holed address cannot starve the next.
 */
export async function checkTcp(target: TcpTarget, options: TcpCheckOptions): Promise<KmsHostCheck> {
  const budget = options.budget ?? startBudget(options.timeoutMs);
  const base = { host: target.host, port: target.port, sources: [...target.sources] };
  const resolved = await within(options.resolution, budget.remaining(), options.signal);
  if (resolved === TIMED_OUT || resolved === ABORTED || !resolved.ok) {
    const error = resolved === TIMED_OUT ? 'ETIMEOUT: the name did not resolve in time' : resolved === ABORTED ? 'cancelled' : resolved.message;
    return { ...base, addresses: [], address: null, tcp: 'unresolvable', latencyMs: null, error: clip(error), durationMs: roundMs(budget.elapsed()) };
  }
  const addresses = resolved.addresses.slice(0, 32);
  const attempts: ConnectAttempt[] = [];
  for (let i = 0; i < addresses.length; i++) {
    const share = budget.remaining() / (addresses.length - i);
    if (share <= 0 || options.signal.aborted) break;
    const attempt = await connectOnce(addresses[i]!, target.port, share, options.signal);
    attempts.push(attempt);
    if (attempt.result === 'open') break;
  }
  if (attempts.length === 0) {
    return { ...base, addresses, address: null, tcp: 'timed-out', latencyMs: null, error: 'no time left to connect after name resolution', durationMs: roundMs(budget.elapsed()) };
  }
  return { ...base, addresses, ...summariseAttempts(attempts), durationMs: roundMs(budget.elapsed()) };
}

/**
 * Time budgets for network checks. Every check gets one deadline for everything it does (name
 * resolution, connects, retries on other addresses), so a check never runs longer than its own
 * timeout however many steps it needs.
 */
import { performance } from 'node:perf_hooks';

export interface Budget {
  /** Milliseconds since the budget started. */
  elapsed(): number;
  /** Milliseconds left (never negative). */
  remaining(): number;
  readonly totalMs: number;
}

export function startBudget(totalMs: number, clock: () => number = () => performance.now()): Budget {
  const started = clock();
  return {
    totalMs,
    elapsed: () => Math.max(0, clock() - started),
    remaining: () => Math.max(0, totalMs - (clock() - started)),
  };
}

/** Rounds a duration for reports: whole milliseconds below 10 s are plenty for a technician. */
export function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}

export const TIMED_OUT = Symbol('timed-out');
export const ABORTED = Symbol('aborted');

/**
 * Waits for `work`, but no longer than `ms` and not past `signal`. The work is not stopped (the
 * caller owns it); the caller learns which came first. The timer never keeps the process alive.
 */
export async function within<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T | typeof TIMED_OUT | typeof ABORTED> {
  if (signal.aborted) return ABORTED;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<typeof TIMED_OUT | typeof ABORTED>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
    timer.unref();
    onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Formats milliseconds the way a technician reads them: "800 ms", "3 s", "2.5 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

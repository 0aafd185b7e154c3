/**
 * Runs one probe of a snapshot: streams its `started` and `finished` events, stops it at its time
 * limit or when the run is cancelled, and turns a throw into "unavailable: failed". Whatever the
 * probe does, the caller gets a Fact back, on time.
 */
import type { ProbeEvent, ProbeId } from '../../shared/probes';
import { UNAVAILABLE_REASON_TEXT, unavailableFact, type Fact } from '../../shared/snapshot';
import { formatMs, roundMs } from './network/budget';
import { clip, errorMessage } from './network/errors';

export interface RunContext {
  runId: string;
  /** The run's signal: aborted when the technician cancels. */
  signal: AbortSignal;
  emit: (event: ProbeEvent) => void;
  /** Monotonic milliseconds, for durations. */
  clock: () => number;
  /** Wall-clock milliseconds since 1970, for event times. */
  wallClock: () => number;
}

export interface Described {
  outcome: 'ok' | 'problem';
  summary: string;
}

export interface ProbeSpec<T> {
  id: ProbeId;
  /** Hard limit for the whole probe; null when its parts have their own limits (see collect.ts). */
  timeoutMs: number | null;
  /** Does the work; `signal` aborts at the time limit or on cancellation. */
  work: (signal: AbortSignal) => Promise<Fact<T>>;
  /** One line for the checklist, and whether the value shows a problem. */
  describe: (value: T) => Described;
  /** run.clock() when the probe's work really began, if before this call (network checks start first). */
  startedAt?: number;
}

export async function runProbe<T>(run: RunContext, spec: ProbeSpec<T>): Promise<Fact<T>> {
  const started = spec.startedAt ?? run.clock();
  run.emit({ runId: run.runId, probe: spec.id, state: 'started', at: run.wallClock() });
  const fact = await settle(run, spec);
  const durationMs = roundMs(run.clock() - started);
  const timed: Fact<T> = { ...fact, durationMs };
  run.emit(finishedEvent(run, spec, timed));
  return timed;
}

async function settle<T>(run: RunContext, spec: ProbeSpec<T>): Promise<Fact<T>> {
  if (run.signal.aborted) return unavailableFact('cancelled', 'the check was cancelled before it started');
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<Fact<T>>((resolve) => {
    onCancel = () => {
      controller.abort();
      resolve(unavailableFact('cancelled', 'the check was cancelled'));
    };
    run.signal.addEventListener('abort', onCancel, { once: true });
    if (spec.timeoutMs !== null) {
      const limit = spec.timeoutMs;
      timer = setTimeout(() => {
        controller.abort();
        resolve(unavailableFact('timed-out', `no result within ${formatMs(limit)}`));
      }, limit);
      timer.unref();
    }
  });
  const work = (async () => {
    try {
      return await spec.work(controller.signal);
    } catch (error) {
      return unavailableFact<T>('failed', clip(`the check failed: ${errorMessage(error)}`, 2000));
    }
  })();
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (onCancel) run.signal.removeEventListener('abort', onCancel);
    // Anything the probe still holds (sockets, timers) is released through its signal.
    controller.abort();
  }
}

function finishedEvent<T>(run: RunContext, spec: ProbeSpec<T>, fact: Fact<T>): ProbeEvent {
  const base = { runId: run.runId, probe: spec.id, state: 'finished' as const, at: run.wallClock(), durationMs: fact.durationMs };
  if (fact.status === 'unavailable') {
    return { ...base, outcome: 'unavailable', reason: fact.reason, summary: clip(`${UNAVAILABLE_REASON_TEXT[fact.reason]}: ${fact.detail}`) };
  }
  let described: Described;
  try {
    described = spec.describe(fact.value);
  } catch (error) {
    described = { outcome: 'ok', summary: `read (summary unavailable: ${errorMessage(error)})` };
  }
  return { ...base, outcome: described.outcome, reason: null, summary: clip(described.summary) };
}

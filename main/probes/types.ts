/**
 * What every probe receives and how it reports. Probes never throw: they return a Fact, with
 * "unavailable" and a reason when they could not read what they were asked for.
 */
import type { SnapshotOptions } from '../../shared/snapshot';

export interface ProbeContext {
  /** Aborted when the whole run is cancelled. */
  signal: AbortSignal;
  /** This probe's own time limit in milliseconds. */
  timeoutMs: number;
  options: SnapshotOptions;
}

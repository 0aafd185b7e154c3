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

import type { WindowsFactKey, WindowsFacts } from '../../shared/snapshot';

/**
 * The Windows side of a snapshot: one collector per fact, each backed by one PowerShell script in
 * main/probes/windows/ (the registry there). Off Windows every collector answers `unavailable: not-windows`.
 */
export type WindowsCollectors = { [K in WindowsFactKey]: (ctx: ProbeContext) => Promise<WindowsFacts[K]> };

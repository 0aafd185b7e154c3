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

import type { Fact, OsFacts, LicensingFacts, NetworkConfig, ServicesFacts, EventFacts, FirewallRule } from '../../shared/snapshot';

/**
 * The Windows side of a snapshot: one collector per fact, each backed by one PowerShell script in
 * main/probes/windows/. Off Windows every collector answers `unavailable: not-windows`.
 */
export interface WindowsCollectors {
  os(ctx: ProbeContext): Promise<Fact<OsFacts>>;
  licensing(ctx: ProbeContext): Promise<Fact<LicensingFacts>>;
  networkConfig(ctx: ProbeContext): Promise<Fact<NetworkConfig>>;
  services(ctx: ProbeContext): Promise<Fact<ServicesFacts>>;
  events(ctx: ProbeContext): Promise<Fact<EventFacts>>;
  elevation(ctx: ProbeContext): Promise<Fact<{ elevated: boolean }>>;
  firewall(ctx: ProbeContext): Promise<Fact<FirewallRule>>;
}

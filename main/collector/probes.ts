/**
 * The Windows probes the collector script embeds: the app's own collector specs
 * (main/probes/windows), in snapshot order, each with the key it has under `windows` in a
 * snapshot and under `raw` in a collector file.
 */
import { PROBES } from '../../shared/probes';
import type { WindowsFacts } from '../../shared/snapshot';
import { elevationCollector } from '../probes/windows/elevation';
import { eventsCollector } from '../probes/windows/events';
import { firewallCollector } from '../probes/windows/firewall';
import { licensingCollector } from '../probes/windows/licensing';
import { networkConfigCollector } from '../probes/windows/network-config';
import { osCollector } from '../probes/windows/os';
import { servicesCollector } from '../probes/windows/services';
import type { ScriptParams } from '../powershell/command';

export type WindowsFactKey = keyof WindowsFacts;

export interface EmbeddedProbe {
  key: WindowsFactKey;
  /** Script name in main/probes/windows (without .ps1). */
  script: string;
  /** The parameters the app passes (the runner sends `spec.params ?? {}`). */
  params: ScriptParams;
  /** The line the technician sees while it runs. */
  title: string;
}

const titleOf = (key: WindowsFactKey): string => PROBES.find((p) => p.id === `windows.${key}`)?.title ?? key;

const probe = (key: WindowsFactKey, spec: { script: string; params?: ScriptParams }): EmbeddedProbe => ({
  key,
  script: spec.script,
  params: spec.params ?? {},
  title: titleOf(key),
});

export const EMBEDDED_PROBES: readonly EmbeddedProbe[] = [
  probe('os', osCollector),
  probe('licensing', licensingCollector),
  probe('networkConfig', networkConfigCollector),
  probe('services', servicesCollector),
  probe('events', eventsCollector),
  probe('elevation', elevationCollector),
  probe('firewall', firewallCollector),
];


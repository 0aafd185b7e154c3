/**
 * The Windows probes the collector script embeds: the app's own probe registry
 * (main/probes/windows/registry.ts), in snapshot order, each with the key it has under `windows`
 * in a snapshot and under `raw` in a collector file.
 */
import type { WindowsFactKey } from '../../shared/snapshot';
import type { ScriptParams } from '../powershell/command';
import { WINDOWS_PROBES } from '../probes/windows/registry';

export type { WindowsFactKey };

export interface EmbeddedProbe {
  key: WindowsFactKey;
  /** Script name in main/probes/windows (without .ps1). */
  script: string;
  /** The parameters the app passes (the runner sends the same). */
  params: ScriptParams;
  /** The line the technician sees while it runs. */
  title: string;
}

export const EMBEDDED_PROBES: readonly EmbeddedProbe[] = WINDOWS_PROBES.map(({ key, script, params, title }) => ({ key, script, params, title }));

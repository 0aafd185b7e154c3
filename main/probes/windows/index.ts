/**
 * The Windows collectors: one PowerShell script each, run through the shared runner. Collectors
 * never throw; anything that prevents a reading becomes "unavailable" with a reason and a detail.
 */
import { unavailableFact, type Fact } from '../../../shared/snapshot';
import type { PowerShellRunner } from '../../powershell/runner';
import type { ProbeContext, WindowsCollectors } from '../types';
import type { WindowsProbe } from './probe';
import { WINDOWS_PROBES } from './registry';

export { runCollector } from './probe';

/**
 * How long one Windows script may run: reading this computer is not waiting for a silent host.
 * sppsvc is trigger-started and a cold SoftwareLicensingProduct query takes seconds; an overrun
 * ends the shell, and the next script pays PowerShell's start again. docs/snapshot.md.
 */
export const WINDOWS_SCRIPT_TIMEOUT_MS = 20_000;

export interface WindowsCollectorOptions {
  /** process.platform of this computer. */
  platform: string;
  /** Limit per script (default WINDOWS_SCRIPT_TIMEOUT_MS); the network limit in ProbeContext does not apply. */
  scriptTimeoutMs?: number;
  /** Clock for durations (tests pass a fake one). */
  now?: () => number;
}

const PLATFORM_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', freebsd: 'FreeBSD' };
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One probe on this computer: off Windows, "not running on Windows" without asking PowerShell. */
function readOn(runner: PowerShellRunner, probe: WindowsProbe, options: WindowsCollectorOptions): (ctx: ProbeContext) => Promise<Fact<unknown>> {
  if (options.platform !== 'win32') {
    const platform = PLATFORM_NAMES[options.platform] ?? options.platform;
    const fact = unavailableFact('not-windows', `${capitalise(probe.subject)} can only be read on Windows; this computer runs ${platform}.`, 0);
    return async () => fact;
  }
  return (ctx) => probe.read(runner, ctx, { timeoutMs: options.scriptTimeoutMs ?? WINDOWS_SCRIPT_TIMEOUT_MS, now: options.now });
}

/** A collector per registered Windows probe (registry.ts). */
export function createWindowsCollectors(runner: PowerShellRunner, options: WindowsCollectorOptions): WindowsCollectors {
  // Built by key from the registry; the registry's type guarantees one probe per key.
  return Object.fromEntries(WINDOWS_PROBES.map((probe) => [probe.key, readOn(runner, probe, options)])) as unknown as WindowsCollectors;
}

/**
 * The Windows collectors: one PowerShell script each, run through the shared runner. Collectors
 * never throw; anything that prevents a reading becomes "unavailable" with a reason and a detail.
 */
import type { z } from 'zod';
import { okFact, unavailableFact, type Fact } from '../../../shared/snapshot';
import type { PowerShellRunner } from '../../powershell/runner';
import type { ProbeContext, WindowsCollectors } from '../types';
import type { CollectorSpec } from './collector';
import { elevationCollector } from './elevation';
import { eventsCollector } from './events';
import { describeFailure } from './failure';
import { firewallCollector, narrowFirewallFact } from './firewall';
import { licensingCollector } from './licensing';
import { networkConfigCollector } from './network-config';
import { osCollector } from './os';
import { servicesCollector } from './services';

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

export async function runCollector<Raw extends z.ZodType, T>(
  runner: PowerShellRunner,
  spec: CollectorSpec<Raw, T>,
  ctx: ProbeContext,
  options: WindowsCollectorOptions,
): Promise<Fact<T>> {
  const now = options.now ?? (() => performance.now());
  if (options.platform !== 'win32') {
    const platform = PLATFORM_NAMES[options.platform] ?? options.platform;
    return unavailableFact('not-windows', `${capitalise(spec.subject)} can only be read on Windows; this computer runs ${platform}.`, 0);
  }
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  let raw: z.output<Raw>;
  try {
    raw = await runner.invoke(spec.script, spec.params ?? {}, spec.raw, { timeoutMs: options.scriptTimeoutMs ?? WINDOWS_SCRIPT_TIMEOUT_MS, signal: ctx.signal });
  } catch (error) {
    const { reason, detail } = describeFailure(error, spec.subject);
    return unavailableFact(reason, detail, elapsed());
  }
  try {
    const checked = spec.value.safeParse(spec.parse(raw));
    if (checked.success) return okFact(checked.data, elapsed());
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the result';
    return unavailableFact('failed', `Could not read ${spec.subject}: ${spec.script}.ps1 returned a value Activation Doctor cannot use at ${where} (${issue?.message ?? 'invalid'}).`, elapsed());
  } catch (error) {
    return unavailableFact('failed', `Could not read ${spec.subject}: interpreting ${spec.script}.ps1 output failed (${error instanceof Error ? error.message : String(error)}).`, elapsed());
  }
}

export function createWindowsCollectors(runner: PowerShellRunner, options: WindowsCollectorOptions): WindowsCollectors {
  return {
    os: (ctx) => runCollector(runner, osCollector, ctx, options),
    licensing: (ctx) => runCollector(runner, licensingCollector, ctx, options),
    networkConfig: (ctx) => runCollector(runner, networkConfigCollector, ctx, options),
    services: (ctx) => runCollector(runner, servicesCollector, ctx, options),
    events: (ctx) => runCollector(runner, eventsCollector, ctx, options),
    elevation: (ctx) => runCollector(runner, elevationCollector, ctx, options),
    firewall: async (ctx) => narrowFirewallFact(await runCollector(runner, firewallCollector, ctx, options)),
  };
}

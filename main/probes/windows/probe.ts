/**
 * What a Windows probe is: one declaration with everything the app, the collector script and the
 * text output need to know about it. The registry (registry.ts) lists them; every list of Windows
 * probes elsewhere (the collectors, the collection, the collector script and its document, the CLI
 * text, the checklist) is derived from it. CONTRIBUTING.md: "Adding a Windows probe".
 */
import type { z } from 'zod';
import { windowsProbeId, type WindowsProbeId } from '../../../shared/probes';
import { WINDOWS_FACT_TITLES, okFact, unavailableFact, type Fact, type WindowsFactKey, type WindowsFacts } from '../../../shared/snapshot';
import type { ScriptParams } from '../../powershell/command';
import { interpretOutput } from '../../powershell/output';
import type { PowerShellRunner } from '../../powershell/runner';
import type { Described } from '../run-probe';
import type { ProbeContext } from '../types';
import type { CollectorSpec } from './collector';
import { describeFailure } from './failure';

/** The value of the Windows fact `K` when it was read. */
export type WindowsValue<K extends WindowsFactKey> = Extract<WindowsFacts[K], { status: 'ok' }>['value'];

/** How one Windows fact is read, as written in its own file (main/probes/windows/<name>.ts). */
export interface WindowsProbeSpec<K extends WindowsFactKey, Raw extends z.ZodType, T> extends CollectorSpec<Raw, T> {
  /** Its field under `windows` in a snapshot and under `raw` in a collector file; its probe id is `windows.<key>`. */
  key: K;
  /** The checklist / progress / text line for a value that was read, and whether it shows a problem. */
  describe: (value: WindowsValue<K>) => Described;
  /** The fact the parsed value becomes (default: itself); e.g. "not applicable" on a computer it does not concern. */
  narrow?: (fact: Fact<T>) => WindowsFacts[K];
}

export interface ReadOptions {
  /** Limit for the script run. */
  timeoutMs: number;
  /** Clock for durations (tests pass a fake one). */
  now?: () => number;
}

/** A Windows probe with its types sealed in: what the registry holds and everything else iterates. */
export interface WindowsProbe<K extends WindowsFactKey = WindowsFactKey> {
  key: K;
  id: WindowsProbeId;
  title: string;
  /** Script name in main/probes/windows (without .ps1). */
  script: string;
  /** What is read, for technician-facing messages. */
  subject: string;
  /** The data the script receives (the runner and the collector script pass the same). */
  params: ScriptParams;
  /** Runs the script on this computer and reads its output; never throws. */
  read(runner: PowerShellRunner, ctx: ProbeContext, options: ReadOptions): Promise<WindowsFacts[K]>;
  /** The same reading of output the script printed elsewhere (a collector file); never throws. */
  fromOutput(output: unknown, durationMs: number): WindowsFacts[K];
  describe(value: WindowsValue<K>): Described;
}

/** Parsed script output → the fact, checked against the snapshot schema. Shared by both readings. */
function toFact<Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, raw: z.output<Raw>, elapsed: number): Fact<T> {
  try {
    const checked = spec.value.safeParse(spec.parse(raw));
    if (checked.success) return okFact(checked.data, elapsed);
    const issue = checked.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the result';
    return unavailableFact('failed', `Could not read ${spec.subject}: ${spec.script}.ps1 returned a value Activation Doctor cannot use at ${where} (${issue?.message ?? 'invalid'}).`, elapsed);
  } catch (error) {
    return unavailableFact('failed', `Could not read ${spec.subject}: interpreting ${spec.script}.ps1 output failed (${error instanceof Error ? error.message : String(error)}).`, elapsed);
  }
}

/** Runs a collector's script through the runner and reads its output; failures become unavailable facts. */
export async function runCollector<Raw extends z.ZodType, T>(runner: PowerShellRunner, spec: CollectorSpec<Raw, T>, ctx: ProbeContext, options: ReadOptions): Promise<Fact<T>> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  let raw: z.output<Raw>;
  try {
    raw = await runner.invoke(spec.script, spec.params ?? {}, spec.raw, { timeoutMs: options.timeoutMs, signal: ctx.signal });
  } catch (error) {
    const { reason, detail } = describeFailure(error, spec.subject);
    return unavailableFact(reason, detail, elapsed());
  }
  return toFact(spec, raw, elapsed());
}

/**
 * One probe's printed output (already parsed from a collector file) → its fact, exactly as
 * runCollector makes it: back to the text the script printed, so it takes the path stdout takes.
 */
export function factFromOutput<Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, output: unknown, durationMs: number): Fact<T> {
  const elapsed = Math.max(0, Math.round(durationMs));
  let raw: z.output<Raw>;
  try {
    raw = interpretOutput(spec.script, JSON.stringify(output), spec.raw);
  } catch (error) {
    const { reason, detail } = describeFailure(error, spec.subject);
    return unavailableFact(reason, detail, elapsed);
  }
  return toFact(spec, raw, elapsed);
}

export function defineWindowsProbe<K extends WindowsFactKey, Raw extends z.ZodType, T>(spec: WindowsProbeSpec<K, Raw, T>): WindowsProbe<K> {
  // Without `narrow` the parsed value is the snapshot's value (T is WindowsValue<K>).
  const narrow = spec.narrow ?? ((fact: Fact<T>) => fact as unknown as WindowsFacts[K]);
  return {
    key: spec.key,
    id: windowsProbeId(spec.key),
    title: WINDOWS_FACT_TITLES[spec.key],
    script: spec.script,
    subject: spec.subject,
    params: spec.params ?? {},
    read: async (runner, ctx, options) => narrow(await runCollector(runner, spec, ctx, options)),
    fromOutput: (output, durationMs) => narrow(factFromOutput(spec, output, durationMs)),
    describe: spec.describe,
  };
}

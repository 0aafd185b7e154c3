/**
 * What a fix is. Every fix declares, as data: what it changes, the inputs it needs and their
 * grammar, its preconditions, the command a technician would type for the same change, how it
 * runs (PowerShell operations on CIM objects or services, values passed as data) and which facts
 * to re-read to prove it worked.
 */
import type { FixId, FindingId } from '../../shared/ids';
import type { ProbeId } from '../../shared/probes';
import type { InputResult } from '../../shared/inputs';
import type { LicensingFacts, OfficeFacts, OsFacts, ServicesFacts, Snapshot } from '../../shared/snapshot';
import type { ScriptParams } from '../powershell/command';

import type { FixInputKind } from '../../shared/inputs';
export type { FixInputKind };

/** An input a fix declares: the same shape the UI receives (shared/fix-types.ts FixInputInfo). */
export type FixInputSpec = FixInputInfo;

/** The facts a fix looks at before it runs ("the state before"), read fresh from this computer. */
export interface FixState {
  elevated: boolean | null;
  os: OsFacts | null;
  licensing: LicensingFacts | null;
  services: ServicesFacts | null;
  /** Office's licences (the windows.office probe); read only for the Office fixes, else from the snapshot. */
  office?: OfficeFacts | null;
  /** The latest snapshot, when the fix is run from a diagnosis (for prefilled choices and verification). */
  snapshot: Snapshot | null;
}

/** Why a fix will not run here, in plain words; `overridable` refusals need an explicit override. */
export type { Refusal } from '../../shared/fix-types';
import type { FixInputInfo, Refusal } from '../../shared/fix-types';

/** One PowerShell operation: a script of ours and its parameters (data only). */
export interface FixStep {
  script: string;
  params: ScriptParams;
  /** What the step does, for progress and the audit log. */
  describe: string;
  /** Longest this step may take. */
  timeoutMs?: number;
  /**
   * Retried with growing waits (delayMs, doubled each time, at most 30 s) while the step fails with
   * one of the `transient` codes: Activate() on network errors (Microsoft's Azure guidance).
   */
  retry?: { attempts: number; delayMs: number; transient: ReadonlySet<number> };
  /** Parameters computed from the results of earlier steps (e.g. restore what was recorded). */
  fill?: (earlier: StepResult[]) => ScriptParams | null;
  /** Runs even when an earlier step failed (clean-up such as restoring a recorded setting). */
  always?: boolean;
}

/** What one step returned (its `data`), or how it failed. */
export type StepResult = { ok: true; script: string; data: Record<string, unknown> } | { ok: false; script: string; hresult: number | null; message: string };

export interface FixPlan {
  /** What will change, in plain words. */
  changes: string[];
  /** The equivalent commands a technician would type, in order. */
  commands: string[];
  steps: FixStep[];
}

export interface FixDefinition {
  id: FixId;
  title: string;
  /** One line on what the fix changes on this computer. */
  summary: string;
  inputs: FixInputSpec[];
  /** Findings this fix addresses (used to say whether the problem is gone afterwards). */
  addresses: FindingId[];
  /** Facts to re-probe after running, to verify the effect. */
  verify: ProbeId[];
  /** Needs administrator rights. */
  needsElevation: boolean;
  /** Refuses when the current state makes the fix wrong or harmful; null when it may run. */
  precondition(state: FixState, inputs: Record<string, string>): Refusal | null;
  /** Read-only steps run for the preview (e.g. reading the installation ID for phone activation). */
  prepare?: (state: FixState) => FixStep[];
  plan(state: FixState, inputs: Record<string, string>, prepared: StepResult[]): FixPlan;
  /** Extra lines for the preview that come from the prepared data (the installation ID in groups). */
  previewNotes?: (prepared: StepResult[]) => string[];
}

export type Validated = InputResult<string>;

/**
 * Runs fixes safely: preview first, explicit confirmation, one at a time, inputs validated and
 * passed as data, the state recorded before (flushed to the audit log) and after, result codes
 * explained, and the affected facts probed again to say plainly whether the problem is gone.
 */
import { randomUUID } from 'node:crypto';
import type { FindingId } from '../../shared/ids';
import type { ProbeId } from '../../shared/probes';
import { diagnose } from '../../shared/diagnosis';
import type { Diagnosis } from '../../shared/diagnosis/types';
import { selectWindowsProduct } from '../../shared/windows-product';
import { kmsHostInUse } from '../../shared/kms-host-settings';
import { lookupError } from '../../shared/knowledge/errors';
import { toHex } from '../../shared/knowledge/hresult';
import { channelFromDescription, licenseStatusName } from '../../shared/knowledge/licensing';
import type { Snapshot } from '../../shared/snapshot';
import { isPowerShellError } from '../powershell/errors';
import type { PowerShellRunner } from '../powershell/runner';
import { z } from 'zod';
import { type AuditLog, type AuditRecord, type AuditState } from './audit-log';
import { maskInputs, validateInputs } from './inputs';
import { findFix } from './registry';
import { stateFromSnapshot } from './state';
import { officeFacts } from './office-licences';
import { officeKmsHostInUse } from '../../shared/office-licences';
import { factChanges } from './fact-changes';
import { readInstallationId, type InstallationIdResult } from './phone-activation';
import { readVolumeActivationRole, type VolumeActivationRoleState } from './install-volume-activation-role';
import type { FixDefinition, FixPlan, FixState, FixStep, StepResult } from './types';
import type { FixOutcome, FixPreview, StepReport, Verification } from '../../shared/fix-types';

export type { FactChange, FixOutcome, FixPreview, StepReport, Verification } from '../../shared/fix-types';

export interface FixEngineDeps {
  runner: PowerShellRunner;
  /** Reads elevation, OS, licensing and services fresh from this computer. */
  /** This computer's state before a fix; `fix` says which facts it needs beyond the common ones (Office's for the Office fixes). */
  readState: (fix?: FixDefinition) => Promise<FixState>;
  /** Runs the listed probes again (at least) and returns a full snapshot. */
  recheck: (probes: ProbeId[], previous: Snapshot | null) => Promise<Snapshot>;
  audit: AuditLog;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export interface RunOptions {
  /** The caller showed the preview and the technician confirmed (UI button, or --yes). */
  confirmed: boolean;
  /**
   * The commands of the preview the technician confirmed (the window's preview token carries
   * them). If this computer changed since, so that the fix would now run other commands, nothing
   * runs and the new preview comes back to confirm.
   */
  approvedCommands?: readonly string[];
  /** Explicitly accept an overridable refusal (e.g. replacing a working MAK). */
  override?: boolean;
  /** The snapshot the fix was chosen from: its findings are compared with the re-check. */
  snapshot?: Snapshot | null;
  /** The diagnosis of `snapshot`, when the caller has it: the engine then does not diagnose it again. */
  diagnosis?: Diagnosis | null;
  onProgress?: (step: string) => void;
}

const StepOutputSchema = z.object({ ok: z.literal(true) }).passthrough();
const DEFAULT_STEP_TIMEOUT_MS = 30_000;

export class FixEngine {
  private running: string | null = null;
  private recheckResult: { snapshot: Snapshot; diagnosis: Diagnosis } | null = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly deps: FixEngineDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = deps.now ?? (() => new Date());
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** The last fix's re-check and its diagnosis (one diagnosis per fix run: callers show this one). */
  lastRecheck(): { snapshot: Snapshot; diagnosis: Diagnosis } | null {
    return this.recheckResult;
  }

  /** What the fix would do with these inputs, without changing anything. */
  async preview(fixId: string, rawInputs: Record<string, string>, snapshot: Snapshot | null = null): Promise<FixPreview | Extract<FixOutcome, { status: 'invalid-input' | 'unknown-fix' }>> {
    const fix = findFix(fixId);
    if (!fix) return unknownFix(fixId);
    const inputs = validateInputs(fix, rawInputs);
    if (!inputs.ok) return { status: 'invalid-input', fixId, input: inputs.input, message: inputs.message };
    const state = { ...(await this.deps.readState(fix)), snapshot };
    const prepared = await this.prepare(fix, state);
    return this.buildPreview(fix, state, inputs.values, prepared);
  }

  /**
   * The preview for another computer's facts (a snapshot opened from a file): nothing here is
   * read or run; the technician gets the commands to type on that computer.
   */
  previewWithState(fixId: string, rawInputs: Record<string, string>, state: FixState): FixPreview | Extract<FixOutcome, { status: 'invalid-input' | 'unknown-fix' }> {
    const fix = findFix(fixId);
    if (!fix) return unknownFix(fixId);
    const inputs = validateInputs(fix, rawInputs);
    if (!inputs.ok) return { status: 'invalid-input', fixId, input: inputs.input, message: inputs.message };
    const preview = this.buildPreview(fix, state, inputs.values, []);
    return { ...preview, refusal: { code: 'not-applicable', message: 'This diagnosis comes from a snapshot of another computer: run these commands there, as an administrator.', overridable: false } };
  }

  /** Reads the installation ID for phone activation (read-only; the phone fix's own prepare step). */
  async installationId(): Promise<InstallationIdResult> {
    return readInstallationId(async () => ({ ...(await this.deps.readState()), snapshot: null }), (fix, state) => this.prepare(fix, state));
  }

  /** Whether the Volume Activation Services role is installed (read-only; Windows Server only). */
  async volumeActivationRole(): Promise<VolumeActivationRoleState> {
    return readVolumeActivationRole(async (step) => (await this.invokeStep(step, step.params)).result);
  }

  async run(fixId: string, rawInputs: Record<string, string>, options: RunOptions): Promise<FixOutcome> {
    const fix = findFix(fixId);
    if (!fix) return unknownFix(fixId);
    const inputs = validateInputs(fix, rawInputs);
    if (!inputs.ok) return { status: 'invalid-input', fixId, input: inputs.input, message: inputs.message };
    if (this.running !== null) {
      return { status: 'busy', fixId, message: `Another fix (${this.running}) is running. Wait for it to finish, then try again.` };
    }
    this.running = fix.id;
    this.recheckResult = null;
    try {
      return await this.runLocked(fix, inputs.values, options);
    } finally {
      this.running = null;
    }
  }

  private async runLocked(fix: FixDefinition, inputs: Record<string, string>, options: RunOptions): Promise<FixOutcome> {
    const state: FixState = { ...(await this.deps.readState(fix)), snapshot: options.snapshot ?? null };
    const prepared = await this.prepare(fix, state);
    const preview = this.buildPreview(fix, state, inputs, prepared);
    if (preview.refusal && !(preview.refusal.overridable && options.override === true)) {
      return { status: 'refused', fixId: fix.id, refusal: preview.refusal, preview, message: preview.refusal.message };
    }
    if (!options.confirmed) {
      return { status: 'not-confirmed', fixId: fix.id, preview, message: 'Nothing was changed: confirm the preview to run this fix.' };
    }
    if (options.approvedCommands && !sameCommands(options.approvedCommands, preview.commands)) {
      return { status: 'not-confirmed', fixId: fix.id, preview, message: 'This computer changed since the preview, so the fix would now run other commands. Nothing was changed: review the new preview and confirm it.' };
    }

    const runId = randomUUID();
    const plan = fix.plan(state, inputs, prepared);
    const logged = await this.tryAppend({
      event: 'before',
      time: this.now().toISOString(),
      runId,
      fixId: fix.id,
      inputs: maskInputs(fix, inputs),
      commands: preview.commands,
      override: options.override === true,
      state: auditState(state),
    });
    if (logged !== null) {
      const message = `Nothing was changed: the audit log cannot be written, and no fix runs without it. ${logged}`.slice(0, 1000);
      return { status: 'refused', fixId: fix.id, refusal: { code: 'not-applicable', message, overridable: false }, preview, message };
    }

    const { reports, results } = await this.runSteps(plan, options.onProgress);
    const failed = reports.find((r) => !r.ok);
    const failedResult = results.find((r): r is Extract<StepResult, { ok: false }> => !r.ok);
    const code = failed?.code ?? null;

    options.onProgress?.('checking the result');
    const { verification, after: recheck } = await this.verify(fix, options.snapshot ?? null, options.diagnosis ?? null);
    const status = failed ? 'failed' : 'succeeded';
    const message = failed ? failureMessage(failed, failedResult) : successMessage(fix, verification.problemGone);
    // The re-check already read this computer again: the "after" record comes from it, not from a second read.
    const after: AuditState | null = recheck ? auditState(stateFromSnapshot(recheck)) : null;
    const afterLogged = await this.tryAppend({
      event: 'after',
      time: this.now().toISOString(),
      runId,
      fixId: fix.id,
      result: { status, code, message },
      state: after,
      problemGone: verification.problemGone,
    });
    const shown = afterLogged === null ? message : `${message} The result could not be written to the audit log: ${afterLogged}`.slice(0, 3000);
    return { status, fixId: fix.id, runId, steps: reports, message: shown, code, verification };
  }

  /** Appends to the audit log; null when written, else why not (the folder could not be trusted). */
  private async tryAppend(record: AuditRecord): Promise<string | null> {
    try {
      await this.deps.audit.append(record);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async prepare(fix: FixDefinition, state: FixState): Promise<StepResult[]> {
    if (!fix.prepare) return [];
    const results: StepResult[] = [];
    for (const step of fix.prepare(state)) results.push((await this.invokeStep(step, step.params)).result);
    return results;
  }

  private buildPreview(fix: FixDefinition, state: FixState, inputs: Record<string, string>, prepared: StepResult[]): FixPreview {
    const refusal = state.os === null && state.licensing === null && state.elevated === null
      ? { code: 'not-windows' as const, message: 'This fix changes Windows settings and can only run on the Windows computer itself. Run the equivalent commands above on that computer.', overridable: false }
      : fix.precondition(state, inputs);
    const plan: FixPlan = fix.plan(state, inputs, prepared);
    return {
      fixId: fix.id,
      title: fix.title,
      summary: fix.summary,
      changes: plan.changes,
      commands: plan.commands,
      inputs: maskInputs(fix, inputs),
      notes: fix.previewNotes ? fix.previewNotes(prepared) : [],
      refusal,
      needsElevation: fix.needsElevation,
    };
  }

  private async runSteps(plan: FixPlan, onProgress: RunOptions['onProgress']): Promise<{ reports: StepReport[]; results: StepResult[] }> {
    const reports: StepReport[] = [];
    const results: StepResult[] = [];
    let failedAlready = false;
    for (const step of plan.steps) {
      if (failedAlready && !step.always) continue;
      const params = step.fill ? step.fill(results) : step.params;
      if (params === null) continue;
      onProgress?.(step.describe);
      const { result, attempts } = await this.invokeStep(step, params);
      results.push(result);
      reports.push({
        describe: step.describe,
        ok: result.ok,
        attempts,
        code: result.ok || result.hresult === null ? null : toHex(result.hresult),
        message: result.ok ? null : result.message,
      });
      if (!result.ok) failedAlready = true;
    }
    return { reports, results };
  }

  /** One step, retried with growing waits while its error is one its retry policy calls transient. */
  private async invokeStep(step: FixStep, params: FixStep['params']): Promise<{ result: StepResult; attempts: number }> {
    const attempts = step.retry?.attempts ?? 1;
    let last: StepResult = { ok: false, script: step.script, hresult: null, message: 'not run' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const output = await this.deps.runner.invoke(step.script, params, StepOutputSchema, { timeoutMs: step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS });
        const data = typeof output.data === 'object' && output.data !== null ? (output.data as Record<string, unknown>) : (output as Record<string, unknown>);
        return { result: { ok: true, script: step.script, data }, attempts: attempt };
      } catch (error) {
        const hresult = isPowerShellError(error) && error.failure.kind === 'script-error' ? (error.failure.reported?.hresult ?? null) : null;
        last = { ok: false, script: step.script, hresult, message: error instanceof Error ? error.message : String(error) };
        const transient = hresult !== null && (step.retry?.transient.has(hresult) ?? false);
        if (!transient || attempt === attempts) return { result: last, attempts: attempt };
        // Back-off: 5 s, 10 s, 20 s, then 30 s between attempts.
        await this.sleep(Math.min((step.retry?.delayMs ?? 5000) * 2 ** (attempt - 1), 30_000));
      }
    }
    return { result: last, attempts };
  }

  private async verify(fix: FixDefinition, before: Snapshot | null, knownBefore: Diagnosis | null): Promise<{ verification: Verification; after: Snapshot | null }> {
    let after: Snapshot;
    try {
      after = await this.deps.recheck(fix.verify, before);
    } catch (error) {
      const note = `The re-check could not run (${error instanceof Error ? error.message : String(error)}); run "Check this computer" again.`;
      return { after: null, verification: { problemGone: null, stillPresent: [], verdictBefore: null, verdictAfter: null, changes: [], note } };
    }
    const diagnosisAfter = diagnose(after);
    this.recheckResult = { snapshot: after, diagnosis: diagnosisAfter };
    const diagnosisBefore = before ? (knownBefore ?? diagnose(before)) : null;
    const targeted = new Set<FindingId>(fix.addresses);
    const presentBefore = diagnosisBefore ? diagnosisBefore.findings.filter((f) => targeted.has(f.id)).map((f) => f.id) : [...targeted];
    const stillPresent = diagnosisAfter.findings.filter((f) => targeted.has(f.id) && presentBefore.includes(f.id)).map((f) => f.id);
    const problemGone = stillPresent.length === 0;
    return {
      after,
      verification: {
        problemGone,
        stillPresent,
        verdictBefore: diagnosisBefore?.verdict.title ?? null,
        verdictAfter: diagnosisAfter.verdict.title,
        changes: before ? factChanges(before, after) : [],
        note: problemGone ? `Re-checked: ${diagnosisAfter.verdict.title}.` : `Re-checked: still ${stillPresent.join(', ')}.`,
      },
    };
  }
}

function sameCommands(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((command, i) => command === b[i]);
}

function unknownFix(fixId: string): Extract<FixOutcome, { status: 'unknown-fix' }> {
  return { status: 'unknown-fix', fixId: fixId.slice(0, 60), message: `There is no fix called "${fixId.slice(0, 60)}" (see activation-doctor fix --list)` };
}

function successMessage(fix: FixDefinition, gone: boolean | null): string {
  if (gone === true) return `${fix.title}: done, and the re-check shows the problem is gone.`;
  if (gone === false) return `${fix.title}: done, but the re-check still shows the problem. See the diagnosis for what is left.`;
  return `${fix.title}: done. The result could not be re-checked.`;
}

function failureMessage(failed: StepReport, result: Extract<StepResult, { ok: false }> | undefined): string {
  const hresult = result?.hresult ?? null;
  const record = hresult !== null ? lookupError(hresult) : undefined;
  const step = `Could not ${failed.describe}${failed.attempts > 1 ? ` (${failed.attempts} attempts)` : ''}`;
  if (record) return `${step}: ${record.code}${record.symbol ? ` ${record.symbol}` : ''}. ${record.explanation} Next: ${record.nextSteps[0] ?? 'see the diagnosis.'}`;
  if (hresult !== null) return `${step}: error ${toHex(hresult)}. Look it up with "activation-doctor explain ${toHex(hresult)}".`;
  return `${step}: ${failed.message ?? 'unknown error'}`;
}

function auditState(state: FixState): AuditState | null {
  if (!state.licensing && !state.services) return null;
  const product = state.licensing ? (selectWindowsProduct(state.licensing.products)?.product ?? null) : null;

  return {
    licenseStatus: product ? licenseStatusName(product.licenseStatus) : null,
    channel: product ? channelFromDescription(product.description) : null,
    partialProductKey: product?.partialProductKey ?? null,
    // The audit log's public field `kmsHost` is the KMS host in use (configured, else discovered), host only.
    kmsHost: kmsHostInUse(state.licensing)?.host ?? null,
    sppsvc: state.services?.sppsvc.status ?? null,
    w32time: state.services?.w32time.status ?? null,
    ...officeAuditState(state),
  };
}

/** Office's licences for the audit record, when they were read (the Office fixes read them). */
function officeAuditState(state: FixState): Pick<AuditState, 'office'> {
  const office = officeFacts(state);
  if (!office) return {};
  return {
    office: office.products.slice(0, 16).map((p) => ({
      activationId: p.activationId,
      licenseStatus: licenseStatusName(p.licenseStatus),
      partialProductKey: p.partialProductKey,
      kmsHost: officeKmsHostInUse(p)?.host ?? null,
    })),
  };
}

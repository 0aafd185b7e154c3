/**
 * Recorded scenarios for the browser tests: snapshots from the diagnosis scenario table, the real
 * (pure) diagnosis of them, fix previews planned by the real fix definitions, and recorded
 * outcomes. The test bridge validates all of it against the IPC contract.
 */
import { diagnose } from '../../../shared/diagnosis';
import { PROBES, probeFact } from '../../../shared/probes';
import type { CheckResult } from '../../../shared/ipc/contract';
import type { FixInfo, FixOutcome, FixPreview } from '../../../shared/fix-types';
import type { FixId } from '../../../shared/ids';
import type { Snapshot } from '../../../shared/snapshot';
import { renderHtmlReport } from '../../../shared/report/html';
import { FIXES, findFix, fixInfo } from '../../../main/fixes/registry';
import { validateInputs, maskInputs } from '../../../main/fixes/inputs';
import { stateFromSnapshot } from '../../../main/fixes/state';
import { SCENARIOS } from '../../unit/diagnosis/scenarios';
import { healthySnapshot } from '../../support/snapshot-builder';
import type { ScenarioHandlers, ScenarioTools } from '../../support/test-bridge';

declare global {
  interface Window {
    __lastExport?: { format: string; text: string };
  }
}

export function scenarioSnapshot(name: string): Snapshot {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return structuredClone(found.snapshot);
}

export const result = (snapshot: Snapshot, reportedCode: number | null = null): CheckResult => ({ snapshot, diagnosis: diagnose(snapshot, { reportedCode }) });

export const FIX_LIST: FixInfo[] = FIXES.map(fixInfo);

/** The token a scenario's previews carry (main issues a random one-time token per preview). */
export const SCENARIO_PREVIEW_TOKEN = 'ab'.repeat(32);

/** What main answers for a preview: the real plan of the fix on the snapshot's facts. */
export function planPreview(snapshot: Snapshot, fixId: string, raw: Record<string, string>): { kind: 'preview'; preview: FixPreview; token: string | null } | { kind: 'invalid'; input: string; message: string } {
  const fix = findFix(fixId)!;
  const inputs = validateInputs(fix, raw);
  if (!inputs.ok) return { kind: 'invalid', input: inputs.input, message: inputs.message };
  const state = stateFromSnapshot(snapshot);
  const plan = fix.plan(state, inputs.values, []);
  return {
    kind: 'preview',
    preview: { fixId: fix.id, title: fix.title, summary: fix.summary, changes: plan.changes, commands: plan.commands, inputs: maskInputs(fix, inputs.values), notes: [], refusal: fix.precondition(state, inputs.values), needsElevation: fix.needsElevation },
    token: SCENARIO_PREVIEW_TOKEN,
  };
}

/** Streams a started/finished event for every probe, the way a real check does. */
export async function streamProgress(tools: ScenarioTools, runId: string, snapshot: Snapshot): Promise<void> {
  for (const probe of PROBES) tools.emit({ runId, probe: probe.id, state: 'started', at: Date.now() });
  for (const probe of PROBES) {
    await new Promise((r) => setTimeout(r, 15));
    const fact = probeFact(snapshot, probe.id) as { status: string; reason?: string; durationMs: number };
    tools.emit({
      runId,
      probe: probe.id,
      state: 'finished',
      at: Date.now(),
      outcome: fact.status === 'ok' ? 'ok' : 'unavailable',
      summary: fact.status === 'ok' ? 'read' : 'not available here',
      reason: fact.status === 'ok' ? null : ((fact.reason ?? 'failed') as 'failed'),
      durationMs: fact.durationMs,
    });
  }
}

export function succeeded(fixId: FixId, steps: string[], changes: Array<{ label: string; before: string; after: string }>): FixOutcome {
  return {
    status: 'succeeded',
    fixId,
    runId: 'c0ffee00-0000-4000-8000-000000000001',
    steps: steps.map((describe) => ({ describe, ok: true, attempts: 1, code: null, message: null })),
    message: 'Done, and the re-check shows the problem is gone.',
    code: null,
    verification: { problemGone: true, stillPresent: [], verdictBefore: 'Windows is not activated', verdictAfter: 'Windows is activated', changes, note: 'Re-checked: Windows is activated.' },
  };
}

/** The handlers every scenario shares; a scenario overrides what it is about. */
export function baseHandlers(checked: CheckResult, after: CheckResult = result(healthySnapshot())): ScenarioHandlers {
  let current = checked;
  return {
    getAppInfo: () => ({ name: 'Activation Doctor', version: '0.1.0', platform: 'win32', canProbeWindows: true }),
    getComputerStatus: () => ({ available: true, computerName: 'APP01', edition: 'Microsoft Windows Server 2019 Standard', activated: checked.diagnosis.verdict.kind.startsWith('activated'), licenseStatusText: checked.diagnosis.product?.licenseStatusText ?? 'Unknown', channel: checked.diagnosis.product?.channel ?? null, partialProductKey: checked.diagnosis.product?.partialProductKey ?? null }),
    runCheck: async (request, tools) => {
      await streamProgress(tools, request.runId, current.snapshot);
      return current;
    },
    cancelCheck: () => ({ cancelled: true }),
    listFixes: () => FIX_LIST,
    previewFix: (request) => planPreview(current.snapshot, request.fixId, request.inputs),
    runFix: (request) => {
      current = after;
      return { outcome: succeeded(request.fixId, [findFix(request.fixId)!.title], [{ label: 'Licence status', before: 'OOBGrace', after: 'Licensed' }]), after };
    },
    exportReport: (request) => {
      const input = { snapshot: current.snapshot, diagnosis: current.diagnosis, audit: [], generatedAt: '2026-11-20T10:00:00.000Z', appVersion: '0.1.0' };
      window.__lastExport = { format: request.format, text: request.format === 'html' ? renderHtmlReport(input) : JSON.stringify(input) };
      return { saved: true, path: `C:\\Users\\tech\\Documents\\activation-report-APP01.${request.format}` };
    },
    openSnapshot: () => ({ opened: false }),
    getVolumeActivationRole: () => ({ state: 'not-installed', detail: 'the Volume Activation Services role is not installed yet' }),
  };
}

/**
 * (i) The fixes applied on this computer, from the audit log: when, which fix, with which inputs
 * (already masked by the log), what ran, how it ended, what changed, and whether the re-check
 * found the problem gone. A run is the pair of "before" and "after" records with the same runId;
 * either can be missing (a crash mid-fix leaves only "before"; a trimmed log only "after").
 */
import { formatTime } from '../format';
import { bullets, gridTable, none, section } from '../layout';
import { code, html, type Html, type Interpolation } from '../markup';
import { lastFiveOfKey } from '../redact';
import type { ReportAuditAfter, ReportAuditBefore, ReportAuditRecord, ReportAuditState } from '../types';

interface Run {
  runId: string;
  fixId: string;
  time: string;
  before: ReportAuditBefore | null;
  after: ReportAuditAfter | null;
}

/** Pairs the records by run, in the order the runs started. */
export function groupRuns(records: readonly ReportAuditRecord[]): Run[] {
  const runs = new Map<string, Run>();
  for (const record of records) {
    const run = runs.get(record.runId) ?? { runId: record.runId, fixId: record.fixId, time: record.time, before: null, after: null };
    if (record.event === 'before') {
      run.before = record;
      run.time = record.time;
    } else {
      run.after = record;
    }
    runs.set(record.runId, run);
  }
  return [...runs.values()];
}

type StateField = Exclude<keyof ReportAuditState, 'office'>;

const STATE_LABELS: ReadonlyArray<readonly [StateField, string]> = [
  ['licenseStatus', 'Licence status'],
  ['channel', 'Channel'],
  ['partialProductKey', 'Key ends in'],
  ['kmsHost', 'KMS host'],
  ['sppsvc', 'Software Protection service'],
  ['w32time', 'Windows Time service'],
];

function stateValue(state: ReportAuditState | null, field: StateField): string {
  const value = state?.[field] ?? null;
  if (value === null) return 'not recorded';
  return field === 'partialProductKey' ? lastFiveOfKey(value) : value;
}

/** "Licence status: Notification → Licensed" for each recorded fact that changed. */
function changes(run: Run): string[] {
  const before = run.before?.state ?? null;
  const after = run.after?.state ?? null;
  if (before === null || after === null) return [];
  const office = (state: ReportAuditState, id: string) => state.office?.find((p) => p.activationId === id);
  const officeIds = [...new Set([...(before.office ?? []), ...(after.office ?? [])].map((p) => p.activationId))];
  const officeLines = officeIds.flatMap((id) => {
    const b = office(before, id);
    const a = office(after, id);
    const text = (p: typeof b) => (p ? `${p.licenseStatus ?? 'unknown'}, key ${p.partialProductKey === null ? 'none' : lastFiveOfKey(p.partialProductKey)}, KMS host ${p.kmsHost ?? 'none'}` : 'not recorded');
    return text(b) === text(a) ? [] : [`Office licence ${id}: ${text(b)} → ${text(a)}`];
  });
  return [
    ...STATE_LABELS.filter(([field]) => stateValue(before, field) !== stateValue(after, field)).map(([field, label]) => `${label}: ${stateValue(before, field)} → ${stateValue(after, field)}`),
    ...officeLines,
  ];
}

function inputsCell(run: Run): Interpolation {
  if (!run.before) return 'not recorded (the log has no "before" record for this run)';
  const inputs = Object.entries(run.before.inputs);
  return html`<div>${inputs.length === 0 ? 'No inputs.' : html`Inputs:${bullets(inputs.map(([name, value]) => html`${name} = ${code(value)}`))}`}</div>${
    run.before.commands.length === 0 ? null : html`<div>Equivalent commands:${bullets(run.before.commands.map((c) => code(c)))}</div>`
  }${run.before.override ? html`<div><strong>Run with the override</strong> (a refusal was overridden).</div>` : null}`;
}

function resultCell(run: Run): Interpolation {
  if (!run.after) return 'no result recorded: the fix may have been interrupted';
  const r = run.after.result;
  const changed = changes(run);
  return html`${r.status}${r.code === null ? null : html` ${code(r.code)}`}: ${r.message}${changed.length === 0 ? null : html`<br />What changed:${bullets(changed)}`}`;
}

function problemGone(run: Run): string {
  const gone = run.after?.problemGone ?? null;
  return gone === null ? 'not re-checked' : gone ? 'yes' : 'no';
}

/** What reading the log back found besides records: said plainly, never turned into fixes. */
export interface AuditLogCondition {
  rejected: number;
  truncated: boolean;
}

function conditionNote(condition: AuditLogCondition): Html | null {
  const notes: string[] = [];
  if (condition.rejected > 0) notes.push(`${condition.rejected} ${condition.rejected === 1 ? 'line' : 'lines'} of the audit log ${condition.rejected === 1 ? 'is' : 'are'} not in the form Activation Doctor writes (edited, forged or damaged) and ${condition.rejected === 1 ? 'is' : 'are'} not shown as fixes applied.`);
  if (condition.truncated) notes.push('The audit log is large: only its newest records were read.');
  return notes.length === 0 ? null : html`<p class="what"><strong>Audit log:</strong> ${notes.join(' ')}</p>`;
}

export function renderFixesApplied(audit: readonly ReportAuditRecord[], condition: AuditLogCondition = { rejected: 0, truncated: false }): Html {
  const runs = groupRuns(audit);
  const note = conditionNote(condition);
  if (runs.length === 0) return section('fixes', html`${none('No fix was applied with Activation Doctor on this computer (the audit log is empty).')}${note}`);
  return section(
    'fixes',
    html`<p class="what">From the audit log of the computer that made this report, oldest first. Product keys and confirmation IDs were masked when they were logged.</p>${note}
${gridTable(
  [{ title: 'Time', width: 'w-15' }, { title: 'Fix', width: 'w-15' }, { title: 'Inputs and commands' }, { title: 'Result', width: 'w-30' }, { title: 'Problem gone?', width: 'w-10' }],
  runs.map((run) => [formatTime(run.time), code(run.fixId), inputsCell(run), resultCell(run), problemGone(run)]),
)}`,
  );
}

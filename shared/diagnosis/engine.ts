/**
 * diagnose(snapshot, { reportedCode }) → Diagnosis. Pure: the same snapshot always gives the
 * same diagnosis, on any computer.
 *
 * Ranking: a finding's score adds its severity, the strength of its evidence, and a large bonus
 * when it is a documented cause of the code the technician reported (or, smaller, of a code
 * seen on the machine). So with 0xC004F074 in hand, the five Microsoft causes come first, and
 * among them the one with measured evidence (a 5-hour offset) beats one merely suspected.
 */
import { PROBES, type ProbeId } from '../probes';
import { UNAVAILABLE_REASON_TEXT, type Snapshot } from '../snapshot';
import type { FindingId } from '../ids';
import { lookupError } from '../knowledge/errors';
import { sourceUrl } from '../knowledge/sources';
import { licenseStatus, licenseStatusName } from '../knowledge/licensing';
import { buildContext, codesToExplain, probeFact, type DiagnosisContext } from './context';
import { RULES, STAGES } from './rules';
import type { Rule, RuleResult } from './rule';
import { toHex as hex } from '../hex';
import { keepUsefulSuggestions } from './suggestions';
import type { Diagnosis, Finding, NotChecked, Severity, TreeStage, Verdict } from './types';

export interface DiagnoseOptions {
  /** The error code the technician brought, as a number (parse text with parseHresult first). */
  reportedCode?: number | null;
}

const SEVERITY_SCORE: Record<Severity, number> = { blocker: 100, warning: 40, info: 5 };
const REPORTED_CODE_BONUS = 300;
const OBSERVED_CODE_BONUS = 120;

export function diagnose(snapshot: Snapshot, options: DiagnoseOptions = {}): Diagnosis {
  const reportedCode = options.reportedCode ?? null;
  let ctx: DiagnosisContext;
  try {
    ctx = buildContext(snapshot, reportedCode);
  } catch {
    // A bug here must not take the technician's answer away: say we cannot tell, and why.
    return {
      format: 'activation-doctor/diagnosis',
      version: 1,
      snapshotTakenAt: snapshot.takenAt,
      computerName: snapshot.collector.hostname,
      verdict: { kind: 'cannot-tell', title: 'Cannot tell whether Windows is activated', detail: 'Activation Doctor could not interpret this snapshot. Please report it, with the snapshot file.' },
      product: null,
      reportedCode: reportedCode === null ? null : reportedSummary(reportedCode),
      findings: [],
      tree: [],
      notChecked: [],
    };
  }
  const results = RULES.map((rule) => ({ rule, result: safeEvaluate(rule, ctx) }));

  const explained = explainedFindings(ctx);
  const findings: Finding[] = [];
  for (const { rule, result } of results) {
    if (result.status !== 'finding') continue;
    const draft = result.finding;
    const byReported = explained.reported.has(rule.id);
    const byObserved = explained.observed.has(rule.id);
    const product = rule.product ?? 'windows';
    findings.push({
      id: rule.id,
      product,
      severity: draft.severity,
      title: draft.title,
      explanation: draft.explanation,
      evidence: draft.evidence,
      fixes: keepUsefulSuggestions(ctx, draft.fixes ?? [], product),
      guidance: draft.guidance ?? [],
      score: SEVERITY_SCORE[draft.severity] + Math.round(draft.strength * 50) + (byReported ? REPORTED_CODE_BONUS : byObserved ? OBSERVED_CODE_BONUS : 0),
      explainsCode: byReported || byObserved,
      sources: rule.sources.map(sourceUrl).filter((u): u is string => u !== null),
    });
  }
  // Stable order: score, then severity, then the rule order (which follows the decision tree).
  findings.sort((a, b) => b.score - a.score);

  return {
    format: 'activation-doctor/diagnosis',
    version: 1,
    snapshotTakenAt: snapshot.takenAt,
    computerName: snapshot.windows.os.status === 'ok' ? snapshot.windows.os.value.computerName : snapshot.collector.hostname,
    verdict: verdictFor(ctx, findings),
    product: productSummary(ctx),
    reportedCode: reportedCode === null ? null : reportedSummary(reportedCode),
    findings,
    tree: buildTree(results),
    notChecked: notChecked(ctx, results),
  };
}

/** A rule that throws is a bug, but it must never take the whole diagnosis down with it. */
function safeEvaluate(rule: Rule, ctx: DiagnosisContext): RuleResult {
  try {
    return rule.evaluate(ctx);
  } catch {
    return { status: 'unknown', missing: [], note: 'this check failed inside Activation Doctor; please report it' };
  }
}

function explainedFindings(ctx: DiagnosisContext): { reported: Set<FindingId>; observed: Set<FindingId> } {
  const reported = new Set<FindingId>();
  const observed = new Set<FindingId>();
  const codes = codesToExplain(ctx);
  codes.forEach((code, index) => {
    const record = lookupError(code);
    if (!record) return;
    const target = index === 0 && ctx.reportedCode !== null ? reported : observed;
    for (const id of record.findings) target.add(id);
  });
  return { reported, observed };
}

function verdictFor(ctx: DiagnosisContext, findings: Finding[]): Verdict {
  const licensing = ctx.snapshot.windows.licensing;
  const read = PROBES.filter((p) => probeFact(ctx.snapshot, p.id).status === 'ok');
  if (read.length === 0) {
    return {
      kind: 'cannot-tell',
      title: 'Nothing could be checked',
      detail: 'None of the checks could read anything, so this is no answer at all, not a clean bill of health. See "Could not be checked" for why, fix that (run as administrator, on the computer itself), and check again.',
    };
  }
  if (licensing.status === 'unavailable') {
    return { kind: 'cannot-tell', title: 'Cannot tell whether Windows is activated', detail: `The licence state could not be read: ${licensing.detail}` };
  }
  const product = ctx.product;
  if (!product) {
    return {
      kind: 'not-activated',
      title: 'Windows has no product key installed',
      detail: 'No Windows licence with a product key was found on this computer, so it cannot be activated until a key is installed.',
    };
  }
  if (product.licenseStatus === 1) {
    if (findings.some((f) => f.id === 'activation-expiring' && f.severity !== 'info')) {
      const renewalFailing = findings.some((f) => f.id === 'activation-expiring' && f.evidence.some((e) => e.label.includes('renewal')));
      return renewalFailing
        ? { kind: 'activated-renewal-failing', title: 'Windows is activated, but renewal is failing', detail: 'The activation is still valid, but recent attempts to renew it with the KMS host failed. Fix the cause before it runs out.' }
        : { kind: 'activated-expiring', title: 'Windows is activated, but the activation expires soon', detail: 'The activation runs out soon. Fix the cause below before it does.' };
    }
    return { kind: 'activated', title: 'Windows is activated', detail: `${product.name} is activated (${licenseStatusName(product.licenseStatus)}).` };
  }
  return {
    kind: 'not-activated',
    title: 'Windows is not activated',
    detail: `${product.name} is in the state "${licenseStatus(product.licenseStatus)?.slmgrText ?? licenseStatusName(product.licenseStatus)}" (${licenseStatusName(product.licenseStatus)}): ${licenseStatus(product.licenseStatus)?.meaning ?? 'an unknown licence state.'}${findings.length > 0 ? ' The most likely cause comes first below.' : ''}`,
  };
}

function productSummary(ctx: DiagnosisContext): Diagnosis['product'] {
  const p = ctx.product;
  if (!p) return null;
  return {
    name: p.name,
    channel: ctx.channel ?? 'unknown',
    licenseStatus: p.licenseStatus,
    licenseStatusText: licenseStatusName(p.licenseStatus),
    partialProductKey: p.partialProductKey,
    gracePeriodRemainingMinutes: p.gracePeriodRemainingMinutes,
    // Public JSON name `kmsTarget` kept (reports and scripts read it): it is the KMS host in use.
    kmsTarget: ctx.kmsHostInUse ? `${ctx.kmsHostInUse.host}:${ctx.kmsHostInUse.port} (${ctx.kmsHostInUse.source})` : null,
  };
}

function reportedSummary(code: number): NonNullable<Diagnosis['reportedCode']> {
  const record = lookupError(code);
  return { code: hex(code), known: record !== undefined, symbol: record?.symbol ?? null, message: record?.message ?? null };
}

const OUTCOME_ORDER = ['failed', 'unknown', 'passed', 'not-applicable'] as const;

function buildTree(results: Array<{ rule: Rule; result: RuleResult }>): TreeStage[] {
  return STAGES.map((stage) => {
    const rules = results
      .filter(({ rule }) => rule.stage === stage.id)
      .map(({ rule, result }) => ({
        finding: rule.id,
        question: rule.question,
        status: result.status,
        note: result.status === 'pass' ? result.note : result.status === 'unknown' ? result.note : result.status === 'finding' ? result.finding.title : null,
      }));
    const outcomes = rules.map((r) =>
      r.status === 'finding' ? 'failed' : r.status === 'unknown' ? 'unknown' : r.status === 'pass' ? 'passed' : 'not-applicable',
    );
    const outcome = OUTCOME_ORDER.find((o) => outcomes.includes(o)) ?? 'not-applicable';
    return { stage: stage.id, question: stage.question, outcome, rules };
  });
}

function notChecked(ctx: DiagnosisContext, results: Array<{ rule: Rule; result: RuleResult }>): NotChecked[] {
  const list: NotChecked[] = [];
  for (const probe of PROBES) {
    const fact = probeFact(ctx.snapshot, probe.id);
    // "Does not apply here" (the KMS firewall rule on a client, the online check when not asked
    // for) is not a check that failed to run.
    if (fact.status !== 'unavailable' || fact.reason === 'not-applicable') continue;
    const affects = results
      .filter(({ result }) => result.status === 'unknown' && result.missing.includes(probe.id as ProbeId))
      .map(({ rule }) => rule.id);
    list.push({ probe: probe.id, title: probe.title, reason: fact.reason, detail: fact.detail || UNAVAILABLE_REASON_TEXT[fact.reason], affects });
  }
  return list;
}

/**
 * A rule is one small, named unit of diagnosis: it asks one question of the snapshot and either
 * produces a finding (with evidence and fixes), passes, cannot tell (naming the missing
 * probes), or does not apply. The wizard's decision tree is built from the same rules.
 */
import type { FindingId, Product } from '../ids';
import type { ProbeId } from '../probes';
import type { DiagnosisContext } from './context';
import type { Evidence, FixSuggestion, Severity, StageId } from './types';

export interface FindingDraft {
  severity: Severity;
  title: string;
  explanation: string;
  evidence: Evidence[];
  fixes?: FixSuggestion[];
  guidance?: string[];
  /** How strongly the evidence points at this cause, 0..1 (measured beats inferred). */
  strength: number;
}

export type RuleResult =
  | { status: 'finding'; finding: FindingDraft }
  | { status: 'pass'; note: string }
  | { status: 'unknown'; missing: ProbeId[]; note: string }
  | { status: 'not-applicable' };

export interface Rule {
  id: FindingId;
  /** The licensed product the finding is about (default Windows); only fixes for it are offered. */
  product?: Product;
  stage: StageId;
  /** The yes/no question the wizard shows for this rule. */
  question: string;
  /** Source tags (shared/knowledge/sources.ts) backing the explanation. */
  sources: string[];
  evaluate(ctx: DiagnosisContext): RuleResult;
}

export const finding = (draft: FindingDraft): RuleResult => ({ status: 'finding', finding: draft });
export const pass = (note: string): RuleResult => ({ status: 'pass', note });
export const unknown = (missing: ProbeId[], note: string): RuleResult => ({ status: 'unknown', missing, note });
export const notApplicable: RuleResult = { status: 'not-applicable' };

/** Evidence helper with the common defaults. */
export function evidence(fact: string, label: string, observed: string, limit: string | null = null, ok: boolean | null = null): Evidence {
  return { fact, label, observed, limit, ok };
}

/**
 * Findings that only an error code can reveal (a blocked key, a corrupt licence store, a KMS host
 * that is not activated). They are driven by the error table: a code whose record names the
 * finding raises it, with Microsoft's explanation and next steps.
 */
import type { FindingId, FixId } from '../../ids';
import { lookupError } from '../../knowledge/errors';
import { codesToExplain } from '../context';
import type { Rule } from '../rule';
import { finding, pass } from '../rule';
import type { Severity, StageId } from '../types';
import { codeEvidence } from './helpers';

export interface CodeRuleSpec {
  id: FindingId;
  stage: StageId;
  question: string;
  title: string;
  severity: Severity;
  /** Fixes worth offering for this finding (prefilled inputs are not needed for these). */
  fixes?: Array<{ fixId: FixId; reason: string }>;
  sources: string[];
}

export function codeRule(spec: CodeRuleSpec): Rule {
  return {
    id: spec.id,
    stage: spec.stage,
    question: spec.question,
    sources: spec.sources,
    evaluate(ctx) {
      const code = codesToExplain(ctx).find((c) => lookupError(c)?.findings.includes(spec.id));
      if (code === undefined) return pass('no error code points at this');
      const record = lookupError(code)!;
      return finding({
        severity: spec.severity,
        title: spec.title,
        explanation: record.explanation,
        evidence: codeEvidence(ctx, spec.id),
        fixes: (spec.fixes ?? []).map((f) => ({ fixId: f.fixId, inputs: {}, reason: f.reason })),
        guidance: record.nextSteps.slice(0, 5),
        // Reported only: a code in hand is strong; observed on the machine is stronger still.
        strength: ctx.observedCodes.some((o) => o.code === code) ? 0.9 : 0.7,
      });
    },
  };
}

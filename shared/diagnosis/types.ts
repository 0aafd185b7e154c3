/**
 * The diagnosis document: a verdict, ranked findings with their evidence and fixes, the
 * decision tree the wizard walks, and what could not be checked. Stable JSON (docs/findings.md).
 */
import { z } from '../zod';
import { FINDING_IDS, FIX_IDS, PRODUCTS } from '../ids';
import { PROBE_IDS } from '../probes';
import { UnavailableReasonSchema } from '../snapshot';

export const SeveritySchema = z.enum(['blocker', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const EvidenceSchema = z.object({
  /** Where the fact comes from, as a path into the snapshot (e.g. "network.time[kms1.corp.example]"). */
  fact: z.string().max(300),
  /** What the fact is, in plain words. */
  label: z.string().max(300),
  /** What was observed, formatted for a person: "5 h 02 min ahead". */
  observed: z.string().max(500),
  /** The limit it was held against, when there is one: "at most 4 h". */
  limit: z.string().max(300).nullable(),
  /** Whether this piece of evidence is within the limit (true), breaks it (false) or is context (null). */
  ok: z.boolean().nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FixSuggestionSchema = z.object({
  fixId: z.enum(FIX_IDS),
  /** Input values prefilled from the evidence (validated with the same grammar the fix uses). */
  inputs: z.record(z.string(), z.string().max(300)),
  /** Why this fix, in one line: "points this computer at kms2.corp.example, which answers". */
  reason: z.string().max(500),
});
export type FixSuggestion = z.infer<typeof FixSuggestionSchema>;

export const ProductSchema = z.enum(PRODUCTS);

export const FindingSchema = z.object({
  id: z.enum(FINDING_IDS),
  /** The licensed product this finding is about: Windows or Office (absent in diagnoses before Office: Windows). */
  product: ProductSchema.default('windows'),
  severity: SeveritySchema,
  title: z.string().max(200),
  explanation: z.string().max(2000),
  evidence: z.array(EvidenceSchema).max(50),
  fixes: z.array(FixSuggestionSchema).max(10),
  /** Advice when no fix can be applied from here (e.g. on the KMS host, or in Azure). */
  guidance: z.array(z.string().max(600)).max(10),
  /** Ranking score: higher explains the failure better. */
  score: z.number(),
  /** True when this finding is one of the documented causes of the reported or observed error code. */
  explainsCode: z.boolean(),
  /** Microsoft pages that back the explanation. */
  sources: z.array(z.string().url()).max(10),
});
export type Finding = z.infer<typeof FindingSchema>;

export const VerdictKindSchema = z.enum(['activated', 'activated-renewal-failing', 'activated-expiring', 'not-activated', 'cannot-tell']);
export type VerdictKind = z.infer<typeof VerdictKindSchema>;

export const VerdictSchema = z.object({
  kind: VerdictKindSchema,
  title: z.string().max(200),
  detail: z.string().max(1000),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const StageIdSchema = z.enum(['prerequisites', 'key', 'discovery', 'reachability', 'time', 'kms-host', 'this-host', 'state', 'office']);
export type StageId = z.infer<typeof StageIdSchema>;

export const RuleStatusSchema = z.enum(['finding', 'pass', 'unknown', 'not-applicable']);
export type RuleStatus = z.infer<typeof RuleStatusSchema>;

/** One question of the wizard's decision tree and how each rule under it came out. */
export const TreeStageSchema = z.object({
  stage: StageIdSchema,
  question: z.string().max(200),
  outcome: z.enum(['failed', 'passed', 'unknown', 'not-applicable']),
  rules: z.array(
    z.object({
      finding: z.enum(FINDING_IDS),
      question: z.string().max(300),
      status: RuleStatusSchema,
      /** For "unknown": which probes were missing; for "pass": one line on why. */
      note: z.string().max(500).nullable(),
    }),
  ),
});
export type TreeStage = z.infer<typeof TreeStageSchema>;

export const NotCheckedSchema = z.object({
  probe: z.enum(PROBE_IDS),
  title: z.string().max(200),
  reason: UnavailableReasonSchema,
  detail: z.string().max(2000),
  /** Findings that could not be ruled in or out because of it. */
  affects: z.array(z.enum(FINDING_IDS)),
});
export type NotChecked = z.infer<typeof NotCheckedSchema>;

export const ProductSummarySchema = z.object({
  name: z.string().max(500),
  channel: z.string().max(60),
  licenseStatus: z.number().int(),
  licenseStatusText: z.string().max(200),
  partialProductKey: z.string().max(5).nullable(),
  gracePeriodRemainingMinutes: z.number().int().nullable(),
  /** The KMS host in use, "host:port (configured|discovered)" (kmsHostInUse). Public JSON name kept as it was. */
  kmsTarget: z.string().max(300).nullable(),
});

export const DiagnosisSchema = z.object({
  format: z.literal('activation-doctor/diagnosis'),
  version: z.literal(1),
  snapshotTakenAt: z.string(),
  computerName: z.string().max(255).nullable(),
  verdict: VerdictSchema,
  product: ProductSummarySchema.nullable(),
  reportedCode: z
    .object({ code: z.string(), known: z.boolean(), symbol: z.string().nullable(), message: z.string().nullable() })
    .nullable(),
  /** Ranked: the first finding is the most likely cause. */
  findings: z.array(FindingSchema),
  tree: z.array(TreeStageSchema),
  notChecked: z.array(NotCheckedSchema),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

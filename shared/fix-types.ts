/**
 * The shapes of a fix's preview and outcome, as data. The fix engine (main) produces them, the
 * IPC contract validates them, the UI and the CLI render them.
 */
import { z } from './zod';
import { FINDING_IDS, FIX_IDS } from './ids';
import { KEY_PURPOSES } from './knowledge/key-purpose';

export const FixInputKindSchema = z.enum(['host-port', 'host', 'dns-domain', 'product-key', 'confirmation-id', 'esu-year']);

export const FixInputInfoSchema = z.object({
  name: z.string().max(40),
  label: z.string().max(100),
  hint: z.string().max(300),
  kind: FixInputKindSchema,
  required: z.boolean(),
  secret: z.boolean(),
  /** For product keys: what the key must be (published GVLKs, AVMA and placeholder keys are refused). */
  keyPurpose: z.enum(KEY_PURPOSES).optional(),
});
export type FixInputInfo = z.infer<typeof FixInputInfoSchema>;

export const FixInfoSchema = z.object({
  id: z.enum(FIX_IDS),
  title: z.string().max(200),
  summary: z.string().max(500),
  inputs: z.array(FixInputInfoSchema).max(5),
  needsElevation: z.boolean(),
  addresses: z.array(z.enum(FINDING_IDS)),
});
export type FixInfo = z.infer<typeof FixInfoSchema>;

export const RefusalSchema = z.object({
  code: z.enum(['not-elevated', 'not-windows', 'would-replace-working-activation', 'not-applicable', 'missing-facts', 'no-client-key']),
  message: z.string().max(1000),
  overridable: z.boolean(),
});
export type Refusal = z.infer<typeof RefusalSchema>;

export const FixPreviewSchema = z.object({
  fixId: z.enum(FIX_IDS),
  title: z.string().max(200),
  summary: z.string().max(500),
  changes: z.array(z.string().max(500)).max(20),
  commands: z.array(z.string().max(500)).max(20),
  /** Inputs as shown: secrets masked. */
  inputs: z.record(z.string(), z.string().max(300)),
  notes: z.array(z.string().max(1000)).max(10),
  refusal: RefusalSchema.nullable(),
  needsElevation: z.boolean(),
});
export type FixPreview = z.infer<typeof FixPreviewSchema>;

export const StepReportSchema = z.object({
  describe: z.string().max(300),
  ok: z.boolean(),
  attempts: z.number().int().min(0),
  code: z.string().max(20).nullable(),
  message: z.string().max(2000).nullable(),
});
export type StepReport = z.infer<typeof StepReportSchema>;

export const FactChangeSchema = z.object({ label: z.string().max(100), before: z.string().max(300), after: z.string().max(300) });
export type FactChange = z.infer<typeof FactChangeSchema>;

export const VerificationSchema = z.object({
  /** True: none of the problems this fix addresses remain; false: one still does; null: could not re-check. */
  problemGone: z.boolean().nullable(),
  stillPresent: z.array(z.enum(FINDING_IDS)),
  verdictBefore: z.string().max(300).nullable(),
  verdictAfter: z.string().max(300).nullable(),
  changes: z.array(FactChangeSchema),
  note: z.string().max(1000),
});
export type Verification = z.infer<typeof VerificationSchema>;

export const FixOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('invalid-input'), fixId: z.string().max(80), input: z.string().max(80), message: z.string().max(500) }),
  z.object({ status: z.literal('unknown-fix'), fixId: z.string().max(80), message: z.string().max(500) }),
  z.object({ status: z.literal('busy'), fixId: z.string().max(80), message: z.string().max(500) }),
  z.object({ status: z.literal('not-confirmed'), fixId: z.enum(FIX_IDS), preview: FixPreviewSchema, message: z.string().max(500) }),
  z.object({ status: z.literal('refused'), fixId: z.enum(FIX_IDS), refusal: RefusalSchema, preview: FixPreviewSchema, message: z.string().max(1000) }),
  z.object({
    status: z.enum(['succeeded', 'failed']),
    fixId: z.enum(FIX_IDS),
    runId: z.string().max(64),
    steps: z.array(StepReportSchema),
    message: z.string().max(3000),
    code: z.string().max(20).nullable(),
    verification: VerificationSchema,
  }),
]);
export type FixOutcome = z.infer<typeof FixOutcomeSchema>;

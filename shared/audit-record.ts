/**
 * The audit record: one definition, for the audit log that writes and reads it (main/fixes/audit-log.ts)
 * and the report that shows it (shared/report). One JSON line before a fix runs, one after; product
 * keys only as their last five characters. The field names are the log's public format: keep them.
 */
import { FIX_IDS } from './ids';
import { z } from './zod';

const FactText = z.string().max(300).nullable();

export const AuditStateSchema = z.strictObject({
  licenseStatus: FactText,
  channel: FactText,
  partialProductKey: z.string().max(5).nullable(),
  /** The KMS host in use (kmsHostInUse: configured, else discovered), host only. Public name kept. */
  kmsHost: FactText,
  sppsvc: FactText,
  w32time: FactText,
  /** Each Office licence with a key (absent in records written before Office support, or when Office was not read). */
  office: z
    .array(z.strictObject({ activationId: z.string().max(40), licenseStatus: FactText, partialProductKey: z.string().max(5).nullable(), kmsHost: FactText }))
    .max(16)
    .optional(),
});
export type AuditState = z.infer<typeof AuditStateSchema>;

const Common = {
  time: z.iso.datetime(),
  runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  fixId: z.enum(FIX_IDS),
};

export const AuditRecordSchema = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('before'),
    ...Common,
    inputs: z.record(z.string().max(40), z.string().max(300)).refine((r) => Object.keys(r).length <= 10, 'too many inputs'),
    commands: z.array(z.string().max(1000)).max(30),
    override: z.boolean(),
    state: AuditStateSchema.nullable(),
  }),
  z.strictObject({
    event: z.literal('after'),
    ...Common,
    result: z.strictObject({ status: z.enum(['succeeded', 'failed']), code: z.string().max(20).nullable(), message: z.string().max(2000) }),
    state: AuditStateSchema.nullable(),
    problemGone: z.boolean().nullable(),
  }),
]);
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** What a report is made from. The audit records are the audit log's own type (shared/audit-record.ts). */
import type { AuditRecord, AuditState } from '../audit-record';
import type { Diagnosis } from '../diagnosis/types';
import type { Snapshot } from '../snapshot';

export type ReportAuditState = AuditState;
/** Written before a fix runs: what will run, with which inputs (keys already masked). */
export type ReportAuditBefore = Extract<AuditRecord, { event: 'before' }>;
/** Written after a fix ran: how it went and whether the re-check found the problem gone. */
export type ReportAuditAfter = Extract<AuditRecord, { event: 'after' }>;
export type ReportAuditRecord = AuditRecord;

export interface ReportInput {
  snapshot: Snapshot;
  diagnosis: Diagnosis;
  /** The audit log's records, oldest first (both events of each fix run). */
  audit: readonly ReportAuditRecord[];
  /** Lines of the audit log that are not records Activation Doctor writes (edited, forged, damaged): not shown as fixes. */
  auditRejected?: number;
  /** Older audit records were left out (the log is larger than what is read back). */
  auditTruncated?: boolean;
  /** When the report was made, ISO-8601 UTC. */
  generatedAt: string;
  /** The Activation Doctor version that made the report. */
  appVersion: string;
}

/**
 * What a report is made from. The audit record type is structural: it mirrors AuditRecord in
 * main/fixes/audit-log.ts (shared/ must not import main/), and a test checks that every AuditRecord
 * is assignable to it, so the two cannot drift apart silently.
 */
import type { Diagnosis } from '../diagnosis/types';
import type { Snapshot } from '../snapshot';

export interface ReportAuditState {
  licenseStatus: string | null;
  channel: string | null;
  partialProductKey: string | null;
  kmsHost: string | null;
  sppsvc: string | null;
  w32time: string | null;
}

/** Written before a fix runs: what will run, with which inputs (keys already masked). */
export interface ReportAuditBefore {
  event: 'before';
  time: string;
  runId: string;
  fixId: string;
  inputs: Readonly<Record<string, string>>;
  commands: readonly string[];
  override: boolean;
  state: ReportAuditState | null;
}

/** Written after a fix ran: how it went and whether the re-check found the problem gone. */
export interface ReportAuditAfter {
  event: 'after';
  time: string;
  runId: string;
  fixId: string;
  result: { status: string; code: string | null; message: string };
  state: ReportAuditState | null;
  problemGone: boolean | null;
}

export type ReportAuditRecord = ReportAuditBefore | ReportAuditAfter;

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

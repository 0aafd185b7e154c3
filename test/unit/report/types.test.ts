import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../main/fixes/audit-log';
import { AuditRecordSchema } from '../../../main/fixes/audit-log';
import type { ReportAuditRecord } from '../../../shared/report';
import { sampleAudit } from './inputs';

// Compile-time check: every record the audit log reads can be passed to the report unchanged.
// If AuditRecord gains or changes a field the report relies on, this stops compiling.
const toReport = (record: AuditRecord): ReportAuditRecord => record;

describe('ReportAuditRecord', () => {
  it("matches main's AuditRecord both ways for real records", () => {
    for (const record of sampleAudit()) {
      const parsed = AuditRecordSchema.parse(record);
      expect(toReport(parsed)).toEqual(record);
    }
  });
});

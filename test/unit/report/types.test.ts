import { describe, expect, it } from 'vitest';
import { AuditRecordSchema } from '../../../shared/audit-record';
import { sampleAudit } from './inputs';

describe('the audit record (one schema for the log and the report)', () => {
  it('reads back the records the report is tested with, unchanged', () => {
    for (const record of sampleAudit()) expect(AuditRecordSchema.parse(record)).toEqual(record);
  });

  it('refuses a record with a field the log never writes', () => {
    const [first] = sampleAudit();
    expect(AuditRecordSchema.safeParse({ ...first, extra: 1 }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../../shared/diagnosis/types';
import { containsFullProductKey, renderJsonExport, REPORT_FORMAT } from '../../../shared/report';
import { SnapshotSchema } from '../../../shared/snapshot';
import { APP_VERSION, GENERATED_AT, reportInput, richSnapshot, sampleAudit } from './inputs';

describe('renderJsonExport', () => {
  const input = reportInput(richSnapshot(), { reportedCode: 0xc004f074, audit: sampleAudit() });
  const json = renderJsonExport(input);

  it('is pretty-printed JSON with the report envelope', () => {
    expect(json).toMatch(/^\{\n {2}"format": "activation-doctor\/report",\n {2}"version": 1,\n/);
    expect(json.endsWith('}\n')).toBe(true);
    const parsed: unknown = JSON.parse(json);
    expect(parsed).toMatchObject({ format: REPORT_FORMAT, version: 1, generatedAt: GENERATED_AT, appVersion: APP_VERSION });
    expect(Object.keys(parsed as object)).toEqual(['format', 'version', 'generatedAt', 'appVersion', 'snapshot', 'diagnosis', 'fixesApplied']);
  });

  it('round-trips: the snapshot, diagnosis and audit records come back as they went in, and still validate', () => {
    const parsed = JSON.parse(json) as { snapshot: unknown; diagnosis: unknown; fixesApplied: unknown };
    expect(parsed.snapshot).toEqual(input.snapshot);
    expect(parsed.diagnosis).toEqual(input.diagnosis);
    expect(parsed.fixesApplied).toEqual(input.audit);
    expect(SnapshotSchema.safeParse(parsed.snapshot).success).toBe(true);
    expect(DiagnosisSchema.safeParse(parsed.diagnosis).success).toBe(true);
  });

  it('contains no full product key', () => {
    expect(containsFullProductKey(json)).toBe(false);
  });

  it('stays valid JSON when hostile text and keys are inside strings', () => {
    const hostile = reportInput(richSnapshot(), { audit: sampleAudit('"N69G4-B89J2-4G8F4-WWYCC-J464C"\u0000\uD800</script>') });
    const text = renderJsonExport(hostile);
    const parsed = JSON.parse(text) as { fixesApplied: Array<{ inputs?: Record<string, string> }> };
    expect(parsed.fixesApplied[2]?.inputs?.key).toBe('"*****-*****-*****-*****-J464C"\u0000\uD800</script>');
    expect(containsFullProductKey(text)).toBe(false);
  });
});

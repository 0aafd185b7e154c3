import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis';
import { DiagnosisSchema } from '../../../shared/diagnosis/types';
import { SnapshotSchema } from '../../../shared/snapshot';
import { FINDING_IDS } from '../../../shared/ids';
import { SCENARIOS } from './scenarios';
import { prefillIsValid } from '../../../shared/inputs';

describe('diagnosis scenario table', () => {
  it('has at least 30 named scenarios with unique names', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
  });

  describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, sc) => {
    const diagnosis = diagnose(sc.snapshot, { reportedCode: sc.reportedCode ?? null });

    it('starts from a schema-valid snapshot and gives a schema-valid diagnosis', () => {
      expect(SnapshotSchema.safeParse(sc.snapshot).success).toBe(true);
      const parsed = DiagnosisSchema.safeParse(diagnosis);
      expect(parsed.success ? 'valid' : parsed.error.issues.slice(0, 3)).toBe('valid');
    });

    it(`verdict is ${sc.verdict}`, () => {
      expect(diagnosis.verdict.kind).toBe(sc.verdict);
    });

    it(`top finding is ${sc.top ?? 'none'}`, () => {
      const summary = diagnosis.findings.map((f) => `${f.id}(${f.severity},${f.score})`);
      expect(diagnosis.findings[0]?.id ?? null, summary.join(' ')).toBe(sc.top);
    });

    if (sc.topFixes) {
      it(`top finding offers ${sc.topFixes.join(', ')}`, () => {
        expect(diagnosis.findings[0]?.fixes.map((f) => f.fixId)).toEqual(sc.topFixes);
      });
    }
    for (const id of sc.alsoFinds ?? []) {
      it(`also finds ${id}`, () => expect(diagnosis.findings.map((f) => f.id)).toContain(id));
    }
    for (const fixId of sc.neverOffers ?? []) {
      it(`offers no ${fixId}`, () => expect(diagnosis.findings.flatMap((f) => f.fixes.map((x) => x.fixId))).not.toContain(fixId));
    }
    const topText = () => {
      const top = diagnosis.findings[0];
      return top ? [top.title, top.explanation, ...top.guidance].join('\n') : '';
    };
    for (const says of sc.topSays ?? []) it(`top finding says ${says}`, () => expect(topText()).toMatch(says));
    for (const never of sc.topNeverSays ?? []) it(`top finding never says ${never}`, () => expect(topText()).not.toMatch(never));
    if (sc.verdictTitle) it(`verdict title matches ${sc.verdictTitle}`, () => expect(diagnosis.verdict.title).toMatch(sc.verdictTitle!));
    for (const [id, severity] of Object.entries(sc.severities ?? {})) {
      it(`${id} is a ${severity}`, () => expect(diagnosis.findings.find((f) => f.id === id)?.severity).toBe(severity));
    }
    it('prefills every fix only with values its own grammar accepts', () => {
      for (const f of diagnosis.findings) for (const fix of f.fixes) expect(prefillIsValid(fix.fixId, fix.inputs), `${f.id} → ${fix.fixId} ${JSON.stringify(fix.inputs)}`).toBe(true);
    });
    for (const id of sc.neverFinds ?? []) {
      it(`does not raise ${id}`, () => expect(diagnosis.findings.map((f) => f.id)).not.toContain(id));
    }
    it('every finding carries evidence or guidance and a Microsoft source', () => {
      for (const f of diagnosis.findings) {
        expect(f.evidence.length + f.guidance.length, f.id).toBeGreaterThan(0);
        expect(f.sources.length, f.id).toBeGreaterThan(0);
      }
    });
  });

  it('covers every finding id of the public contract except the code-only ones it cannot stage', () => {
    const seen = new Set<string>();
    for (const sc of SCENARIOS) for (const f of diagnose(sc.snapshot, { reportedCode: sc.reportedCode ?? null }).findings) seen.add(f.id);
    const required = [
      'kms-time-skew', 'kms-port-filtered', 'kms-port-refused', 'kms-host-unresolvable', 'kms-srv-missing', 'kms-srv-stale',
      'kms-host-version-mismatch', 'kms-count-insufficient', 'kms-host-not-activated', 'kms-key-mismatch', 'kms-host-sppsvc-stopped',
      'kms-host-firewall-closed', 'avma-on-azure', 'azure-kms-unreachable', 'channel-not-volume', 'gvlk-without-kms', 'evaluation-edition',
      'not-elevated', 'sppsvc-stopped', 'w32time-stopped', 'third-party-kms-host', 'activation-expiring', 'activated',
    ];
    expect(required.filter((id) => !seen.has(id))).toEqual([]);
    expect(required.every((id) => (FINDING_IDS as readonly string[]).includes(id))).toBe(true);
  });
});

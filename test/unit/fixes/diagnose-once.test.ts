import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthySnapshot } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';
import type * as Diagnosis from '../../../shared/diagnosis';

// Count the diagnoses a fix and its re-check make, through the real engine (only the shell is faked).
const calls = vi.hoisted(() => ({ diagnose: 0 }));
vi.mock('../../../shared/diagnosis', async (importOriginal) => {
  const real = await importOriginal<typeof Diagnosis>();
  return {
    ...real,
    diagnose: (...args: Parameters<typeof real.diagnose>) => {
      calls.diagnose++;
      return real.diagnose(...args);
    },
  };
});

const { createHarness } = await import('./harness');
const { diagnose } = await import('../../../shared/diagnosis');

const harnesses: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

describe('a fix and its re-check diagnose once', () => {
  it('diagnoses only the re-check when the caller passes the diagnosis it already has', async () => {
    const before = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h')!.snapshot;
    const known = diagnose(before);
    const h = createHarness({ scenario: { 'fix-time:resync': [{ ok: true, action: 'resync', exitCode: 0 }] }, recheck: () => healthySnapshot() });
    harnesses.push(h);
    calls.diagnose = 0;
    const outcome = await h.engine.run('sync-time', {}, { confirmed: true, snapshot: before, diagnosis: known });
    expect(outcome).toMatchObject({ status: 'succeeded', verification: { problemGone: true } });
    expect(calls.diagnose).toBe(1);
    // The re-check's diagnosis is kept for the caller to show, not made again.
    expect(h.engine.lastRecheck()?.diagnosis.verdict.title).toBe(outcome.status === 'succeeded' ? outcome.verification.verdictAfter : null);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectorToSnapshot } from '../../../main/collector/bundle';
import { CollectorDocumentSchema } from '../../../main/collector/document';
import { diagnose } from '../../../shared/diagnosis';
import type { Snapshot } from '../../../shared/snapshot';
import { WS2019_FIXTURE } from '../collector/collector-fixture';
import { hostCheck, notActivated, product, scenario } from '../../support/snapshot-builder';

function collectorSnapshot(): Snapshot {
  const result = collectorToSnapshot(CollectorDocumentSchema.parse(JSON.parse(readFileSync(WS2019_FIXTURE, 'utf8'))));
  if (!result.ok) throw new Error(result.message);
  return result.snapshot;
}

describe('the Azure fact a collector file does not gather', () => {
  it('is reported as not collected, never as "not supported on this version of Windows"', () => {
    const s = collectorSnapshot();
    expect(s.azure).toMatchObject({ status: 'unavailable', reason: 'not-applicable', detail: expect.stringMatching(/^not collected/) });
    const d = diagnose(s);
    expect(JSON.stringify(d)).not.toMatch(/not supported on this version of Windows/);
  });

  it('does not count as a possible cause on a machine with no sign of Azure', () => {
    const d = diagnose(collectorSnapshot());
    expect(d.notChecked.flatMap((n) => n.affects)).not.toContain('azure-kms-unreachable');
    expect(d.notChecked.map((n) => n.probe)).not.toContain('azure');
  });

  it('still cannot be ruled out where Azure KMS is set and the check was not run', () => {
    const s = scenario((snap) => {
      notActivated(snap, 0xc004f074);
      product(snap).kmsMachine = 'azkms.core.windows.net';
      snap.network.kmsHosts = { status: 'ok', value: [hostCheck('azkms.core.windows.net', 'timed-out', ['configured'])], durationMs: 3 };
      snap.azure = { status: 'unavailable', reason: 'timed-out', detail: 'no answer from IMDS', durationMs: 2000 };
    });
    const d = diagnose(s);
    expect(d.notChecked.find((n) => n.probe === 'azure')?.affects).toContain('azure-kms-unreachable');
  });
});

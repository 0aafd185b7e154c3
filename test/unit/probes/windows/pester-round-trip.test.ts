/**
 * The round trip from a real PowerShell to a snapshot: Pester runs every probe script under
 * PowerShell 7 with the machines of test/powershell/support/Machine.ps1 (two German Windows 10, one
 * with Office LTSC 2021, a KMS host, a KMS client) and writes what each printed; here the app's own path reads that text
 * (interpretOutput, the collector's raw schema and parser, the fact schema) and the facts become a
 * snapshot that SnapshotSchema accepts. The same for the generated collector script's file, read as
 * `diagnose --snapshot` reads it. No PowerShell is a failure, never a skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectorToSnapshot } from '../../../../main/collector/bundle';
import { CollectorDocumentSchema } from '../../../../main/collector/document';
import { WINDOWS_PROBES } from '../../../../main/probes/windows/registry';
import { SnapshotSchema, type Snapshot, type WindowsFacts } from '../../../../shared/snapshot';
import { healthySnapshot } from '../../../support/snapshot-builder';
import { diagnose } from '../../../../shared/diagnosis';

const REPO = resolve(__dirname, '../../../..');
const PWSH = process.env.AD_PWSH ?? join(REPO, '.tools', 'pwsh', 'pwsh');
const PESTER = join(REPO, '.tools', 'nuget', 'pester', '5.7.1', 'tools', 'Pester.psd1');
const MACHINES = ['de-win10-pro-oem', 'de-win10-ent-office', 'ws2012r2-kms-host', 'ws2019-kms-client'] as const;

let outputDir = '';

beforeAll(() => {
  expect(existsSync(PWSH), `PowerShell is missing at ${PWSH}: run node scripts/pester.mjs --install`).toBe(true);
  expect(existsSync(PESTER), `Pester is missing at ${PESTER}: run node scripts/pester.mjs --install`).toBe(true);
  outputDir = mkdtempSync(join(tmpdir(), 'probe-output-'));
  const run = spawnSync(
    PWSH,
    [
      '-NoProfile',
      '-NonInteractive',
      '-File',
      join(REPO, 'test', 'powershell', 'run.ps1'),
      '-PesterModule',
      PESTER,
      '-ResultPath',
      join(outputDir, 'pester.xml'),
      '-Path',
      `${join(REPO, 'test', 'powershell', 'Probes.Tests.ps1')};${join(REPO, 'test', 'powershell', 'Collector.Tests.ps1')}`,
    ],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, AD_PROBE_OUTPUT: outputDir, NO_COLOR: '1' }, timeout: 120_000 },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}, 150_000);

const printed = (machine: string, probe: string): unknown => JSON.parse(readFileSync(join(outputDir, machine, `${probe}.json`), 'utf8'));

/** Every registered probe's printed output on that machine, read as a collector file is read. */
function windowsFactsOf(machine: string): WindowsFacts {
  return Object.fromEntries(WINDOWS_PROBES.map((probe) => [probe.key, probe.fromOutput(printed(machine, probe.script), 1)])) as WindowsFacts;
}

describe.each(MACHINES)('probe scripts run by pwsh on %s', (machine) => {
  it('every fact is read and the snapshot is valid', () => {
    const windows = windowsFactsOf(machine);
    for (const [key, fact] of Object.entries(windows)) {
      // A fact that does not concern this machine (the firewall rule off a KMS host) says so.
      if (fact.status === 'unavailable') expect(fact.reason, `${key}: ${fact.detail}`).toBe('not-applicable');
      else expect(fact.status, key).toBe('ok');
    }
    const snapshot: Snapshot = { ...healthySnapshot(), windows };
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
  });
});

describe('what the facts say', () => {
  it('the German machine: de-DE culture, and the edition from EditionID (not the caption)', () => {
    const os = windowsFactsOf('de-win10-pro-oem').os;
    expect(os).toMatchObject({ status: 'ok', value: { editionId: 'Professional', language: 'de-DE', lcid: 1031, build: 17134 } });
  });

  it('the KMS host: a KMS host with its count, and both firewall rules read', () => {
    const windows = windowsFactsOf('ws2012r2-kms-host');
    expect(windows.licensing).toMatchObject({ status: 'ok', value: { service: { isKmsHost: true } } });
    expect(windows.firewall).toMatchObject({ status: 'ok', value: { exists: true, enabled: false, activeProfiles: ['Domain'] } });
  });

  it('the German machine with Office LTSC 2021: Office beside Windows, and the diagnosis names Office and offers only Office fixes', () => {
    const windows = windowsFactsOf('de-win10-ent-office');
    expect(windows.office).toMatchObject({ status: 'ok', value: { products: [{ licenseFamily: 'Office21ProPlus2021VL_KMS_Client_AE', partialProductKey: '6F7TH', licenseStatus: 5, licenseStatusReason: 0xc004f074, kmsMachine: null }] } });
    const diagnosis = diagnose({ ...healthySnapshot(), windows });
    expect(diagnosis.verdict.kind).toBe('activated');
    const top = diagnosis.findings[0]!;
    expect(top).toMatchObject({ id: 'office-kms-host-mismatch', product: 'office', fixes: [{ fixId: 'office-set-kms-host', inputs: { host: 'kms01.firma.example:1688' } }] });
    expect(diagnosis.findings.find((f) => f.id === 'office-activation-error')?.product).toBe('office');
    expect(diagnosis.findings.filter((f) => f.product === 'office').flatMap((f) => f.fixes.map((x) => x.fixId)).every((id) => id.startsWith('office-'))).toBe(true);
  });

  it('the German OEM machine: Microsoft 365 Apps, nothing for KMS to do', () => {
    const diagnosis = diagnose({ ...healthySnapshot(), windows: windowsFactsOf('de-win10-pro-oem') });
    expect(diagnosis.findings.find((f) => f.id === 'office-microsoft-365-apps')).toMatchObject({ product: 'office', severity: 'info', fixes: [] });
  });

  it('the KMS client: the KMS host it discovered and the 12288 events', () => {
    const windows = windowsFactsOf('ws2019-kms-client');
    expect(windows.firewall).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
    expect(windows.events.status).toBe('ok');
  });
});

describe.each(['de-win10-pro-oem', 'ws2012r2-kms-host'])('the collector script run by pwsh on %s', (machine) => {
  it('writes a file that becomes a valid snapshot with every Windows fact read', () => {
    const document = CollectorDocumentSchema.parse(JSON.parse(readFileSync(join(outputDir, `collector-${machine}.json`), 'utf8')));
    const converted = collectorToSnapshot(document);
    if (!converted.ok) throw new Error(converted.message);
    for (const [key, fact] of Object.entries(converted.snapshot.windows)) {
      // A fact that does not concern this machine (the firewall rule off a KMS host) says so.
      if (fact.status === 'unavailable') expect(fact.reason, `${key}: ${fact.detail}`).toBe('not-applicable');
      else expect(fact.status, key).toBe('ok');
    }
    expect(converted.snapshot.collector.kind).toBe('collector-script');
  });
});

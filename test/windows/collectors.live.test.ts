/**
 * Live check on Windows (windows.yml): every collector script run for real under Windows
 * PowerShell 5.1, its output validated by the same raw schema, parse function and snapshot schema
 * the app uses; then the same through the PowerShell runner and the CLI. Each script's raw output
 * is saved to test-results/windows-collectors/ so it can become a fixture.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ElevationSchema,
  EventFactsSchema,
  FirewallRuleSchema,
  LicensingFactsSchema,
  NetworkConfigSchema,
  OsFactsSchema,
  ServicesFactsSchema,
  WindowsFactsSchema,
  parseSnapshotJson,
  type Fact,
} from '../../shared/snapshot';
import { reportedError } from '../../main/powershell/output';
import { createPowerShellRunner } from '../../main/powershell/runner';
import type { CollectorSpec } from '../../main/probes/windows/collector';
import { elevationCollector } from '../../main/probes/windows/elevation';
import { eventsCollector } from '../../main/probes/windows/events';
import { firewallCollector } from '../../main/probes/windows/firewall';
import { createWindowsCollectors } from '../../main/probes/windows/index';
import { WINDOWS_PROBES } from '../../main/probes/windows/registry';
import { licensingCollector } from '../../main/probes/windows/licensing';
import { networkConfigCollector } from '../../main/probes/windows/network-config';
import { osCollector } from '../../main/probes/windows/os';
import { servicesCollector } from '../../main/probes/windows/services';

const REPO = resolve(__dirname, '../..');
const SCRIPTS = join(REPO, 'main', 'probes', 'windows');
const OUTPUT = join(REPO, 'test-results', 'windows-collectors');
const POWERSHELL = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

function powershell(args: string[]): string {
  return execFileSync(POWERSHELL, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', ...args], { encoding: 'utf8', timeout: 90_000, windowsHide: true });
}

const check =
  <Raw extends z.ZodType, T>(spec: CollectorSpec<Raw, T>, snapshot: (value: T) => unknown) =>
  (json: unknown) =>
    snapshot(spec.value.parse(spec.parse(spec.raw.parse(json))));

const COLLECTORS: [string, (json: unknown) => unknown][] = [
  ['os', check(osCollector, (v) => OsFactsSchema.parse(v))],
  ['licensing', check(licensingCollector, (v) => LicensingFactsSchema.parse(v))],
  ['network-config', check(networkConfigCollector, (v) => NetworkConfigSchema.parse(v))],
  ['services', check(servicesCollector, (v) => ServicesFactsSchema.parse(v))],
  ['events', check(eventsCollector, (v) => EventFactsSchema.parse(v))],
  ['elevation', check(elevationCollector, (v) => ElevationSchema.parse(v))],
  ['firewall', check(firewallCollector, (v) => FirewallRuleSchema.parse(v.rule))],
];

beforeAll(() => {
  if (process.platform !== 'win32') throw new Error('these tests run real Windows PowerShell 5.1: run them on Windows (windows.yml)');
  mkdirSync(OUTPUT, { recursive: true });
});

describe('Windows PowerShell', () => {
  it('is version 5.1', () => {
    expect(powershell(['-Command', '$PSVersionTable.PSVersion.ToString()']).trim()).toMatch(/^5\.1\./);
  });
});

describe.each(COLLECTORS)('%s.ps1 run with -File', (name, validate) => {
  it('prints one JSON document that the app reads into a valid snapshot value', () => {
    const stdout = powershell(['-File', join(SCRIPTS, `${name}.ps1`)]);
    writeFileSync(join(OUTPUT, `${name}.json`), stdout);
    const json: unknown = JSON.parse(stdout.replace(/^\uFEFF/, ''));
    expect(reportedError(json), `${name}.ps1 reported an error`).toBeNull();
    expect(() => validate(json)).not.toThrow();
  });
});

describe('through the PowerShell runner', () => {
  it('collects every Windows fact in one long-lived session', async () => {
    const runner = createPowerShellRunner({ scriptsDir: SCRIPTS });
    try {
      const collectors = createWindowsCollectors(runner, { platform: 'win32' });
      const ctx = {
        signal: new AbortController().signal,
        timeoutMs: 60_000,
        options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
      };
      // Every registered probe, one after another (the runner runs one script at a time).
      const facts: Record<string, Fact<unknown>> = {};
      for (const probe of WINDOWS_PROBES) facts[probe.key] = await collectors[probe.key](ctx);
      writeFileSync(join(OUTPUT, 'windows-facts.json'), JSON.stringify(facts, null, 2));
      expect(WindowsFactsSchema.parse(facts)).toEqual(facts);
      for (const [name, fact] of Object.entries(facts)) {
        if (name === 'firewall' && fact.status === 'unavailable') expect(fact.reason, JSON.stringify(fact)).toBe('not-applicable');
        else expect(fact.status, `${name}: ${JSON.stringify(fact)}`).toBe('ok');
      }
    } finally {
      await runner.dispose();
    }
  });
});

describe('activation-doctor snapshot --json', () => {
  it('prints a valid snapshot with the Windows facts read', () => {
    const stdout = execFileSync(process.execPath, [join(REPO, 'bin', 'activation-doctor.cjs'), 'snapshot', '--json'], { cwd: REPO, encoding: 'utf8', timeout: 110_000 });
    const parsed = parseSnapshotJson(stdout);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.snapshot.windows.os.status).toBe('ok');
    expect(parsed.snapshot.windows.licensing.status).toBe('ok');
  });
});

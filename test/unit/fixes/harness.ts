/**
 * Runs fixes through the real engine and the real PowerShell runner against a fake shell (the
 * true boundary), and exposes what the shell received.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPowerShellRunner, type PowerShellRunner } from '../../../main/powershell/runner';
import { AuditLog } from '../../../main/fixes/audit-log';
import { FixEngine } from '../../../main/fixes/engine';
import type { FixState } from '../../../main/fixes/types';
import type { Snapshot } from '../../../shared/snapshot';
import { baseOs, baseProduct, baseService, baseServices, healthySnapshot, officeKmsClient } from '../../support/snapshot-builder';

export const FIX_SCRIPTS_DIR = resolve('main/fixes/windows');
export const FAKE_SHELL = resolve('test/fixtures/powershell/fake-fix-shell.mjs');

export interface Invocation {
  script: string;
  params: Record<string, unknown>;
  key: string;
}

export interface Harness {
  engine: FixEngine;
  runner: PowerShellRunner;
  audit: AuditLog;
  /** Every script invocation the fake shell received, with decoded parameters. */
  invocations(): Invocation[];
  /** Every raw line written to the shell's stdin. */
  lines(): string[];
  sleeps: number[];
  dispose(): Promise<void>;
}

export function defaultState(): FixState {
  return {
    elevated: true,
    os: baseOs(),
    licensing: { products: [{ ...baseProduct(), licenseStatus: 2, licenseStatusReason: 0xc004f074 }], service: baseService() },
    services: baseServices(),
    // Office LTSC 2021 (KMS client) not activated: 0xC004F074.
    office: (() => {
      const office = officeKmsClient();
      office.products[0] = { ...office.products[0]!, licenseStatus: 5, licenseStatusReason: 0xc004f074, discoveredKmsMachineName: null, kmsHostProductKeyId: null };
      return office;
    })(),
    snapshot: null,
  };
}

export function createHarness(options: { scenario?: Record<string, unknown[]>; state?: () => FixState; recheck?: (previous: Snapshot | null) => Snapshot | Promise<Snapshot> } = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'ad-fix-'));
  const log = join(dir, 'shell.jsonl');
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(options.scenario ?? {}));
  process.env.NODE_POWERSHELL = FAKE_SHELL;
  process.env.FAKE_PS_LOG = log;
  process.env.FAKE_FIX_SCENARIO = scenarioFile;
  const runner = createPowerShellRunner({ scriptsDir: FIX_SCRIPTS_DIR, startTimeoutMs: 10_000 });
  const audit = new AuditLog(join(dir, 'audit.jsonl'));
  const sleeps: number[] = [];
  const engine = new FixEngine({
    runner,
    audit,
    readState: async () => (options.state ?? defaultState)(),
    recheck: async (_probes, previous) => (options.recheck ? options.recheck(previous) : healthySnapshot()),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const entries = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : []);
  return {
    engine,
    runner,
    audit,
    invocations: () => entries().filter((e) => e.type === 'invoke') as unknown as Invocation[],
    lines: () => entries().filter((e) => e.type === 'line').map((e) => String(e.line)),
    sleeps,
    dispose: async () => {
      await runner.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, defaultAuditLogPath, redactKeys } from '../../../main/fixes/audit-log';
import { createHarness, FAKE_SHELL, FIX_SCRIPTS_DIR, type Harness } from './harness';

const MAK = 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y';
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('audit log', () => {
  it('records the state before and after each fix, with inputs and commands, never a full key', async () => {
    harness = createHarness();
    const outcome = await harness.engine.run('install-key-and-activate', { key: MAK.toLowerCase() }, { confirmed: true });
    expect(outcome.status).toBe('succeeded');
    const records = harness.audit.read();
    expect(records.map((r) => r.event)).toEqual(['before', 'after']);
    const [before, after] = records;
    expect(before).toMatchObject({ fixId: 'install-key-and-activate', inputs: { key: '*****-*****-*****-*****-6DG3Y' }, state: { licenseStatus: 'OOBGrace', partialProductKey: 'J464C' } });
    expect(after).toMatchObject({ runId: before!.runId, result: { status: 'succeeded' }, problemGone: true });
    const text = readFileSync(harness.audit.path, 'utf8');
    expect(text).not.toContain('B89J2');
    expect(text).not.toMatch(/N69G4-?B89J2/i);
  });

  it('redacts any 25-character key a caller might pass, with or without dashes', () => {
    expect(redactKeys(`key ${MAK} and ${MAK.replace(/-/g, '').toLowerCase()}`)).toBe('key *****-*****-*****-*****-6DG3Y and *****-*****-*****-*****-6DG3Y');
    expect(redactKeys('cmid f9d4e20a-cb8f-4050-9c0c-56420455ada1 epid 06401-00206-491-411285-03-1031-9600.0000-0802017')).toContain('f9d4e20a-cb8f-4050-9c0c-56420455ada1');
  });

  it('lives under %ProgramData%\\ActivationDoctor on Windows and can be configured', () => {
    expect(defaultAuditLogPath({ ProgramData: 'C:\\ProgramData' }, 'win32')).toBe(join('C:\\ProgramData', 'ActivationDoctor', 'audit.jsonl'));
    expect(defaultAuditLogPath({ AD_AUDIT_LOG: '/tmp/x.jsonl' }, 'win32')).toBe('/tmp/x.jsonl');
  });

  it('skips a torn last line instead of failing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ad-audit-')), 'audit.jsonl');
    const log = new AuditLog(path);
    log.append({ event: 'before', time: 'now', runId: 'r1', fixId: 'activate', inputs: {}, commands: [], override: false, state: null });
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"event":"after","ti`);
    expect(log.read()).toHaveLength(1);
  });

  it('survives a crash mid-fix: the "before" record is on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-crash-'));
    const bundle = join(dir, 'child.cjs');
    buildSync({ entryPoints: [resolve('test/fixtures/fixes/crash-mid-fix.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, external: ['node-powershell'], logLevel: 'silent', nodePaths: [resolve('node_modules')] });
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify({ 'fix-licensing:install-product-key': [{ $hang: true }] }));
    const auditPath = join(dir, 'audit.jsonl');
    const child = spawn(process.execPath, [bundle, FIX_SCRIPTS_DIR, auditPath], {
      env: { ...process.env, NODE_POWERSHELL: FAKE_SHELL, FAKE_FIX_SCENARIO: scenario, FAKE_PS_LOG: join(dir, 'shell.jsonl'), NODE_PATH: resolve('node_modules') },
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 15_000;
      while (!(existsSync(join(dir, 'shell.jsonl')) && readFileSync(join(dir, 'shell.jsonl'), 'utf8').includes('install-product-key'))) {
        if (Date.now() > deadline) throw new Error('the child never reached the PowerShell step');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const records = new AuditLog(auditPath).read();
    expect(records.map((r) => r.event)).toEqual(['before']);
    expect(records[0]).toMatchObject({ fixId: 'install-key-and-activate', inputs: { key: '*****-*****-*****-*****-6DG3Y' } });
    expect(readFileSync(auditPath, 'utf8')).not.toContain('B89J2');
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, defaultAuditLogPath, redactKeys, type AuditRecord } from '../../../main/fixes/audit-log';
import { windowsAuditFolderGuard } from '../../../main/fixes/audit-folder';
import type { PowerShellRunner } from '../../../main/powershell/runner';
import { renderHtmlReport } from '../../../shared/report';
import { healthySnapshot } from '../../support/snapshot-builder';
import { diagnose } from '../../../shared/diagnosis';
import { createHarness, FAKE_SHELL, FIX_SCRIPTS_DIR, type Harness } from './harness';

const MAK = 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y';
const RUN = '6f1c1f9e-2b1a-4c1e-9d57-0c8a2f3b4d5e';
const BEFORE: AuditRecord = { event: 'before', time: '2026-12-07T08:00:00.000Z', runId: RUN, fixId: 'activate', inputs: {}, commands: ['slmgr.vbs /ato'], override: false, state: null };
const AFTER: AuditRecord = { event: 'after', time: '2026-12-07T08:00:05.000Z', runId: RUN, fixId: 'activate', result: { status: 'succeeded', code: null, message: 'Activated.' }, state: null, problemGone: true };
const privateDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
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
    const text = readFileSync(harness.audit.path!, 'utf8');
    expect(text).not.toContain('BC8HF');
    expect(text).not.toMatch(/TQ7W3-?BC8HF/i);
  });

  it('redacts any 25-character key a caller might pass, with or without dashes', () => {
    expect(redactKeys(`key ${MAK} and ${MAK.replace(/-/g, '').toLowerCase()}`)).toBe('key *****-*****-*****-*****-6DG3Y and *****-*****-*****-*****-6DG3Y');
    expect(redactKeys('cmid f9d4e20a-cb8f-4050-9c0c-56420455ada1 epid 06401-00206-491-411285-03-1031-9600.0000-0802017')).toContain('f9d4e20a-cb8f-4050-9c0c-56420455ada1');
  });

  it('on Windows lives where Windows says (never where ProgramData points); AD_AUDIT_LOG only outside packaged builds', () => {
    expect(defaultAuditLogPath({ ProgramData: 'C:\\Users\\mallory\\fake' }, 'win32')).toBeNull();
    expect(defaultAuditLogPath({ ProgramData: 'C:\\Users\\mallory\\fake' }, 'win32', true)).toBeNull();
    expect(defaultAuditLogPath({ AD_AUDIT_LOG: '/tmp/x.jsonl' }, 'win32')).toBe('/tmp/x.jsonl');
    expect(defaultAuditLogPath({ AD_AUDIT_LOG: 'C:\\Users\\mallory\\x.jsonl' }, 'win32', true)).toBeNull();
    expect(defaultAuditLogPath({ AD_AUDIT_LOG: '/tmp/x.jsonl', HOME: '/home/tech' }, 'linux', true)).toBe('/home/tech/.local/state/activation-doctor/audit.jsonl');
  });

  it('skips a torn last line instead of failing, and does not count it as forged', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ad-audit-')), 'audit.jsonl');
    const log = new AuditLog(path);
    await log.append(BEFORE);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"event":"after","ti`);
    expect(log.readChecked()).toEqual({ records: [BEFORE], rejected: 0, truncated: false });
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
    expect(readFileSync(auditPath, 'utf8')).not.toContain('BC8HF');
  }, 30_000);
});

describe('audit log against a standard user on the same machine (Linux equivalents)', () => {
  it('refuses a planted symbolic link instead of writing through it, and the fix does not run', async () => {
    const dir = privateDir('ad-audit-link-');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'audit.jsonl'));
    const log = new AuditLog(join(dir, 'audit.jsonl'));
    await expect(log.append(BEFORE)).rejects.toThrow(/cannot be used: it is a link to another file/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(() => log.read()).toThrow(/link/);

    harness = createHarness();
    const engine = new (await import('../../../main/fixes/engine')).FixEngine({ runner: harness.runner, audit: log, readState: async () => (await import('./harness')).defaultState(), recheck: async () => healthySnapshot() });
    const outcome = await engine.run('sync-time', {}, { confirmed: true });
    expect(outcome).toMatchObject({ status: 'refused', message: expect.stringMatching(/^Nothing was changed: the audit log cannot be written/) });
    expect(harness.invocations().filter((i) => i.script === 'fix-time')).toEqual([]);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  }, 30_000);

  it('refuses a folder that is a link, or that other users may write to', async () => {
    const dir = privateDir('ad-audit-dir-');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, join(dir, 'linked'));
    await expect(new AuditLog(join(dir, 'linked', 'audit.jsonl')).append(BEFORE)).rejects.toThrow(/symbolic link to another place/);
    expect(existsSync(join(elsewhere, 'audit.jsonl'))).toBe(false);

    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    await expect(new AuditLog(join(open, 'audit.jsonl')).append(BEFORE)).rejects.toThrow(/other users may write to it/);
  });

  it('refuses a log file hard-linked to another file', async () => {
    const dir = privateDir('ad-audit-hard-');
    writeFileSync(join(dir, 'victim.txt'), '');
    linkSync(join(dir, 'victim.txt'), join(dir, 'audit.jsonl'));
    await expect(new AuditLog(join(dir, 'audit.jsonl')).append(BEFORE)).rejects.toThrow(/second name \(a hard link\)/);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('');
  });

  it('reports forged or edited records as such and never shows them as fixes applied', async () => {
    const path = join(privateDir('ad-audit-forged-'), 'audit.jsonl');
    const log = new AuditLog(path);
    await log.append(BEFORE);
    await log.append(AFTER);
    const forgedRun = '0b7e3c55-1111-4a4a-8b8b-123456789abc';
    const forged = [
      // A "succeeded" record with a field the app never writes.
      JSON.stringify({ ...AFTER, runId: forgedRun, fixId: 'install-kms-host-key', note: 'trust me' }),
      // A status the app never writes, and a fix that does not exist.
      JSON.stringify({ ...AFTER, runId: forgedRun, result: { status: 'applied', code: null, message: 'KMS host key installed' } }),
      JSON.stringify({ ...AFTER, runId: forgedRun, fixId: 'install-kms-on-everything' }),
      // Not even JSON.
      'Fix applied by administrator',
    ];
    writeFileSync(path, `${readFileSync(path, 'utf8')}${forged.join('\n')}\n`);
    const read = log.readChecked();
    expect(read).toEqual({ records: [BEFORE, AFTER], rejected: 4, truncated: false });

    const snapshot = healthySnapshot();
    const html = renderHtmlReport({ snapshot, diagnosis: diagnose(snapshot), audit: read.records, auditRejected: read.rejected, generatedAt: '2026-12-07T09:00:00.000Z', appVersion: '1.0.0' });
    expect(html).toContain('4 lines of the audit log are not in the form Activation Doctor writes (edited, forged or damaged) and are not shown as fixes applied.');
    expect(html).not.toContain('install-kms-host-key');
    expect(html).not.toContain('KMS host key installed');
    expect(html).not.toContain('trust me');
  });

  it('reads back only the newest part of a huge log', async () => {
    const path = join(privateDir('ad-audit-cap-'), 'audit.jsonl');
    const log = new AuditLog(path, { maxReadBytes: 2000 });
    for (let i = 0; i < 20; i++) await log.append({ ...BEFORE, time: `2026-12-07T08:00:${String(i).padStart(2, '0')}.000Z` });
    const read = log.readChecked();
    expect(read.truncated).toBe(true);
    expect(read.rejected).toBe(0);
    expect(read.records.length).toBeGreaterThan(3);
    expect(read.records.length).toBeLessThan(20);
    expect(read.records.at(-1)?.time).toBe('2026-12-07T08:00:19.000Z');
  });

  it('on Windows asks the PowerShell folder check before every write and writes where it says', async () => {
    const folder = privateDir('ad-audit-win-');
    const asked: unknown[] = [];
    const runner = {
      invoke: async (script: string, params: unknown) => {
        asked.push([script, params]);
        return { ok: true, data: { folder, created: asked.length === 1, repaired: false } };
      },
      dispose: async () => {},
    } as unknown as PowerShellRunner;
    const log = new AuditLog(null, { platform: 'win32', guard: windowsAuditFolderGuard(runner) });
    expect(log.path).toBeNull();
    await log.append(BEFORE);
    await log.append(AFTER);
    expect(asked).toEqual([
      ['audit-folder', { folder: null }],
      ['audit-folder', { folder: null }],
    ]);
    expect(log.path).toBe(join(folder, 'audit.jsonl'));
    expect(log.read()).toEqual([BEFORE, AFTER]);
  });

  it('on Windows writes nothing when the folder check refuses, or when no check is wired in', async () => {
    const refusing = { invoke: async () => Promise.reject(new Error('audit-folder.ps1 reported access-denied: The audit log folder C:\\ProgramData\\ActivationDoctor cannot be trusted: it is owned by S-1-5-21-1-2-3-1001')), dispose: async () => {} } as unknown as PowerShellRunner;
    await expect(new AuditLog(null, { platform: 'win32', guard: windowsAuditFolderGuard(refusing) }).append(BEFORE)).rejects.toThrow(/cannot be trusted: it is owned by S-1-5-21/);
    await expect(new AuditLog(join(privateDir('ad-audit-noguard-'), 'audit.jsonl'), { platform: 'win32' }).append(BEFORE)).rejects.toThrow(/cannot be checked/);
  });
});

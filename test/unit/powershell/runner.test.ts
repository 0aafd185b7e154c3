import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SESSION_INIT_COMMAND } from '../../../main/powershell/command';
import { failure } from '../../support/powershell-failure';
import { createPowerShellRunner, type PowerShellRunner } from '../../../main/powershell/runner';
import { FAKE_SCRIPTS, FAKE_SHELL, createFakeShellLog, isRunning, waitFor, type FakeShellLog } from './fake-shell';

const Answer = z.object({ answer: z.number(), text: z.string() });
const AnyAnswer = z.object({ answer: z.number() });
const Echo = z.object({ received: z.unknown() });
const run = { timeoutMs: 5000 };

let log: FakeShellLog;
let runner: PowerShellRunner;

beforeEach(() => {
  log = createFakeShellLog();
  vi.stubEnv('NODE_POWERSHELL', FAKE_SHELL);
  vi.stubEnv('FAKE_PS_LOG', log.file);
  runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS });
});

afterEach(async () => {
  await runner.dispose();
  vi.unstubAllEnvs();
});

describe('a successful run', () => {
  it('starts one shell lazily with the documented options and returns the validated JSON', async () => {
    expect(log.starts()).toHaveLength(0);
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toEqual({ answer: 42, text: 'Grüße aus Köln' });
    const [start, ...others] = log.starts();
    expect(others).toHaveLength(0);
    expect(start?.argv).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-NoExit', '-Command', '-']);
    expect(start?.cwd).toBe(FAKE_SCRIPTS);
  });

  it('prepares the session once, then sends only the script invocation', async () => {
    await runner.invoke('ok', {}, Answer, run);
    await runner.invoke('echo', { n: 1 }, Echo, run);
    const lines = log.commands().map((c) => c.line);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(SESSION_INIT_COMMAND);
    expect(lines[1]).toBe(`& '${join(FAKE_SCRIPTS, 'ok.ps1')}' -ArgsBase64 'e30='`);
    expect(lines[2]).toMatch(new RegExp(`^& '${join(FAKE_SCRIPTS, 'echo.ps1')}' -ArgsBase64 '[A-Za-z0-9+/=]+'$`));
    expect(log.starts()).toHaveLength(1);
  });

  it('runs invocations one at a time, in order', async () => {
    const results = await Promise.all([1, 2, 3].map((n) => runner.invoke('slow', { n }, AnyAnswer, run)));
    expect(results.map((r) => r.answer)).toEqual([1, 2, 3]);
    const entries = log.entries().filter((e) => (e.type === 'line' || e.type === 'done') && e.line.startsWith('& '));
    // Each script command reaches the shell only after the previous one has finished.
    expect(entries.map((e) => e.type)).toEqual(['line', 'done', 'line', 'done', 'line', 'done']);
  });
});

describe('failures', () => {
  it('reports stderr output as a script error and keeps the shell', async () => {
    const error = await failure(runner.invoke('stderr', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'script-error', script: 'stderr', reported: null });
    expect(error.failure.kind === 'script-error' && error.failure.stderr).toContain('Zugriff verweigert');
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    expect(log.starts()).toHaveLength(1);
  });

  it('times out a hanging script, ends that shell and recovers with a fresh one', async () => {
    const started = Date.now();
    const error = await failure(runner.invoke('hang', {}, Answer, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.failure).toMatchObject({ kind: 'timeout', phase: 'run', timeoutMs: 300, script: 'hang' });
    expect(error.message).toMatch(/did not finish within 0\.3 s; PowerShell was stopped and restarts with the next check/);
    const [first] = log.starts();
    expect(first).toBeDefined();
    expect(await waitFor(() => !isRunning(first?.pid ?? 0))).toBe(true);

    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    const starts = log.starts();
    expect(starts).toHaveLength(2);
    expect(starts[1]?.pid).not.toBe(first?.pid);
  });

  it('reports a crash with its exit code and restarts on the next call', async () => {
    const error = await failure(runner.invoke('crash', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'crashed', exitCode: 3, script: 'crash' });
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    expect(log.starts()).toHaveLength(2);
  });

  it('treats a shell that exits cleanly in the middle of a script as a crash', async () => {
    const error = await failure(runner.invoke('exit-quietly', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'crashed', exitCode: null });
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
  });

  it('restarts transparently when the shell died while idle', async () => {
    await runner.invoke('ok', {}, Answer, run);
    const [first] = log.starts();
    process.kill(first?.pid ?? 0, 'SIGKILL');
    expect(await waitFor(() => !isRunning(first?.pid ?? 0))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    expect(log.starts()).toHaveLength(2);
  });

  it('reports output that is not JSON, with an excerpt', async () => {
    const error = await failure(runner.invoke('garbage', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'non-json', script: 'garbage' });
    expect(error.message).toContain('WARNING: Die Ausgabe ist kein JSON');
    expect((await failure(runner.invoke('empty', {}, Answer, run))).failure).toMatchObject({ kind: 'non-json', excerpt: '' });
    expect(log.starts()).toHaveLength(1);
  });

  it('reports JSON that fails the caller schema, naming the field', async () => {
    const error = await failure(runner.invoke('invalid', {}, AnyAnswer, run));
    expect(error.failure).toMatchObject({ kind: 'invalid-output', path: 'answer' });
  });

  it('passes a script-reported error through with its unsigned HRESULT', async () => {
    const error = await failure(runner.invoke('access-denied', {}, Answer, run));
    expect(error.failure).toMatchObject({
      kind: 'script-error',
      reported: { kind: 'access-denied', hresult: 0x80070005, errorId: 'UnauthorizedAccess,Get-CimInstance', category: 'PermissionDenied' },
    });
    expect(error.message).toContain('(0x80070005)');
  });

  it('maps a script-reported not-elevated error to its own kind', async () => {
    expect((await failure(runner.invoke('not-elevated', {}, Answer, run))).kind).toBe('not-elevated');
  });

  it('keeps a shell whose start-up line wrote an error (no console to set the encoding on)', async () => {
    vi.stubEnv('FAKE_PS_INIT_STDERR', '1');
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    expect(log.starts()).toHaveLength(1);
  });

  it('times out a shell that does not start', async () => {
    const slowStart = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, startTimeoutMs: 1 });
    try {
      const error = await failure(slowStart.invoke('ok', {}, Answer, run));
      expect(error.failure).toMatchObject({ kind: 'timeout', phase: 'start' });
    } finally {
      await slowStart.dispose();
    }
  });
});

describe('a missing PowerShell', () => {
  it('gives powershell-missing without an unhandled rejection, every time', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      vi.stubEnv('NODE_POWERSHELL', '/nonexistent/WindowsPowerShell/powershell.exe');
      const missing = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS });
      const first = await failure(missing.invoke('ok', {}, Answer, run));
      expect(first.failure).toMatchObject({ kind: 'powershell-missing', executable: '/nonexistent/WindowsPowerShell/powershell.exe' });
      expect(first.message).toMatch(/could not be started .*ENOENT/);
      expect((await failure(missing.invoke('ok', {}, Answer, run))).kind).toBe('powershell-missing');
      await missing.dispose();
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('gives powershell-missing when the file exists but cannot be executed', async () => {
    vi.stubEnv('NODE_POWERSHELL', join(FAKE_SCRIPTS, 'ok.ps1'));
    const error = await failure(runner.invoke('ok', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'powershell-missing' });
    expect(error.message).toContain('EACCES');
  });
});

describe('cancellation and shutdown', () => {
  it('does not start anything for a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(runner.invoke('ok', {}, Answer, { ...run, signal: controller.signal }))).kind).toBe('cancelled');
    expect(log.starts()).toHaveLength(0);
  });

  it('rejects a queued invocation at once when aborted, and never sends it', async () => {
    const controller = new AbortController();
    const slow = runner.invoke('slow', { n: 1 }, AnyAnswer, run);
    const queued = runner.invoke('echo', { marker: 'never-sent' }, Echo, { ...run, signal: controller.signal });
    controller.abort();
    expect((await failure(queued)).kind).toBe('cancelled');
    await expect(slow).resolves.toEqual({ answer: 1 });
    await runner.invoke('ok', {}, Answer, run);
    expect(log.commands().filter((c) => c.line.includes('echo.ps1'))).toHaveLength(0);
  });

  it('ends the shell when a running script is aborted, then recovers', async () => {
    const controller = new AbortController();
    const pending = runner.invoke('hang', {}, Answer, { timeoutMs: 10_000, signal: controller.signal });
    expect(await waitFor(() => log.commands().some((c) => c.line.includes('hang.ps1')))).toBe(true);
    controller.abort();
    expect((await failure(pending)).kind).toBe('cancelled');
    await expect(runner.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
    expect(log.starts()).toHaveLength(2);
  });

  it('ends the shell on dispose and refuses later work', async () => {
    await runner.invoke('ok', {}, Answer, run);
    const pid = log.starts()[0]?.pid ?? 0;
    await runner.dispose();
    expect(await waitFor(() => !isRunning(pid))).toBe(true);
    expect((await failure(runner.invoke('ok', {}, Answer, run))).kind).toBe('cancelled');
  });
});

describe('what may be run', () => {
  it.each(['../ok', 'ok.ps1', 'OK', 'scripts/ok', 'ok;calc', '', 'missing'])('refuses %j without starting a shell', async (name) => {
    const error = await failure(runner.invoke(name, {}, Answer, run));
    expect(error.kind).toBe('script-error');
    expect(log.starts()).toHaveLength(0);
  });

  it('refuses a script that links outside the scripts folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ad-scripts-'));
    const outside = join(mkdtempSync(join(tmpdir(), 'ad-outside-')), 'evil.ps1');
    writeFileSync(outside, '# not ours\n');
    symlinkSync(outside, join(dir, 'ok.ps1'));
    const linked = createPowerShellRunner({ scriptsDir: dir });
    const error = await failure(linked.invoke('ok', {}, Answer, run));
    expect(error.message).toMatch(/resolves outside the scripts folder/);
    expect(log.starts()).toHaveLength(0);
  });

  const copyScripts = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(FAKE_SCRIPTS)) copyFileSync(join(FAKE_SCRIPTS, file), join(dir, file));
    return dir;
  };

  it("quotes an apostrophe in the scripts folder as ''", async () => {
    const dir = copyScripts(join(mkdtempSync(join(tmpdir(), 'ad-')), "O'Brien's tools"));
    const quoted = createPowerShellRunner({ scriptsDir: dir });
    try {
      await expect(quoted.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
      expect(log.commands().at(-1)?.line).toBe(`& '${dir.replace(/'/g, "''")}/ok.ps1' -ArgsBase64 'e30='`);
    } finally {
      await quoted.dispose();
    }
  });

  it('runs a script from a non-ASCII folder through the working directory, keeping stdin ASCII', async () => {
    const dir = copyScripts(join(mkdtempSync(join(tmpdir(), 'ad-')), 'Jürgen’s Programme'));
    const local = createPowerShellRunner({ scriptsDir: dir });
    try {
      await expect(local.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
      expect(log.commands().at(-1)?.line).toBe("& '.\\ok.ps1' -ArgsBase64 'e30='");
      expect(log.starts()[0]?.cwd).toBe(dir);
      expect(log.transcript()).toMatch(/^[\x20-\x7e\n]*$/);
    } finally {
      await local.dispose();
    }
  });
});

describe('hostile parameters', () => {
  const hostile = {
    quotes: `' " '' "" ‘ ’ ‚ ‛ “ ” „`,
    backtick: 'a`nb `$(whoami)` ``',
    subexpression: '$(Remove-Item C:\\ -Recurse) ${env:PATH} @(calc)',
    separators: 'kms1; calc.exe | Out-Null & notepad && whoami || exit',
    lines: 'line1\nline2\r\nline3\rline4\u2028line5\u2029line6\u0085',
    nul: 'before\u0000after',
    lookalikes: '＄（whoami）；｜＆ ˋ ‐ – — ʼ ′ ‵',
    bidi: 'kms\u202Eexe.cmd\u202C',
    surrogate: 'emoji 🔑 lone \ud800 end',
    nested: { list: ['-ArgsBase64', "' ; calc ; '", null, true, 1688, -1.5], deeper: { key: '</Data>]]>' } },
  };
  const forbidden = ['whoami', 'calc', 'notepad', 'Remove-Item', '`', '$(', '${', '|', '\u0000', '\r', '’', '＄', '\u202E', 'line2', '</Data>'];

  it('reaches the script as inert base64 data and decodes to the original values', async () => {
    const result = await runner.invoke('echo', hostile, Echo, run);
    expect(result.received).toEqual(hostile);

    const sent = log.commands().find((c) => c.line.includes('echo.ps1'))?.line ?? '';
    const match = /^& '([^']+)' -ArgsBase64 '([A-Za-z0-9+/=]+)'$/.exec(sent);
    expect(match?.[1]).toBe(join(FAKE_SCRIPTS, 'echo.ps1'));
    const blob = match?.[2] ?? '';
    expect(JSON.parse(Buffer.from(blob, 'base64').toString('utf8'))).toEqual(hostile);

    const transcript = log.transcript();
    for (const text of forbidden) expect(transcript).not.toContain(text);
    // Apart from node-powershell's delimiter lines, stdin held the start-up line and this one command.
    expect(log.commands().map((c) => c.line)).toEqual([SESSION_INIT_COMMAND, sent]);
  });
});

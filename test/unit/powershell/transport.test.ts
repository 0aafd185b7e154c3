/**
 * The transport under Windows' line ends. powershell.exe ends lines with CRLF, and on a busy pipe
 * (typically stderr, where nothing is written between the delimiters) a frame's opening and closing
 * delimiters arrive in one read. child-shell 5.0.0 then looked for the closing delimiter only in the
 * last `delimiter.length + 1` bytes, missed it by the CR, and the invocation never settled.
 * patches/child-shell+5.0.0.patch (applied by `npm ci` through patch-package) fixes it; without the
 * patch these tests fail within a few seconds with a message that names it, instead of hanging.
 */
import { PowerShell } from 'node-powershell';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SESSION_INIT_COMMAND, buildScriptCommand, encodeParams, resolveScript } from '../../../main/powershell/command';
import { isPowerShellError } from '../../../main/powershell/errors';
import { createPowerShellRunner, type PowerShellRunner } from '../../../main/powershell/runner';
import { FAKE_SCRIPTS, FAKE_SHELL, createFakeShellLog, type FakeShellLog } from './fake-shell';

const PATCH_HINT = 'node-powershell did not settle on a CRLF frame that arrived in one read: is patches/child-shell+5.0.0.patch applied (npm ci runs patch-package)?';
const SETTLE_MS = 4000;

/** The promise, or a clear failure after SETTLE_MS instead of a hang. */
function withinDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${PATCH_HINT} (${what}, ${SETTLE_MS} ms)`)), SETTLE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const Answer = z.object({ answer: z.number(), text: z.string() });
let log: FakeShellLog;

beforeEach(() => {
  log = createFakeShellLog();
  vi.stubEnv('NODE_POWERSHELL', FAKE_SHELL);
  vi.stubEnv('FAKE_PS_LOG', log.file);
  vi.stubEnv('FAKE_PS_CRLF_SINGLE_WRITE', '1');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('node-powershell with CRLF frames written in one piece', () => {
  let shell: PowerShell;
  beforeEach(() => {
    shell = new PowerShell({ executableOptions: { '-NoProfile': true } });
  });
  afterEach(async () => {
    await shell.dispose().catch(() => undefined);
  });

  it('settles a command whose stdout and stderr frames each arrive in a single write', async () => {
    // Start-up line: no output, so stderr and stdout each carry "<d>\r\n<d>\r\n" in one write.
    const init = await withinDeadline(shell.invoke(SESSION_INIT_COMMAND), 'empty frames');
    expect(init.hadErrors).toBe(false);
    expect(init.raw).toBe('');

    const command = buildScriptCommand(resolveScript(FAKE_SCRIPTS, 'ok'), encodeParams({}));
    const ok = await withinDeadline(shell.invoke(command), 'stdout frame with output');
    expect(JSON.parse(ok.raw.replace(/^\uFEFF/, ''))).toEqual({ answer: 42, text: 'Grüße aus Köln' });
    expect(ok.raw).toContain('\r\n');
  });

  it('settles a command whose error output and both stderr delimiters arrive in a single write', async () => {
    const command = buildScriptCommand(resolveScript(FAKE_SCRIPTS, 'stderr'), encodeParams({}));
    const failed = await withinDeadline(
      shell.invoke(command).then(
        () => 'resolved',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
      'stderr frame with output',
    );
    expect(failed).toContain('Zugriff verweigert');
    expect(failed).toContain('PermissionDenied');
  });
});

describe('the runner over CRLF frames written in one piece', () => {
  let runner: PowerShellRunner;
  beforeEach(() => {
    runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, startTimeoutMs: SETTLE_MS });
  });
  afterEach(async () => {
    await runner.dispose();
  });

  it('starts, returns results and reports stderr without waiting for a timeout', async () => {
    const answer = await runner.invoke('ok', {}, Answer, { timeoutMs: SETTLE_MS }).catch((error: unknown) => {
      throw new Error(`${PATCH_HINT}: ${isPowerShellError(error) ? error.message : String(error)}`);
    });
    expect(answer).toEqual({ answer: 42, text: 'Grüße aus Köln' });
    const error = await runner.invoke('stderr', {}, Answer, { timeoutMs: SETTLE_MS }).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isPowerShellError(error) && error.failure).toMatchObject({ kind: 'script-error' });
    expect(log.starts()).toHaveLength(1);
  });
});

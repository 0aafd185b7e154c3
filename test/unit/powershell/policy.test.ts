/**
 * Windows policies that stop PowerShell are named at once, with what to do, instead of being
 * waited out or mistaken for missing administrator rights. The fake shell plays Windows
 * PowerShell 5.1 here (its stderr shapes are 5.1's); test/integration/powershell-real.test.ts
 * proves the language-mode answer against the real pwsh.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { failure } from '../../support/powershell-failure';
import { isExecutionPolicyRefusal } from '../../../main/powershell/policy';
import { createPowerShellRunner, type PowerShellRunner } from '../../../main/powershell/runner';
import { describeFailure } from '../../../main/probes/windows/failure';
import { FAKE_SCRIPTS, FAKE_SHELL, createFakeShellLog, isRunning, waitFor, type FakeShellLog } from './fake-shell';

const Answer = z.object({ answer: z.number() });
const run = { timeoutMs: 5000 };

let log: FakeShellLog;
let runner: PowerShellRunner;

beforeEach(() => {
  log = createFakeShellLog();
  vi.stubEnv('NODE_POWERSHELL', FAKE_SHELL);
  vi.stubEnv('FAKE_PS_LOG', log.file);
});

afterEach(async () => {
  await runner.dispose();
  vi.unstubAllEnvs();
});

describe('Constrained Language Mode', () => {
  beforeEach(() => {
    vi.stubEnv('FAKE_PS_LANGUAGE_MODE', 'ConstrainedLanguage');
    runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, startTimeoutMs: 30_000 });
  });

  it('is answered with its own kind long before the start-up allowance, and the shell is ended', async () => {
    const started = Date.now();
    const error = await failure(runner.invoke('ok', {}, Answer, run));
    // The framing never answers under this mode: without the marker this would take the full 30 s.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.failure).toMatchObject({ kind: 'restricted-language', languageMode: 'ConstrainedLanguage' });
    expect(error.message).toMatch(/^PowerShell is restricted by policy \(ConstrainedLanguage\): /);
    expect(error.message).toMatch(/Running as administrator does not change this/);
    // Allowing a folder cannot help an interactive session; the collector script as an allowed file can.
    expect(error.message).not.toMatch(/to allow Activation Doctor's (installation )?folder/);
    expect(error.message).toMatch(/interactive sessions on this computer to its core language/);
    expect(error.message).toMatch(/run the collector script on this computer as a file your policy allows .*then open the file it writes here/);
    expect(error.message).toMatch(/exemption for this tool/);
    const pid = log.starts()[0]?.pid ?? 0;
    expect(await waitFor(() => !isRunning(pid))).toBe(true);
    // No script was ever sent to a shell that cannot run it.
    expect(log.commands().filter((c) => c.line.startsWith('& '))).toHaveLength(0);
  });

  it('answers the other facts of the same check at once, without starting PowerShell again', async () => {
    await failure(runner.invoke('ok', {}, Answer, run));
    const again = await failure(runner.invoke('echo', {}, Answer, run));
    expect(again.kind).toBe('restricted-language');
    expect(log.starts()).toHaveLength(1);
  });

  it('tries again once the remembered refusal has expired (the policy may have been changed)', async () => {
    const forgetful = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS, policyMemoryMs: 0 });
    try {
      await failure(forgetful.invoke('ok', {}, Answer, run));
      vi.stubEnv('FAKE_PS_LANGUAGE_MODE', 'FullLanguage');
      await expect(forgetful.invoke('ok', {}, Answer, run)).resolves.toMatchObject({ answer: 42 });
      expect(log.starts()).toHaveLength(2);
    } finally {
      await forgetful.dispose();
    }
  });

  it('becomes a "powershell-restricted" fact, never "access-denied" or "run as administrator"', async () => {
    const error = await failure(runner.invoke('ok', {}, Answer, run));
    const described = describeFailure(error, 'the licensing state');
    expect(described.reason).toBe('powershell-restricted');
    expect(described.detail).toMatch(/^Could not read the licensing state: PowerShell is restricted by policy \(ConstrainedLanguage\)/);
    expect(described.detail).not.toMatch(/Start Activation Doctor as administrator/);
  });
});

describe('an execution policy set by Group Policy', () => {
  beforeEach(() => {
    runner = createPowerShellRunner({ scriptsDir: FAKE_SCRIPTS });
  });

  it.each(['disabled', 'unsigned'])('names the policy (%s) and what to do, with its own kind', async (variant) => {
    const error = await failure(runner.invoke('execution-policy', { variant }, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'execution-policy', script: 'execution-policy' });
    expect(error.message).toMatch(/^PowerShell's execution policy does not let Activation Doctor's scripts run \(/);
    expect(error.message).toContain(variant === 'disabled' ? 'running scripts is disabled on this system' : 'is not digitally signed');
    expect(error.message).toContain('Get-ExecutionPolicy -List');
    expect(error.message).toMatch(/running as administrator does not change it/);
    const described = describeFailure(error, 'the licensing state');
    expect(described.reason).toBe('powershell-restricted');
    expect(described.detail).not.toMatch(/denied|Start Activation Doctor as administrator/);
  });

  it('answers the rest of the check with the same refusal instead of running each script into it', async () => {
    await failure(runner.invoke('execution-policy', {}, Answer, run));
    const sent = log.commands().length;
    expect((await failure(runner.invoke('ok', {}, Answer, run))).kind).toBe('execution-policy');
    expect(log.commands()).toHaveLength(sent);
  });

  it('is told from an access-denied error by the exception type, which Windows does not translate', () => {
    expect(isExecutionPolicyRefusal('    + CategoryInfo          : SecurityError: (:) [], PSSecurityException\r\n    + FullyQualifiedErrorId : UnauthorizedAccess')).toBe(true);
    // German 5.1: the sentence is translated, CategoryInfo and FullyQualifiedErrorId are not.
    expect(isExecutionPolicyRefusal('Die Datei "C:\\x.ps1" kann nicht geladen werden, da die Ausführung von Skripts auf diesem System deaktiviert ist.\r\n    + CategoryInfo          : Sicherheitsfehler: (:) [], PSSecurityException\r\n    + FullyQualifiedErrorId : UnauthorizedAccess')).toBe(true);
    expect(isExecutionPolicyRefusal('Get-CimInstance : Zugriff verweigert\r\n    + CategoryInfo          : PermissionDenied: (root\\cimv2:SoftwareLicensingProduct:String) [Get-CimInstance], CimException\r\n    + FullyQualifiedErrorId : HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand')).toBe(false);
    expect(isExecutionPolicyRefusal('Set-Content : Access to the path is denied.\r\n    + CategoryInfo          : PermissionDenied: (C:\\x:String) [Set-Content], UnauthorizedAccessException\r\n    + FullyQualifiedErrorId : GetContentWriterUnauthorizedAccessError,Microsoft.PowerShell.Commands.SetContentCommand')).toBe(false);
  });
});

/**
 * Two Windows policies stop PowerShell before any script of ours runs, and no amount of waiting or
 * "run as administrator" helps. Each is recognised by what is not localized and named with what a
 * technician can do about it.
 */
import { PowerShellError, excerpt } from './errors';

/**
 * AppLocker or WDAC put the session in Constrained Language Mode (or stricter): `[Console]::...`
 * and the other .NET calls that the framing and the scripts use are refused. The app's session is
 * an interactive one (commands typed on stdin), and under an enforced policy every interactive
 * session is constrained: allowing a folder or running elevated cannot change that. Only a script
 * *file* the policy trusts runs in FullLanguage, hence the collector script as the way forward.
 */
export function restrictedLanguageError(languageMode: string): PowerShellError {
  const mode = /^[A-Za-z]{1,40}$/.test(languageMode) ? languageMode : 'restricted';
  return new PowerShellError({
    kind: 'restricted-language',
    languageMode: mode,
    message:
      `PowerShell is restricted by policy (${mode}): AppLocker or Windows Defender Application Control limits PowerShell's interactive sessions on this computer to its core language, ` +
      "and Activation Doctor's checks run in such a session, so licensing cannot be read through CIM. Running as administrator does not change this, and allowing Activation Doctor's folder does not either. " +
      'What works: run the collector script on this computer as a file your policy allows (for example signed with your organisation\'s code-signing certificate; create it with "activation-doctor collector --out collector.ps1"), ' +
      'then open the file it writes here (Open a snapshot, or "activation-doctor diagnose --snapshot <file>"); or ask whoever manages the policy for an exemption for this tool on this computer. ' +
      '"$ExecutionContext.SessionState.LanguageMode" in PowerShell shows the mode',
  });
}

/**
 * Windows PowerShell refuses a script file under an execution policy from Group Policy:
 * `+ CategoryInfo : SecurityError: (:) [], PSSecurityException` and
 * `+ FullyQualifiedErrorId : UnauthorizedAccess` (the sentence before them is localized).
 */
export function isExecutionPolicyRefusal(stderr: string): boolean {
  return /\bPSSecurityException\b/.test(stderr) || (/FullyQualifiedErrorId\s*:\s*UnauthorizedAccess\b/.test(stderr) && /\bSecurityError\b/.test(stderr));
}

export function executionPolicyError(script: string, stderr: string): PowerShellError {
  const firstLine = stderr.split(/\r?\n/).find((text) => text.trim() !== '') ?? '';
  return new PowerShellError({
    kind: 'execution-policy',
    script,
    stderr: excerpt(stderr, 2000),
    message:
      `PowerShell's execution policy does not let Activation Doctor's scripts run (${excerpt(firstLine, 240)}). ` +
      'A policy set by Group Policy overrides the "Bypass" Activation Doctor asks for, and running as administrator does not change it. ' +
      '"Get-ExecutionPolicy -List" shows which scope sets it (MachinePolicy or UserPolicy); ask whoever manages Group Policy ' +
      '(Administrative Templates > Windows Components > Windows PowerShell > Turn on Script Execution) to allow these scripts, or to have them signed with a certificate the policy trusts',
  });
}

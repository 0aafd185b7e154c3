/**
 * Which PowerShell `fleet collect` starts. Never a bare name: Windows looks for a bare name in the
 * current folder before PATH, so running the command from a folder that holds a `powershell.exe`
 * (a download folder, a share) would start that file with the administrator's credentials. And
 * nothing in the environment overrides the choice; tests inject the shell through the runtime.
 *
 * - WinRM: Windows PowerShell 5.1 by absolute path from the OS loader's Windows folder
 *   (`powershellExecutable`, the same rule as the app's own sessions).
 * - SSH: PowerShell 7 (`pwsh`), found only in the absolute folders on PATH (a relative or empty
 *   PATH entry means the current folder and is skipped).
 */
import { posix, win32 } from 'node:path';
import { powershellExecutable, type HostFacts } from '../powershell/environment';

export type FleetShellChoice = { ok: true; path: string } | { ok: false; message: string };

export function fleetShell(kind: 'winrm' | 'ssh', facts: HostFacts, pathVariable: string | undefined): FleetShellChoice {
  if (kind === 'winrm') {
    const exe = powershellExecutable(facts);
    return exe ? { ok: true, path: exe } : { ok: false, message: 'WinRM remoting runs from Windows; elsewhere use PowerShell 7 over SSH (--ssh)' };
  }
  const windows = facts.platform === 'win32';
  const paths = windows ? win32 : posix;
  const name = windows ? 'pwsh.exe' : 'pwsh';
  for (const dir of (pathVariable ?? '').split(windows ? ';' : ':')) {
    const folder = dir.trim().replace(/^"(.*)"$/, '$1');
    // 'C:\tools' or '/usr/bin' only: not '', '.', 'bin' or a drive-relative 'C:tools'.
    if (!paths.isAbsolute(folder) || (windows && !/^([A-Za-z]:\\|\\\\)/.test(folder))) continue;
    const candidate = paths.join(folder, name);
    if (facts.exists(candidate)) return { ok: true, path: candidate };
  }
  return { ok: false, message: `--ssh needs PowerShell 7: ${name} was not found in the folders on PATH (install PowerShell 7, or add its folder to PATH)` };
}

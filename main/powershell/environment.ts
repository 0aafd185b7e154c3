/**
 * Which PowerShell is started, and with what environment. The app runs elevated while the
 * environment it inherits is the signed-in user's, who may be a standard user: nothing in that
 * environment may choose the binary the administrator's rights are lent to.
 *
 * - The Windows directory comes from the OS loader, not from `SystemRoot`/`windir`: `ntdll.dll` is
 *   mapped into every process from the real system directory (it is a KnownDLL, no search path is
 *   involved), and `process.report` lists the loaded libraries with their full paths.
 * - A 32-bit process on 64-bit Windows is redirected from System32 to SysWOW64 and would start the
 *   32-bit PowerShell, which cannot see the 64-bit licensing and firewall providers. Such a process
 *   (and only such a process) sees the virtual folder `Sysnative`, which reaches the real System32.
 *   Its existence decides; PROCESSOR_ARCHITEW6432 is an environment variable and is not consulted.
 * - In a packaged build NODE_POWERSHELL (node-powershell's executable override) and DEBUG (its
 *   command tracing, which would print product keys) are removed before PowerShell starts.
 * - The command line is never "packaged" (it runs under Node), yet `fix --yes` runs elevated with a
 *   product key in its parameters: it and `diagnose` remove DEBUG and silence the tracing before any
 *   PowerShell starts (`prepareCliShellEnvironment`). NODE_POWERSHELL stays honoured there, for
 *   development and the tests' fake shell (docs/security.md).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, win32 } from 'node:path';

/** Variables a packaged build never lets through to node-powershell or PowerShell. */
export const UNTRUSTED_VARIABLES = ['NODE_POWERSHELL', 'DEBUG'] as const;

/** The documented default, used only when the loader's answer is unavailable and the folder is there. */
export const FALLBACK_WINDOWS_DIRECTORY = 'C:\\Windows';

export interface HostFacts {
  platform: NodeJS.Platform;
  arch: string;
  /** Full paths of the libraries mapped into this process, from the OS loader. */
  loadedLibraries: () => readonly string[];
  exists: (path: string) => boolean;
}

/** The Windows directory, from where the loader mapped ntdll.dll; null if it cannot be told. */
export function windowsDirectory(facts: Pick<HostFacts, 'loadedLibraries' | 'exists'>): string | null {
  for (const library of facts.loadedLibraries()) {
    if (win32.basename(library).toLowerCase() !== 'ntdll.dll') continue;
    const systemDir = win32.dirname(library);
    if (!/^(system32|syswow64)$/i.test(win32.basename(systemDir))) continue;
    const windowsDir = win32.dirname(systemDir);
    if (win32.isAbsolute(windowsDir) && !windowsDir.startsWith('\\\\')) return windowsDir;
  }
  return facts.exists(win32.join(FALLBACK_WINDOWS_DIRECTORY, 'System32')) ? FALLBACK_WINDOWS_DIRECTORY : null;
}

/**
 * Windows PowerShell 5.1 by absolute path in the 64-bit system directory where there is one.
 * undefined off Windows (node-powershell then starts `pwsh` from PATH, for development only).
 */
export function powershellExecutable(facts: HostFacts): string | undefined {
  if (facts.platform !== 'win32') return undefined;
  const windowsDir = windowsDirectory(facts) ?? FALLBACK_WINDOWS_DIRECTORY;
  const sysnative = win32.join(windowsDir, 'Sysnative');
  const systemDir = facts.arch === 'ia32' && facts.exists(sysnative) ? sysnative : win32.join(windowsDir, 'System32');
  return win32.join(systemDir, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/** Libraries of this process as the OS loader reports them (Node's diagnostic report). */
export function loadedLibraries(): readonly string[] {
  const report = process.report as (NodeJS.ProcessReport & { excludeNetwork?: boolean }) | undefined;
  if (!report) return [];
  const before = report.excludeNetwork;
  try {
    // The network section can wait on name resolution; only the library list is wanted.
    report.excludeNetwork = true;
    const data = report.getReport() as { sharedObjects?: unknown };
    return Array.isArray(data.sharedObjects) ? data.sharedObjects.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  } finally {
    report.excludeNetwork = before;
  }
}

export function hostFacts(): HostFacts {
  return { platform: process.platform, arch: process.arch, loadedLibraries, exists: existsSync };
}

export interface ProcessFacts {
  versions: NodeJS.ProcessVersions;
  /** Electron's process type: 'browser' in the main process. */
  type: string | undefined;
  execPath: string;
}

/** Electron's app.isPackaged, told without loading Electron: a main process not run by the stock `electron` binary. */
export function isPackagedApp(facts: ProcessFacts): boolean {
  if (!facts.versions.electron || facts.type !== 'browser') return false;
  const exe = basename(facts.execPath.replace(/\\/g, '/')).toLowerCase();
  return exe !== 'electron' && exe !== 'electron.exe';
}

export function processFacts(): ProcessFacts {
  return { versions: process.versions, type: (process as NodeJS.Process & { type?: string }).type, execPath: process.execPath };
}

/** Removes the untrusted variables from `env` in place; returns the names that were there. */
export function scrubEnvironment(env: NodeJS.ProcessEnv): string[] {
  const removed: string[] = [];
  for (const name of Object.keys(env)) {
    if ((UNTRUSTED_VARIABLES as readonly string[]).includes(name.toUpperCase())) {
      delete env[name];
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Turns off node-powershell's tracing: the `debug` package reads DEBUG once, when it is first
 * loaded, which may be before the variable was removed.
 */
export function silenceShellTracing(): void {
  try {
    const fromHere = createRequire(typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js'));
    const fromShell = createRequire(fromHere.resolve('child-shell'));
    (fromShell('debug') as { disable?: () => void }).disable?.();
  } catch {
    // Not installed where expected: then it was never loaded either.
  }
}

/**
 * Before the command line runs PowerShell: DEBUG removed (any spelling) and node-powershell's
 * tracing turned off, so the base64 parameters (a product key among them) are never printed.
 * Returns the names removed.
 */
export function prepareCliShellEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed: string[] = [];
  for (const name of Object.keys(env)) {
    if (name.toUpperCase() === 'DEBUG') {
      delete env[name];
      removed.push(name);
    }
  }
  silenceShellTracing();
  return removed;
}

/**
 * Where our PowerShell scripts are. In a packaged app electron-builder copies the collectors
 * (main/probes/windows/*.ps1) and the fix operations (main/fixes/windows/*.ps1) into
 * `<resources>/scripts` (under Program Files, writable only by administrators) for powershell.exe
 * to run by path; in a source checkout they are read from their two folders in the repository.
 *
 * A packaged build never looks anywhere else: walking up from the install folder would reach the
 * drive root, where a standard user can create C:\main\probes\windows with scripts that the
 * elevated app would then run (docs/security.md).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';

/** A file every collectors folder has; used to recognise the right place. */
const MARKER = 'os.ps1';
const DEV_SUBDIRS = [join('main', 'probes', 'windows'), join('main', 'fixes', 'windows')];
const PACKAGED_SUBDIR = 'scripts';

export interface ScriptsDirEnvironment {
  /** Electron's process.resourcesPath (undefined under plain Node, e.g. the CLI or tests). */
  resourcesPath: string | undefined;
  /** Directory of the running code (the bundle in out/main or out/cli, or this source folder). */
  moduleDir: string;
  exists: (path: string) => boolean;
}

/** Packaged: the running code is inside the app's own resources (…/resources/app.asar/out/main). */
export function isPackagedLayout(env: Pick<ScriptsDirEnvironment, 'resourcesPath' | 'moduleDir'>): boolean {
  if (!env.resourcesPath) return false;
  const inside = relative(env.resourcesPath, env.moduleDir);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** The folders to look for scripts in, in order; the first is also the shell's working directory. */
export function resolveScriptsDirs(env: ScriptsDirEnvironment): string[] {
  if (env.resourcesPath) {
    const packaged = join(env.resourcesPath, PACKAGED_SUBDIR);
    if (env.exists(join(packaged, MARKER))) return [packaged];
    if (isPackagedLayout(env)) throw new Error(`the PowerShell scripts are missing from ${packaged}; reinstall Activation Doctor`);
  }
  // Development: walk up from the code to the repository (out/main -> repo, main/powershell -> repo).
  let dir = env.moduleDir;
  for (let depth = 0; depth < 8; depth += 1) {
    const [probes, fixes] = DEV_SUBDIRS.map((sub) => join(dir, sub)) as [string, string];
    if (env.exists(join(probes, MARKER))) return [probes, fixes];
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const looked = [env.resourcesPath ? join(env.resourcesPath, PACKAGED_SUBDIR) : null, `${DEV_SUBDIRS[0]} above ${env.moduleDir}`].filter(Boolean).join(' and ');
  throw new Error(`the PowerShell scripts were not found (looked in ${looked}); reinstall Activation Doctor`);
}

/** The scripts folders of this process. */
export function defaultScriptsDirs(): string[] {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const moduleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
  return resolveScriptsDirs({ resourcesPath, moduleDir, exists: existsSync });
}

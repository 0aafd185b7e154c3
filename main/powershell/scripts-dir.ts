/**
 * Where our PowerShell scripts are on disk. PowerShell needs real files: in a packaged app
 * electron-builder copies the collectors (main/probes/windows/*.ps1) and the fix operations
 * (main/fixes/windows/*.ps1) into one folder, `<resources>/scripts` (extraResources, outside the
 * asar); in a source checkout they are read from their two folders in the repository.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** The folders to look for scripts in, in order; the first is also the shell's working directory. */
export function resolveScriptsDirs(env: ScriptsDirEnvironment): string[] {
  if (env.resourcesPath) {
    const packaged = join(env.resourcesPath, PACKAGED_SUBDIR);
    if (env.exists(join(packaged, MARKER))) return [packaged];
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

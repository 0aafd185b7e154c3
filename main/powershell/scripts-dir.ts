/**
 * Where the collector scripts are on disk. PowerShell needs real files: in a packaged app
 * electron-builder copies main/probes/windows/*.ps1 to `<resources>/probes/windows` (extraResources,
 * outside the asar); in a source checkout they are read from `<repo>/main/probes/windows`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file every scripts folder has; used to recognise the right folder. */
const MARKER = 'os.ps1';
const DEV_SUBDIR = join('main', 'probes', 'windows');

export interface ScriptsDirEnvironment {
  /** Electron's process.resourcesPath (undefined under plain Node, e.g. the CLI or tests). */
  resourcesPath: string | undefined;
  /** Directory of the running code (the bundle in out/main or out/cli, or this source folder). */
  moduleDir: string;
  exists: (path: string) => boolean;
}

export function resolveScriptsDir(env: ScriptsDirEnvironment): string {
  if (env.resourcesPath) {
    const packaged = join(env.resourcesPath, 'probes', 'windows');
    if (env.exists(join(packaged, MARKER))) return packaged;
  }
  // Development: walk up from the code to the repository (out/main -> repo, main/powershell -> repo).
  let dir = env.moduleDir;
  for (let depth = 0; depth < 8; depth += 1) {
    const candidate = join(dir, DEV_SUBDIR);
    if (env.exists(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const looked = [env.resourcesPath ? join(env.resourcesPath, 'probes', 'windows') : null, `${DEV_SUBDIR} above ${env.moduleDir}`].filter(Boolean).join(' and ');
  throw new Error(`the PowerShell probe scripts were not found (looked in ${looked}); reinstall Activation Doctor`);
}

/** The scripts folder of this process. */
export function defaultScriptsDir(): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const moduleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
  return resolveScriptsDir({ resourcesPath, moduleDir, exists: existsSync });
}

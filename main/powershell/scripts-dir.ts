/**
 * Where our PowerShell scripts are. In a packaged app electron-builder copies the collectors
 * (main/probes/windows/*.ps1) and the fix operations (main/fixes/windows/*.ps1) into
 * `<resources>/scripts` for powershell.exe to run by path, and also into the integrity-checked
 * app.asar (`<resources>/app.asar/scripts`) for a runner that passes script text (readScriptText);
 * in a source checkout they are read from their two folders in the repository.
 *
 * A packaged build never looks anywhere else: walking up from the install folder would reach the
 * drive root, where a standard user can create C:\main\probes\windows with scripts that the
 * elevated app would then run (docs/security.md).
 */
import { existsSync, readFileSync } from 'node:fs';
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

/** A script name: a plain identifier (`licensing`, `audit-folder`), never a path. */
const SCRIPT_NAME = /^[a-z][a-z0-9-]{0,63}$/;
/** Our largest script is a few kilobytes; anything bigger is not ours. */
export const MAX_SCRIPT_BYTES = 256 * 1024;

/**
 * The folder a runner should read script TEXT from: in a packaged build the copy inside app.asar,
 * which Electron checks against the hash in the executable (EnableEmbeddedAsarIntegrityValidation)
 * and which no user can swap between a check and PowerShell opening the file; in development the
 * repository folders.
 */
export function resolveScriptTextDirs(env: ScriptsDirEnvironment): string[] {
  if (env.resourcesPath && isPackagedLayout(env)) return [join(env.resourcesPath, 'app.asar', PACKAGED_SUBDIR)];
  return resolveScriptsDirs(env);
}

/**
 * The text of one of our scripts, for a runner that passes it to PowerShell as text (for example
 * as the body of a script block sent over stdin) instead of asking PowerShell to open a path.
 * Only plain script names; the first folder that has the file wins.
 */
export function readScriptText(name: string, dirs: readonly string[], read: (path: string) => Buffer = (path) => readFileSync(path)): string {
  if (!SCRIPT_NAME.test(name)) throw new Error(`"${name.slice(0, 40)}" is not one of Activation Doctor's script names`);
  for (const dir of dirs) {
    let bytes: Buffer;
    try {
      bytes = read(join(dir, `${name}.ps1`));
    } catch {
      continue;
    }
    if (bytes.length > MAX_SCRIPT_BYTES) throw new Error(`${name}.ps1 is ${bytes.length} bytes, more than any of Activation Doctor's scripts; reinstall Activation Doctor`);
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  }
  throw new Error(`the PowerShell script ${name}.ps1 was not found in ${dirs.join(' or ')}; reinstall Activation Doctor`);
}

/** The scripts folders of this process. */
export function defaultScriptsDirs(): string[] {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const moduleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
  return resolveScriptsDirs({ resourcesPath, moduleDir, exists: existsSync });
}

/** Where this process reads script text from (see resolveScriptTextDirs). */
export function defaultScriptTextDirs(): string[] {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  const moduleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
  return resolveScriptTextDirs({ resourcesPath, moduleDir, exists: existsSync });
}

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPackagedLayout, MAX_SCRIPT_BYTES, readScriptText, resolveScriptsDirs, resolveScriptTextDirs } from '../../../main/powershell/scripts-dir';

const root = mkdtempSync(join(tmpdir(), 'ad-scripts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scripts come only from the app itself in a packaged build', () => {
  // Linux stand-in for C:\: the install folder sits below a folder where a standard user planted
  // main\probes\windows\os.ps1 (any user can create folders at the root of C:).
  const resources = join(root, 'Program Files', 'Activation Doctor', 'resources');
  const moduleDir = join(resources, 'app.asar', 'out', 'main');
  mkdirSync(moduleDir, { recursive: true });
  const planted = join(root, 'main', 'probes', 'windows');
  mkdirSync(planted, { recursive: true });
  writeFileSync(join(planted, 'os.ps1'), 'Start-Process calc.exe');

  it('never walks up to a planted folder when its own scripts are missing', () => {
    expect(isPackagedLayout({ resourcesPath: resources, moduleDir })).toBe(true);
    expect(() => resolveScriptsDirs({ resourcesPath: resources, moduleDir, exists: existsSync })).toThrow(`the PowerShell scripts are missing from ${join(resources, 'scripts')}; reinstall Activation Doctor`);
  });

  it('uses its own resources folder when the scripts are there', () => {
    mkdirSync(join(resources, 'scripts'), { recursive: true });
    writeFileSync(join(resources, 'scripts', 'os.ps1'), '# ours');
    expect(resolveScriptsDirs({ resourcesPath: resources, moduleDir, exists: existsSync })).toEqual([join(resources, 'scripts')]);
    rmSync(join(resources, 'scripts'), { recursive: true });
  });

  it('reads script text from inside the integrity-checked app.asar', () => {
    expect(resolveScriptTextDirs({ resourcesPath: resources, moduleDir, exists: existsSync })).toEqual([join(resources, 'app.asar', 'scripts')]);
  });

  it('is not fooled by a resources path that only shares a prefix, or by Electron dev runs', () => {
    expect(isPackagedLayout({ resourcesPath: resources, moduleDir: `${resources}-evil/app.asar/out/main` })).toBe(false);
    expect(isPackagedLayout({ resourcesPath: '/repo/node_modules/electron/dist/resources', moduleDir: '/repo/out/main' })).toBe(false);
    expect(isPackagedLayout({ resourcesPath: undefined, moduleDir: '/repo/out/cli' })).toBe(false);
  });
});

describe('readScriptText (for a runner that passes scripts as text)', () => {
  const dirs = [resolve('main/probes/windows'), resolve('main/fixes/windows')];

  it('reads our scripts from the first folder that has them', () => {
    expect(readScriptText('os', dirs)).toBe(readFileSync('main/probes/windows/os.ps1', 'utf8').replace(/^\uFEFF/, ''));
    expect(readScriptText('fix-time', dirs)).toBe(readFileSync('main/fixes/windows/fix-time.ps1', 'utf8').replace(/^\uFEFF/, ''));
  });

  it.each(['../os', 'os.ps1', 'C:\\Windows\\evil', '/etc/passwd', 'OS', '', 'a'.repeat(65)])('refuses %j as a script name', (name) => {
    expect(() => readScriptText(name, dirs)).toThrow(/not one of Activation Doctor's script names/);
  });

  it('says where it looked when a script is missing, and refuses an oversized file', () => {
    expect(() => readScriptText('no-such-script', dirs)).toThrow(/no-such-script\.ps1 was not found in .*probes.*fixes/);
    expect(() => readScriptText('big', ['/x'], () => Buffer.alloc(MAX_SCRIPT_BYTES + 1, 0x20))).toThrow(/more than any of Activation Doctor's scripts/);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPackagedLayout, resolveScriptsDirs } from '../../../main/powershell/scripts-dir';

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

  it('is not fooled by a resources path that only shares a prefix, or by Electron dev runs', () => {
    expect(isPackagedLayout({ resourcesPath: resources, moduleDir: `${resources}-evil/app.asar/out/main` })).toBe(false);
    expect(isPackagedLayout({ resourcesPath: '/repo/node_modules/electron/dist/resources', moduleDir: '/repo/out/main' })).toBe(false);
    expect(isPackagedLayout({ resourcesPath: undefined, moduleDir: '/repo/out/cli' })).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const gate = (...args: string[]) => spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', ...args], { encoding: 'utf8', timeout: 90_000 });
const installedElectron = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
const INSECURE = ['--input', 'test/fixtures/electronegativity/insecure'];

// The gate itself runs on the real sources as `npm run test:security`; these prove that it fails
// the run when it should (the tool always exits 0, and passes silently when offline).
describe('electronegativity gate', () => {
  it('fails on an insecure window and names the findings', () => {
    const run = gate(...INSECURE, '--releases', 'test/fixtures/electronegativity/releases-current.json');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(run.stdout).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(run.stderr).toMatch(/HIGH\/MEDIUM finding/);
  }, 90_000);

  it("fails when Electron's release data cannot be loaded, instead of passing silently", () => {
    const run = gate('--input', 'test/fixtures/electronegativity/secure', '--releases', 'test/fixtures/electronegativity/no-such-file.json');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/release data could not be loaded/);
    expect(run.stderr).not.toMatch(/HIGH\/MEDIUM finding/);
  }, 90_000);

  it('fails when a newer patch of the installed Electron line exists, and passes when it is the newest', () => {
    const outdated = gate('--input', 'test/fixtures/electronegativity/secure', '--releases', 'test/fixtures/electronegativity/releases-newer-45.json');
    expect(outdated.status).toBe(1);
    expect(outdated.stderr).toContain(`Electron ${installedElectron} is outdated: 45.99.0 is out`);
    const current = gate('--input', 'test/fixtures/electronegativity/secure', '--releases', 'test/fixtures/electronegativity/releases-current.json');
    expect(current.stderr).toBe('');
    expect(current.status).toBe(0);
  }, 90_000);

  it('reads the Electron version from the installed package and scans every source the main process runs', () => {
    const run = gate('--list');
    expect(run.status).toBe(0);
    const [versionLine, ...files] = run.stdout.trim().split('\n');
    expect(versionLine).toBe(`electron ${installedElectron}`);
    const mainProcessSources = ['main', 'shared'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
        .map((e) => join(e.parentPath, e.name)),
    );
    expect(mainProcessSources.length).toBeGreaterThan(50);
    expect(files).toEqual(expect.arrayContaining(mainProcessSources));
    expect(files).toContain('main/preload/index.ts');
    expect(files).toContain('renderer/index.html');
  });
});

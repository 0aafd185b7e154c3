// The PowerShell half of the tests: Pester 5.7.1 under PowerShell 7.6.10 (or, with --shell,
// Windows PowerShell 5.1 on the Windows runner), NUnit XML to test-results/pester.xml.
//   node scripts/pester.mjs                 run the suite (fails when pwsh or Pester is missing)
//   node scripts/pester.mjs --install       install both into .tools (skipped when present)
//   node scripts/pester.mjs --shell powershell.exe [--pester <Pester.psd1>]
//   node scripts/pester.mjs --path test/powershell/Fixes.Tests.ps1   (some files only)
// A whole-suite run fails unless every shipped .ps1 is named in a test (scripts/pester-coverage.mjs).
// Both tools are cached in the ignored .tools folder: .tools/pwsh (dotnet global tool) and
// .tools/nuget/pester/5.7.1 (restored by a throw-away project with a PackageDownload).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shippedScripts, untestedScripts } from './pester-coverage.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const TOOLS = join(ROOT, '.tools');
export const PWSH_VERSION = '7.6.10';
export const PESTER_VERSION = '5.7.1';
const PWSH = join(TOOLS, 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh');
const PESTER = join(TOOLS, 'nuget', 'pester', PESTER_VERSION, 'tools', 'Pester.psd1');
const RESULT = join(ROOT, 'test-results', 'pester.xml');

function option(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function install() {
  if (!existsSync(PWSH) && !process.argv.includes('--pester-only')) {
    console.log(`installing PowerShell ${PWSH_VERSION} into .tools/pwsh`);
    execFileSync('dotnet', ['tool', 'install', '--tool-path', join(TOOLS, 'pwsh'), 'PowerShell', '--version', PWSH_VERSION], { stdio: 'inherit' });
  }
  if (!existsSync(PESTER)) {
    console.log(`restoring Pester ${PESTER_VERSION} into .tools/nuget`);
    const project = join(TOOLS, 'pester-restore');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'restore.csproj'),
      `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>\n<ItemGroup><PackageDownload Include="Pester" Version="[${PESTER_VERSION}]" /></ItemGroup></Project>\n`,
    );
    execFileSync('dotnet', ['restore', join(project, 'restore.csproj'), '--packages', join(TOOLS, 'nuget')], { stdio: 'inherit' });
    if (!existsSync(PESTER)) throw new Error(`the Pester restore did not produce ${PESTER}`);
  }
}

function run() {
  const shell = option('--shell') ?? PWSH;
  const pester = option('--pester') ?? PESTER;
  if (shell === PWSH && !existsSync(PWSH)) {
    console.error(`pester: PowerShell is missing (${PWSH}); run: node scripts/pester.mjs --install`);
    process.exit(1);
  }
  if (!existsSync(pester)) {
    console.error(`pester: Pester ${PESTER_VERSION} is missing (${pester}); run: node scripts/pester.mjs --install`);
    process.exit(1);
  }
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  rmSync(RESULT, { force: true });
  const started = Date.now();
  const args = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', join(ROOT, 'test', 'powershell', 'run.ps1'), '-PesterModule', pester, '-ResultPath', RESULT];
  if (option('--path')) args.push('-Path', option('--path'));
  const child = spawnSync(shell, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, AD_PWSH: shell } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(RESULT)) {
    console.error(`pester: no result file after ${seconds} s (exit ${child.status})`);
    process.exit(1);
  }
  const xml = readFileSync(RESULT, 'utf8');
  const head = xml.match(/<test-results[^>]*>/)?.[0] ?? '';
  console.log(`pester: ${head.match(/total="(\d+)"/)?.[1] ?? '?'} tests, ${head.match(/failures="(\d+)"/)?.[1] ?? '?'} failed, in ${seconds} s`);
  // A whole-suite run must name every shipped script in its results.
  const untested = option('--path') ? [] : untestedScripts(shippedScripts(ROOT), xml);
  if (untested.length > 0) {
    console.error(`pester: no test names these shipped scripts: ${untested.join(', ')}`);
    process.exit(1);
  }
  process.exit(child.status ?? 1);
}

if (process.argv.includes('--install')) {
  try {
    install();
  } catch (error) {
    // The usual cause on a new machine: no .NET SDK (dotnet) to install PowerShell 7 and Pester with.
    console.error(`pester: could not install PowerShell ${PWSH_VERSION} and Pester ${PESTER_VERSION} into .tools (${error.code === 'ENOENT' ? 'dotnet was not found: install the .NET SDK' : error.message.split('\n')[0]}).`);
    process.exit(1);
  }
} else run();

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { lintScript, loadParser, syntaxErrors, withPrologue, type LintRule } from './ps1-tools';
import { WINDOWS_PROBES } from '../../../../main/probes/windows/registry';

const SCRIPTS_DIR = resolve(__dirname, '../../../../main/probes/windows');
const FIXTURES = resolve(__dirname, '../../../fixtures/powershell');
const PROLOGUE = '_prologue.ps1';
const SHIPPED = readdirSync(SCRIPTS_DIR).filter((name) => name.endsWith('.ps1') && name !== PROLOGUE);
const read = (path: string) => readFileSync(path, 'utf8');
/** A probe as it runs: with the shared prologue it dot-sources. */
const running = (name: string) => withPrologue(read(join(SCRIPTS_DIR, name)), read(join(SCRIPTS_DIR, PROLOGUE)));

let parser: Parser;
beforeAll(async () => {
  parser = await loadParser();
});

describe('shipped collector scripts', () => {
  it('are all present: one per Windows fact', () => {
    expect(SHIPPED.sort()).toEqual(WINDOWS_PROBES.map((probe) => `${probe.script}.ps1`).sort());
  });

  it.each([...SHIPPED, PROLOGUE])('%s parses cleanly with tree-sitter-powershell', (name) => {
    expect(syntaxErrors(parser, read(join(SCRIPTS_DIR, name)))).toEqual([]);
  });

  it.each(SHIPPED)('%s follows the collector rules (with the prologue it dot-sources)', (name) => {
    expect(running(name)).not.toBe(read(join(SCRIPTS_DIR, name)));
    expect(lintScript(parser, running(name))).toEqual([]);
  });

  // Windows PowerShell 5.1 compatibility (syntax, commands, parameters) is checked with PowerShell's own
  // parser in test/unit/powershell/ps51-compat.test.ts (scripts/ps51-compat.ps1), for every shipped script.

  it.each(SHIPPED)('%s reads Windows state without parsing slmgr or w32tm text', (name) => {
    const code = running(name)
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/slmgr|w32tm|netsh|ipconfig|cscript|\bsc\.exe/i);
  });

  it('are plain text in UTF-8 without a BOM (Windows PowerShell 5.1 reads them as ANSI otherwise, so they stay ASCII)', () => {
    const plain = (text: string) => [...text].every((char) => char === '\t' || char === '\n' || char === '\r' || (char >= ' ' && char <= '~'));
    for (const name of [...SHIPPED, PROLOGUE]) expect(plain(read(join(SCRIPTS_DIR, name))), name).toBe(true);
  });
});

describe('the syntax check', () => {
  it('fails on a broken script (negative fixture)', () => {
    const problems = syntaxErrors(parser, read(join(FIXTURES, 'broken.ps1')));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(9);
  });

  it('fails on an unclosed block', () => {
    expect(syntaxErrors(parser, "try {\n    $x = 1\n\ncatch {\n}\n").length).toBeGreaterThan(0);
  });
});

describe('the collector lint', () => {
  it('fires on every broken rule of the bad fixture', () => {
    const problems = lintScript(parser, read(join(FIXTURES, 'bad-lint.ps1')));
    const rules = new Set(problems.map((p) => p.rule));
    const expected: LintRule[] = ['forbidden-command', 'dynamic-invocation', 'forbidden-text', 'param-block', 'progress-preference', 'output-encoding', 'error-envelope', 'final-json'];
    for (const rule of expected) expect(rules, `expected ${rule} in ${JSON.stringify(problems)}`).toContain(rule);
    const messages = problems.map((p) => p.message).join('\n');
    for (const text of ['Invoke-Expression', 'iex', 'Add-Type', '-EncodedCommand', 'Set-Service', 'Write-Host', '& $command', '& ("Get-Cim"', '& "$env:windir']) {
      expect(messages).toContain(text);
    }
  });

  const valid = [
    "param(\n    [string]$ArgsBase64 = ''\n)",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
    "try {\n    $result = @{ ok = $true }\n}\ncatch {\n    $result = @{ error = @{ kind = 'failed'; message = [string]$_ } }\n}",
    'ConvertTo-Json -InputObject $result -Depth 6',
  ];
  const script = (...lines: string[]) => lines.join('\n') + '\n';
  const rulesOf = (source: string) => lintScript(parser, source).map((p) => p.rule);

  it('accepts a minimal compliant script, with or without the param block', () => {
    expect(rulesOf(script(...valid))).toEqual([]);
    expect(rulesOf(script(...valid.slice(1)))).toEqual([]);
  });

  it.each([
    ['& $x', 'dynamic-invocation'],
    ['& ("Get-" + $name)', 'dynamic-invocation'],
    ['& "$PSScriptRoot\\x.ps1"', 'dynamic-invocation'],
    ['. $helper', 'dynamic-invocation'],
    ['Invoke-Expression -Command $text', 'forbidden-command'],
    ['$text | iex', 'forbidden-command'],
    ['$sb = [ScriptBlock]::Create($text)', 'forbidden-text'],
    ['$ExecutionContext.InvokeCommand.InvokeScript($text)', 'forbidden-text'],
    ['Add-Type -TypeDefinition ("public class A {" + $x + "}")', 'forbidden-command'],
    ['Start-Process -FilePath powershell.exe -ArgumentList "-enc", $b', 'forbidden-command'],
    ['Invoke-CimMethod -ClassName SoftwareLicensingService -MethodName RefreshLicenseStatus', 'forbidden-command'],
  ])('rejects %j', (line, rule) => {
    const source = script(...valid.slice(0, 4), line, valid[4] ?? '');
    expect(rulesOf(source)).toContain(rule);
  });

  it.each([
    ['. $helper', "$helper = [System.IO.Path]::Combine($env:TEMP, 'x.ps1')"],
    ['& $w32tm /resync', "$w32tm = Get-SystemExecutable -Name $name"],
    ['& $w32tm /resync', "$w32tm = 'w32tm.exe'"],
  ])('rejects %j when the variable is assigned %j', (line, assignment) => {
    expect(rulesOf(script(...valid.slice(0, 4), assignment, line, valid[4] ?? ''))).toContain('dynamic-invocation');
  });

  it('allows the prologue dot-sourced from the script folder and programs from the system folder', () => {
    const lines = [
      ". ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))",
      "$prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'probes', '_prologue.ps1')",
      '. $prologuePath',
      "$w32tm = Get-SystemExecutable -Name 'w32tm.exe'",
      '$null = & $w32tm /resync',
      '. Invoke-ProbePrologue',
    ];
    expect(rulesOf(script(...valid.slice(0, 4), ...lines, valid[4] ?? ''))).toEqual([]);
  });

  it('allows a literal single-quoted invocation and script blocks', () => {
    expect(rulesOf(script(...valid.slice(0, 4), "& 'C:\\Windows\\System32\\hostname.exe'", '& { Get-Date }', valid[4] ?? ''))).toEqual([]);
  });

  it('requires the ArgsBase64 parameter to be decoded as base64 JSON when it is used', () => {
    const uses = script(...valid.slice(0, 4), '$raw = $ArgsBase64.Trim()', valid[4] ?? '');
    expect(rulesOf(uses)).toEqual(['args-decoding']);
    const decodes = script(
      ...valid.slice(0, 4),
      '$options = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64)))',
      valid[4] ?? '',
    );
    expect(rulesOf(decodes)).toEqual([]);
  });

  it('rejects other parameters', () => {
    expect(rulesOf(script("param(\n    [string]$Name\n)", ...valid.slice(1)))).toEqual(['param-block']);
  });

  it('requires failures to be caught and printed as an error object', () => {
    expect(rulesOf(script(...valid.slice(0, 3), '$result = @{ ok = $true }', valid[4] ?? ''))).toEqual(['error-envelope']);
  });

  it('requires the output to end with ConvertTo-Json', () => {
    expect(rulesOf(script(...valid.slice(0, 4), 'ConvertTo-Json -InputObject $result', '$result'))).toEqual(['final-json']);
  });
});

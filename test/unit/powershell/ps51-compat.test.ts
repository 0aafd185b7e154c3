/**
 * The Windows PowerShell compatibility check (scripts/ps51-compat.ps1), run with the real pwsh 7 over
 * every shipped .ps1, the generated collector script and the fixtures, in ONE pwsh process.
 *
 * What it proves: PowerShell's own parser finds no 6/7-only syntax, no command or parameter that
 * Microsoft's 5.1 docs lack, no abbreviation or alias, and, for the collector script, nothing newer
 * than the PowerShell 3.0 it claims to run on (parsed under 2.0; commands and parameters from the
 * hand-written scripts/ps51-compat/newer-than-3.0.json). The 5.1 command table is built here, on every
 * run, from the project's reference file ps51-cmdlets.json, which lives outside the repository
 * (../shared/reference, $AD_SHARED_REFERENCE); it is written to test-results/ and never committed. A
 * missing reference fails the tests, naming where it looked. What it cannot see: anything that
 * differs only at run time (a .NET method that exists on .NET Framework 4.x with other overloads, a
 * cmdlet's output shape, provider-specific parameters the docs do not list, modules not in the docs).
 * Those are for the Windows runner (.github/workflows/windows.yml).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCollectorScript } from '../../../main/collector/script';
import { findReference, referenceCandidates, writeCommandTable, type CommandTable } from '../../../scripts/ps51-compat/build-commands.mjs';

const ROOT = resolve(__dirname, '../../..');
const CHECKER = join(ROOT, 'scripts/ps51-compat.ps1');
const FIXTURES = join(ROOT, 'test/fixtures/powershell/compat');
/** Built from ps51-cmdlets.json at test time into an ignored folder. */
const COMMANDS = join(ROOT, 'test-results/ps51-compat/commands.json');
const FLOOR_TABLE = join(ROOT, 'scripts/ps51-compat/newer-than-3.0.json');

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'info';
  message: string;
}
interface Rule {
  id: string;
  scope: 'all' | 'floor3';
  severity: 'error' | 'info';
  since: string;
  source: string;
}
interface Report {
  files: { file: string; target: string; parseErrors: number }[];
  findings: Finding[];
  rules: Rule[];
}

/** pwsh from $PWSH, the repository's .tools (installed by .ci/run), or PATH. Missing is a failure, never a skip. */
function findPwsh(): string {
  const candidates = [process.env.PWSH, join(ROOT, '.tools/pwsh/pwsh'), ...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'pwsh'))];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('PowerShell 7 (pwsh) was not found: install it with .ci/run (it goes to .tools/pwsh) or set PWSH to its path');
  return found;
}

const shipped = readdirSync(join(ROOT, 'main'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ps1'))
  .map((path) => join('main', path).split('\\').join('/'))
  .sort();
const fixturesIn = (folder: string) =>
  readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.ps1'))
    .sort()
    .map((name) => `test/fixtures/powershell/compat/${folder}/${name}`);
const fixtures51 = fixturesIn('5.1');
const fixturesFloor3 = fixturesIn('floor3');

/** Expected findings written in a fixture: `# expect: rule` on the line, `# expect-below: rule` for the next one. */
function expectedIn(file: string): string[] {
  const expected: string[] = [];
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.matchAll(/# expect: ([\w-]+)/g)) expected.push(`${index + 1} ${match[1]}`);
      for (const match of text.matchAll(/# expect-below: ([\w-]+)/g)) expected.push(`${index + 2} ${match[1]}`);
    });
  return expected.sort();
}

let run: { report: Report; exitStatus: number | null; collectorPath: string; table: CommandTable; referencePath: string } | Error;

/** The check's result; a missing pwsh or a crashed check fails every test that needs it (never a skip). */
function checked() {
  if (run instanceof Error) throw run;
  return run;
}
const findingsOf = (file: string) => checked().report.findings.filter((f) => f.file === file);
const errorsOf = (file: string) =>
  findingsOf(file)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.line}:${f.column} ${f.rule}: ${f.message}`);

beforeAll(() => {
  try {
    const pwsh = findPwsh();
    const { referencePath } = writeCommandTable(COMMANDS, findReference());
    const table = JSON.parse(readFileSync(COMMANDS, 'utf8')) as CommandTable;
    const dir = mkdtempSync(join(tmpdir(), 'ps51-compat-'));
    const collectorPath = join(dir, 'activation-doctor-collector.ps1');
    writeFileSync(collectorPath, buildCollectorScript({ version: '0.1.0' }));
    const manifest = join(dir, 'files.json');
    writeFileSync(manifest, JSON.stringify({ path: [...shipped, ...fixtures51], floor3Path: [collectorPath, ...fixturesFloor3] }));
    const result = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', CHECKER, '-CommandsPath', COMMANDS, '-ManifestPath', manifest], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`ps51-compat.ps1 failed (exit ${result.status}): ${result.stderr}`);
    run = { report: JSON.parse(result.stdout) as Report, exitStatus: result.status, collectorPath, table, referencePath };
  } catch (error) {
    run = error instanceof Error ? error : new Error(String(error));
  }
}, 150_000);

describe('Windows PowerShell 5.1 compatibility (PowerShell parser, Microsoft 5.1 command docs)', () => {
  it('finds the shipped scripts to check (probes and fix operations)', () => {
    expect(shipped.filter((f) => f.startsWith('main/probes/windows/')).length).toBeGreaterThanOrEqual(7);
    expect(shipped.filter((f) => f.startsWith('main/fixes/windows/')).length).toBeGreaterThanOrEqual(5);
    expect(checked().report.files.map((f) => f.file)).toEqual(expect.arrayContaining(shipped));
  });

  it.each(shipped)('%s runs on Windows PowerShell 5.1 (no error findings)', (file) => {
    expect(checked().report.files.find((f) => f.file === file)).toMatchObject({ target: '5.1', parseErrors: 0 });
    expect(errorsOf(file)).toEqual([]);
  });

  it('the generated collector script runs on PowerShell 3.0 and parses under 2.0, its stated floor', () => {
    const { report, collectorPath } = checked();
    const collector = readFileSync(collectorPath, 'utf8');
    // The floor the check applies is the one the script states and enforces.
    expect(collector).toContain('Run it in PowerShell 3.0 or newer');
    expect(collector).toMatch(/if \(\$PSVersionTable\.PSVersion\.Major -lt 3\) \{/);
    expect(report.files.find((f) => f.file === collectorPath)).toMatchObject({ target: '3.0', parseErrors: 0 });
    expect(errorsOf(collectorPath)).toEqual([]);
  });

  it('says what it could not check in the shipped scripts (information only)', () => {
    const { report, collectorPath } = checked();
    const unchecked = report.findings.filter((f) => f.severity === 'info' && (shipped.includes(f.file) || f.file === collectorPath));
    for (const finding of unchecked) expect(['splat-unchecked', 'dynamic-command', 'external-command']).toContain(finding.rule);
  });

  it('exits 1 when a script has an error finding (the fixtures have)', () => {
    expect(checked().exitStatus).toBe(1);
  });
});

describe('each rule fires on its negative fixture, at the line marked', () => {
  it.each([...fixtures51, ...fixturesFloor3])('%s', (file) => {
    const found = findingsOf(file)
      .map((f) => `${f.line} ${f.rule}`)
      .sort();
    expect(found).toEqual(expectedIn(file));
    if (!file.endsWith('/ok.ps1')) expect(found.length).toBeGreaterThan(0);
  });

  it('every rule has a fixture named after it, and every fixture is a rule or the positive "ok"', () => {
    const { rules } = checked().report;
    const ids = rules.map((r) => r.id);
    for (const rule of rules) {
      const folder = rule.scope === 'floor3' ? 'floor3' : '5.1';
      expect(existsSync(join(FIXTURES, folder, `${rule.id}.ps1`)), `${folder}/${rule.id}.ps1`).toBe(true);
      expect(expectedIn(`test/fixtures/powershell/compat/${folder}/${rule.id}.ps1`).some((e) => e.endsWith(` ${rule.id}`)), rule.id).toBe(true);
    }
    for (const file of [...fixtures51, ...fixturesFloor3]) {
      const name = basename(file, '.ps1');
      expect(name === 'ok' || ids.includes(name), file).toBe(true);
    }
  });

  it('every rule says where it comes from', () => {
    const { rules } = checked().report;
    expect(rules.length).toBeGreaterThanOrEqual(30);
    for (const rule of rules) expect(rule.source.length, rule.id).toBeGreaterThan(20);
  });

  it('the positive fixtures hold what 5.1 (and 3.0) do have, so the rules are not blanket bans', () => {
    const ok51 = readFileSync(join(FIXTURES, '5.1/ok.ps1'), 'utf8');
    for (const construct of ['using namespace', 'class Reading', '::new()', '.Where({', '-in @(', '-shl', '6>$null', 'Get-NetFirewallRule']) expect(ok51).toContain(construct);
    const okFloor = readFileSync(join(FIXTURES, 'floor3/ok.ps1'), 'utf8');
    for (const construct of ['[ordered]@{', '[pscustomobject]@{', 'Get-CimInstance @query', '2>&1']) expect(okFloor).toContain(construct);
  });
});

interface FloorRow {
  name: string;
  command?: string;
  since: string;
  source: string;
  says: string;
}
const floorTable = JSON.parse(readFileSync(FLOOR_TABLE, 'utf8')) as { commands: FloorRow[]; modules: FloorRow[]; parameters: FloorRow[] };
const parameterNames = (packed: string[] | undefined) => (packed ?? []).map((p) => p.split('=')[0]);

describe('the command table (built from ps51-cmdlets.json at test time)', () => {
  it('finds the reference outside the repository, and says where it looked when it cannot', () => {
    expect(referenceCandidates({ AD_SHARED_REFERENCE: '/somewhere/reference' }, '/repos/activation-doctor')).toEqual([
      '/somewhere/reference/ps51-cmdlets.json',
      '/repos/shared/reference/ps51-cmdlets.json',
      '/work/shared/reference/ps51-cmdlets.json',
    ]);
    expect(() => findReference(['/nowhere/a/ps51-cmdlets.json', '/nowhere/b/ps51-cmdlets.json'])).toThrow(
      /ps51-cmdlets\.json was not found\. Looked in: \/nowhere\/a\/ps51-cmdlets\.json, \/nowhere\/b\/ps51-cmdlets\.json\..*AD_SHARED_REFERENCE/,
    );
    expect(checked().referencePath.startsWith(ROOT + '/')).toBe(false);
  });

  it("holds the 5.1 commands and PowerShell's own modules", () => {
    const { table } = checked();
    expect(Object.keys(table.commands).length).toBeGreaterThan(4000);
    expect(table.powershellModules).toEqual(expect.arrayContaining(['Microsoft.PowerShell.Core', 'Microsoft.PowerShell.Management', 'CimCmdlets']));
    expect(table.powershellModules).not.toContain('NetSecurity');
  });

  it('agrees with what Microsoft documents for the cmdlets the scripts lean on', () => {
    const { table } = checked();
    expect(table.commands['ConvertFrom-Json']?.parameters).toEqual(['InputObject']);
    expect(table.commands['Get-CimInstance']?.parameters).toEqual(expect.arrayContaining(['ClassName', 'Filter', 'Property=SelectProperties', 'OperationTimeoutSec=OT']));
    expect(table.commands['Join-String']).toBeUndefined();
    expect(Object.keys(table.commonParameters)).toContain('PipelineVariable');
  });
});

describe('the collector floor table (scripts/ps51-compat/newer-than-3.0.json, hand-written)', () => {
  const rows = [...floorTable.commands, ...floorTable.modules, ...floorTable.parameters];

  it('cites a Microsoft page and its words for every row, and names a version after 3.0', () => {
    expect(floorTable.commands.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) {
      expect(row.source, row.name).toMatch(/^https:\/\/learn\.microsoft\.com\/powershell\//);
      expect(['4.0', '5.0', '5.1'], row.name).toContain(row.since);
      expect(row.says.length, row.name).toBeGreaterThan(10);
    }
  });

  it('names only commands, modules and parameters that 5.1 has (a misspelt row would never fire)', () => {
    const { table } = checked();
    for (const row of floorTable.commands) expect(table.commands[row.name], row.name).toBeDefined();
    for (const row of floorTable.modules) expect(table.powershellModules, row.name).toContain(row.name);
    for (const row of floorTable.parameters) {
      const names = row.command === '*' ? Object.keys(table.commonParameters) : parameterNames(table.commands[row.command ?? '']?.parameters);
      expect(names, `${row.command} -${row.name}`).toContain(row.name);
    }
  });

  it('holds what scripts reach for: Get-FileHash (4.0), the archive, clipboard and temp-file cmdlets (5.0), -Depth (5.0)', () => {
    const since = (name: string) => floorTable.commands.find((r) => r.name === name)?.since;
    expect(since('Get-FileHash')).toBe('4.0');
    for (const name of ['Compress-Archive', 'Expand-Archive', 'Get-Clipboard', 'Set-Clipboard', 'New-TemporaryFile', 'New-Guid', 'Format-Hex', 'Get-ItemPropertyValue', 'Write-Information']) expect(since(name), name).toBe('5.0');
    expect(floorTable.parameters.find((r) => r.command === 'Get-ChildItem' && r.name === 'Depth')?.since).toBe('5.0');
    expect(floorTable.parameters.find((r) => r.command === '*' && r.name === 'PipelineVariable')?.since).toBe('4.0');
  });
});

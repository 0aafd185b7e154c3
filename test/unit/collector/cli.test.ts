import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json';
import { buildCollectorScript } from '../../../main/collector/script';
import { runCli } from '../../../main/cli/index';
import { WS2019_FIXTURE } from './collector-fixture';

const ROOT = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'ad-collector-'));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('activation-doctor collector', () => {
  it('prints the script on stdout', async () => {
    const result = await run(['collector']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(buildCollectorScript({ version: packageJson.version }));
  });

  it('writes it with --out and tells how to run it there', async () => {
    const out = join(dir, 'activation-doctor-collector.ps1');
    const result = await run(['collector', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(buildCollectorScript({ version: packageJson.version }));
    // The path on a line of its own: never broken by wrapping, easy to copy.
    expect(result.stderr).toContain(`Collector script written to:\n  ${out}\n`);
    expect(result.stderr).toContain('powershell -ExecutionPolicy Bypass -File .\\activation-doctor-collector.ps1 [-KmsHost host[:port]]');
  });

  it('quotes a file name with spaces in the command it shows', async () => {
    const result = await run(['collector', '--out', join(dir, 'my collector.ps1')]);
    expect(result.stderr).toContain('-File ".\\my collector.ps1"');
  });

  it.each([
    [['collector', '--out', ''], /--out: the file name is empty/],
    [['collector', '--out', 'a\nb.ps1'], /--out: the file name contains a control character at position 2/],
    [['collector', '--out', join(dir, 'missing', 'x.ps1')], /could not write .*missing.*\(ENOENT\)/],
    [['collector', '--kms', 'kms01'], /unknown option --kms/],
    [['collector', 'extra'], /unexpected argument 'extra'/],
  ])('%j exits 2 with one line naming the problem', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is listed in help and documents itself', async () => {
    expect((await run(['help'])).stdout).toMatch(/collector\s+write a PowerShell script that collects the facts on another Windows computer/);
    const help = await run(['collector', '--help']);
    expect(help.stdout).toMatch(/^Usage: activation-doctor collector \[--out <file>\]/);
    expect(help.stdout).toContain('activation-doctor diagnose --snapshot <file>');
  });
});

describe('activation-doctor diagnose --snapshot <collector file>', () => {
  it('converts the file and prints the diagnosis, exit 1 for problems', async () => {
    const result = await run(['diagnose', '--json', '--snapshot', WS2019_FIXTURE]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.findings[0]).toMatchObject({ id: 'kms-time-skew', severity: 'blocker' });
    expect(json.findings.map((f: { id: string }) => f.id)).toContain('kms-srv-stale');
  });

  it('reads the file saved as UTF-16LE (Out-File in Windows PowerShell 5.1)', async () => {
    const path = join(dir, 'utf16.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(WS2019_FIXTURE, 'utf8'), 'utf16le')]));
    const result = await run(['diagnose', '--json', '--snapshot', path]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings[0].id).toBe('kms-time-skew');
  });

  it('rejects a malformed collector file with exit 2 and one line', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ format: 'activation-doctor/collector', version: 1 }));
    const result = await run(['diagnose', '--snapshot', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^activation-doctor diagnose: --snapshot: .*bad\.json: the collector file is malformed at takenAt: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when --snapshot names a folder', async () => {
    const result = await run(['diagnose', '--snapshot', dir]);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/--snapshot: cannot read .* \(EISDIR\)/) });
  });
});

describe('the real bin, end to end', () => {
  const bin = join(ROOT, 'bin', 'activation-doctor.cjs');

  it('writes the collector script with collector --out', () => {
    const out = join(dir, 'from-bin.ps1');
    const result = spawnSync(process.execPath, [bin, 'collector', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    const script = readFileSync(out, 'utf8');
    expect(script).toBe(buildCollectorScript({ version: packageJson.version }));
  }, 60_000);

  it('diagnoses a collector file with diagnose --snapshot --json', () => {
    const result = spawnSync(process.execPath, [bin, 'diagnose', '--snapshot', WS2019_FIXTURE, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.findings[0].id).toBe('kms-time-skew');
    expect(json.verdict.kind).toBe('activated');
  }, 60_000);
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import type { CliIo } from '../../../main/cli/io';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const json = (text: string): unknown => JSON.parse(text);

describe('activation-doctor explain', () => {
  it('explains a known code in plain text, with its sources', async () => {
    const r = await run('explain', '0xC004F074');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^0xC004F074 {2}SL_E_VL_BINDING_SERVICE_UNAVAILABLE\n/);
    // Wrapped to 100 columns with a hanging indent: the message reads the same once joined.
    expect(r.out.replace(/\n +/g, ' ')).toMatch(/No Key Management Service \(KMS\) could be contacted/);
    expect(Math.max(...r.out.split('\n').filter((l) => !l.includes('https://')).map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(r.out).toMatch(/Likely causes:\n {2}- .*4 hours/);
    expect(r.out).toMatch(/Next steps:\n {2}1\. /);
    expect(r.out).toMatch(/https:\/\/learn\.microsoft\.com\/troubleshoot\/windows-server\/licensing-and-activation\/error-0xc004f074-activate-windows/);
  });

  it.each(['C004F074', 'c004f074', '-1073418124', '3221549172'])('returns the normalised code in JSON for %s', async (input) => {
    const r = await run('explain', input, '--json');
    expect(r.code).toBe(0);
    expect(json(r.out)).toMatchObject({ code: '0xC004F074', symbol: 'SL_E_VL_BINDING_SERVICE_UNAVAILABLE', known: true, message: expect.stringMatching(/could not be activated/) });
  });

  it('keeps the code that was asked about and names the record it maps to', async () => {
    const r = await run('explain', '0xC004F065', '--json');
    expect(json(r.out)).toMatchObject({ code: '0xC004F065', canonicalCode: '0x4004F065', symbol: 'SL_I_NONGENUINE_GRACE_PERIOD', known: true });
  });

  it('answers an unknown but well-formed code with exit status 0', async () => {
    const text = await run('explain', '0xC004F0FF');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Facility:\s+4 \(FACILITY_ITF\)/);
    expect(text.out).toMatch(/slui\.exe 0x2a 0xC004F0FF/);
    const r = await run('explain', '0x80070002', '--json');
    expect(r.code).toBe(0);
    expect(json(r.out)).toMatchObject({ code: '0x80070002', symbol: null, message: null, known: false, decoded: { facility: 7, win32Error: 2 } });
  });

  it('accepts a pasted message', async () => {
    const r = await run('explain', 'Error: 0x8007232B DNS name does not exist.', '--json');
    expect(json(r.out)).toMatchObject({ code: '0x8007232B', known: true });
  });

  it.each([['explain', 'hello'], ['explain', 'C004F07'], ['explain'], ['explain', '0xC004F074', '--color']])('exits 2 with one line on stderr for %j', async (...argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^activation-doctor explain: [^\n]+\n$/);
  });
});

describe('activation-doctor keys', () => {
  it('prints an aligned table', async () => {
    const r = await run('keys', '--os', 'server 2022');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^PRODUCT\s+VERSION\s+EDITION\s+KEY$/);
    const keyColumn = lines[0]?.indexOf('KEY');
    const rows = lines.filter((l) => /[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.indexOf(row.slice(-29))).toBe(keyColumn);
    expect(r.out).toMatch(/WX4NM-KYWYW-QJJR4-XV3QB-6VM33/);
  });

  it('prints JSON records, each with a key', async () => {
    const r = await run('keys', '--json');
    const rows = json(r.out) as { key: string; product: string; sources: { url: string }[] }[];
    expect(rows.length).toBe(107);
    for (const row of rows) {
      expect(row.key).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
      expect(row.sources[0]?.url).toMatch(/^https:\/\//);
    }
  });

  it('filters case-insensitively', async () => {
    const rows = json((await run('keys', '--json', '--os', 'ltsc')).out) as { edition: string }[];
    expect(rows.length).toBe(8);
    expect(rows.every((r) => r.edition.includes('LTSC'))).toBe(true);
  });

  it('answers "no match" with an empty array or a clear line and exit status 0', async () => {
    const j = await run('keys', '--json', '--os', 'Windows 95');
    expect(j.code).toBe(0);
    expect(json(j.out)).toEqual([]);
    const t = await run('keys', '--os', 'Windows 95');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^No KMS client setup key matches "Windows 95"/);
  });

  it('rejects stray arguments', async () => {
    const r = await run('keys', 'server');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^activation-doctor keys: unexpected argument/);
  });
});

describe('activation-doctor key-for', () => {
  it('prints the key and how to install it', async () => {
    const r = await run('key-for', '--product', 'Microsoft Windows Server 2022 Datacenter', '--build', '20348', '--edition', 'ServerDatacenterCore');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Windows Server 2022 Datacenter\n/);
    expect(r.out).toMatch(/slmgr\.vbs \/ipk WX4NM-KYWYW-QJJR4-XV3QB-6VM33/);
  });

  it('prints JSON with found, key and record', async () => {
    const r = await run('key-for', '--build', '19045', '--edition', 'Professional', '--json');
    expect(r.code).toBe(0);
    expect(json(r.out)).toMatchObject({ found: true, key: 'W269N-WFGWX-YVC9B-4J6C9-T83GX', record: { product: 'Windows 10', edition: 'Pro' } });
  });

  it('exits 1 with the reason when no key exists', async () => {
    const text = await run('key-for', '--build', '22631', '--edition', 'Core');
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/Home edition/);
    const r = await run('key-for', '--build', '20348', '--edition', 'ServerDatacenterEval', '--json');
    expect(r.code).toBe(1);
    expect(json(r.out)).toMatchObject({ found: false, reason: expect.stringMatching(/DISM \/online \/Set-Edition:ServerDatacenter/), cause: 'evaluation' });
  });

  it.each([
    [['key-for', '--edition', 'Professional']],
    [['key-for', '--build', '19045']],
    [['key-for', '--build', 'latest', '--edition', 'Professional']],
    [['key-for', '--build', '0', '--edition', 'Professional']],
    [['key-for', '--build', '19045', '--edition', 'Pro fessional']],
    [['key-for', '--build']],
  ])('exits 2 on bad input %j', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^activation-doctor key-for: [^\n]+\n$/);
  });
});

describe('the real bin', () => {
  const root = path.resolve(__dirname, '../../..');
  const bin = path.join(root, 'bin', 'activation-doctor.cjs');

  it('runs explain --json end to end', () => {
    const r = spawnSync(process.execPath, [bin, 'explain', '0xC004F074', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '0xC004F074', symbol: 'SL_E_VL_BINDING_SERVICE_UNAVAILABLE', known: true });
  }, 60_000);

  it('exits 2 with one stderr line on bad input', () => {
    const r = spawnSync(process.execPath, [bin, 'explain', 'nonsense'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('explain with a near miss of a known code', () => {
  it.each(['0xC004F07', '0xc004f07'])('answers %s with the suggestion only (exit 0), never the decoding of the mistyped code', async (input) => {
    const r = await run('explain', input);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Did you mean (?:0x[0-9A-F]{8} or )*0xC004F074(?: or 0x[0-9A-F]{8})*\?/);
    expect(r.out).toMatch(/activation-doctor explain 0xC004F074/);
    expect(r.out).not.toMatch(/not a failure code|severity|slui/i);
  });

  it('keeps the suggestion alone in JSON advice', async () => {
    const r = await run('explain', '0xC004F07', '--json');
    expect(r.code).toBe(0);
    const answer = json(r.out) as { didYouMean: string[]; advice: string[] };
    expect(answer.didYouMean).toContain('0xC004F074');
    expect(answer.advice).toHaveLength(1);
    expect(answer.advice.join(' ')).not.toMatch(/not a failure code|slui/i);
  });
});

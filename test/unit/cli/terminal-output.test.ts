import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { escapeTerminalControls, stripTerminalControls, wrapText } from '../../../main/cli/terminal';
import { readFirstLine } from '../../../main/cli/secret';
import { healthySnapshot } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';
import type { Snapshot } from '../../../shared/snapshot';
import type { CliIo } from '../../../main/cli/io';

const dir = mkdtempSync(join(tmpdir(), 'ad-cli-term-'));
function file(name: string, snapshot: Snapshot): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(snapshot));
  return path;
}
const scenario = (name: string) => structuredClone(SCENARIOS.find((s) => s.name === name)!.snapshot);

async function run(argv: string[], extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...extra });
  return { code, stdout, stderr };
}

const ESC = '\u001b';
const BEL = '\u0007';
/** Strings a hostile snapshot can carry: window title (OSC 0), clipboard write (OSC 52), cursor movement and line erase (CSI), C1 CSI, bidi override. */
const HOSTILE = {
  title: `kms1${ESC}]0;you have been pwned${BEL}.corp.example`,
  clipboard: `kms1${ESC}]52;c;Y2FsYy5leGU=${ESC}\\.corp.example`,
  csi: `kms1${ESC}[2K${ESC}[1A${ESC}[31m.corp.example`,
  c1: `kms1\u009b2Kx.corp.example`,
  bidi: 'kms1.\u202Eelpmaxe.proc\u202C',
  isolate: 'kms1\u2066.corp\u2069.example',
  carriageReturn: 'kms1.corp.example\rActivated OK',
};
/** Written out here, not taken from the code under test: C0 but tab and newline, DEL, C1, bidi controls. */
function controlIn(text: string): string | null {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const bad = (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x200e || c === 0x200f || c === 0x061c || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    if (bad) return `U+${c.toString(16).padStart(4, '0')}`;
  }
  return null;
}

describe('the CLI output boundary: no terminal control from a snapshot reaches the screen', () => {
  it.each(Object.entries(HOSTILE))('strips %s sequences', (_name, text) => {
    const clean = stripTerminalControls(text);
    expect(controlIn(clean)).toBeNull();
    expect(clean).toContain('kms1');
  });

  it('removes the whole escape sequence, not just ESC (no stray "]0;" or "[2K" left to confuse a reader)', () => {
    expect(stripTerminalControls(HOSTILE.title)).toBe('kms1.corp.example');
    expect(stripTerminalControls(HOSTILE.clipboard)).toBe('kms1.corp.example');
    expect(stripTerminalControls(HOSTILE.csi)).toBe('kms1.corp.example');
  });

  it('escapes rather than removes in JSON, which stays valid and means the same', () => {
    const json = JSON.stringify({ host: HOSTILE.c1 + HOSTILE.bidi });
    const safe = escapeTerminalControls(json);
    expect(controlIn(safe)).toBeNull();
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });

  it('diagnose prints a hostile snapshot without a single control character, text and JSON', async () => {
    const s = scenario('f074-port-filtered');
    const product = s.windows.licensing.status === 'ok' ? s.windows.licensing.value.products[0]! : null;
    product!.discoveredKmsMachineName = HOSTILE.title;
    product!.name = `Windows${ESC}[2J${HOSTILE.bidi}`;
    if (s.network.kmsHosts.status === 'ok') s.network.kmsHosts.value[0]!.error = HOSTILE.clipboard;
    if (s.windows.os.status === 'ok') s.windows.os.value.computerName = HOSTILE.csi.slice(0, 60);
    s.windows.events = { status: 'unavailable', reason: 'timed-out', detail: `timed out: ${HOSTILE.c1}`, durationMs: 3000 };
    const path = file('hostile.json', s);
    for (const argv of [['diagnose', '--snapshot', path], ['diagnose', '--json', '--snapshot', path], ['snapshot', '--help']]) {
      const r = await run(argv);
      expect(controlIn(r.stdout + r.stderr)).toBeNull();
    }
    const json = await run(['diagnose', '--json', '--snapshot', path]);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});

describe('wrapping to the terminal width', () => {
  const long = '   [x] TCP kms1.corp.example:1688 (10.20.0.5): no answer after 3 s, which is what a firewall that silently drops TCP 1688 looks like (limit: connects)';

  it.each([80, 100])('wraps at %i columns with a hanging indent under the text', (columns) => {
    const lines = wrapText(long, columns).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {7}\S/);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(long.replace(/\s+/g, ' ').trim());
  });

  it('never breaks a command to paste, and keeps the spaces inside a line', () => {
    const command = '     activation-doctor fix set-kms-host --host a-very-long-kms-host-name.branch-office.corp.example:1688';
    expect(wrapText(command, 80)).toBe(command);
    expect(wrapText('1. BLOCKER  title', 80)).toBe('1. BLOCKER  title');
  });

  it.each([80, 100])('diagnose fits %i columns, except commands and unbreakable words', async (columns) => {
    const r = await run(['diagnose', '--snapshot', file('skew.json', scenario('f074-time-skew-plus-5h'))], { columns });
    expect(r.code).toBe(1);
    for (const line of r.stdout.split('\n')) {
      if (line.length > columns) expect(line.trim()).toMatch(/^(activation-doctor|cscript|w32tm)|^\S+$/);
    }
    // Each command is on a line of its own, whole.
    expect(r.stdout).toMatch(/^ {5}activation-doctor fix sync-time$/m);
    expect(r.stdout).toMatch(/^ {5}w32tm \/query \/status$/m);
  });

  it('keys fits 100 columns', async () => {
    const r = await run(['keys']);
    expect(r.code).toBe(0);
    expect(Math.max(...r.stdout.split('\n').filter((l) => !l.startsWith('Source: ')).map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/TVRH6-WHNXV-R9WG3-9XRFY-MY832/);
  });
});

describe('honest terminal output', () => {
  it('a cannot-tell diagnosis never says "No problems found", says the shared cause once, and exits 3', async () => {
    const r = await run(['diagnose', '--snapshot', file('linux.json', scenario('linux-network-only'))]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(/No problems found/);
    expect(r.stdout).toMatch(/Cannot tell/);
    expect(r.stdout.match(/not running on Windows/gi)!.length).toBe(2); // the verdict, then the one grouped line
    expect(r.stdout.match(/What to do:/g)).toHaveLength(1);
    // No internal finding ids.
    expect(r.stdout).not.toMatch(/no-product-key|kms-host-firewall-closed|\[kms-/);
  });

  it('a healthy snapshot exits 0 and says what slmgr /dlv would, in plain words', async () => {
    const r = await run(['diagnose', '--snapshot', file('healthy.json', healthySnapshot())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems found/);
    expect(r.stdout).toMatch(/Edition: +Windows Server 2019 Standard, KMS client \(volume licence\)/);
    expect(r.stdout).toMatch(/Licence: +Activated, \d+ days until the KMS activation must be renewed/);
    expect(r.stdout).not.toMatch(/Windows\(R\)/);
  });

  it('snapshot text says each unavailable fact once and leaves out the KMS host firewall row on a client', async () => {
    const s = scenario('licensing-unreadable');
    s.windows.firewall = { status: 'unavailable', reason: 'not-applicable', detail: 'The KMS firewall rule only matters on a KMS host', durationMs: 5 };
    s.network.time = { status: 'unavailable', reason: 'timed-out', detail: 'timed out: timed out after 3 s', durationMs: 3000 };
    const { renderSnapshotText } = await import('../../../main/cli/snapshot-text');
    const text = renderSnapshotText(s);
    expect(text.match(/SoftwareLicensingProduct could not be read/g)).toHaveLength(1);
    expect(text).not.toMatch(/SPPSVC-In-TCP/);
    expect(text).not.toMatch(/timed out: timed out/);
    expect(text).toMatch(/could not check: timed out after 3 s/);
  });

  it('snapshot and diagnose use the same status words for the checks', async () => {
    const { progressLine } = await import('../../../main/cli/progress');
    const titles = new Map([['network.time', 'Clock offset'], ['network.activationEndpoints', 'Online']]);
    const base = { runId: 'r', state: 'finished' as const, at: 0, durationMs: 1 };
    expect(progressLine({ ...base, probe: 'network.time', outcome: 'unavailable', reason: 'timed-out', summary: 'timed out: timed out after 3 s' }, titles)).toBe('  could not check  Clock offset: timed out after 3 s\n');
    expect(progressLine({ ...base, probe: 'network.activationEndpoints', outcome: 'unavailable', reason: 'not-applicable', summary: 'does not apply to this computer: only when asked' }, titles)).toMatch(/^ {2}skipped {10}Online/);
    expect(progressLine({ ...base, probe: 'windows.firewall', outcome: 'unavailable', reason: 'not-applicable', summary: 'x' }, titles)).toBeNull();
  });
});

describe('help, version and exit codes', () => {
  it('--version prints the version', async () => {
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^activation-doctor \d+\.\d+\.\d+\n$/) });
  });

  it('help <command> shows that command\'s help', async () => {
    const r = await run(['help', 'diagnose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: activation-doctor diagnose/);
    expect(r.stdout).toMatch(/3 could not tell/);
    expect((await run(['help', 'nonsense'])).code).toBe(2);
  });

  it('fix <id> --help lists that fix\'s inputs', async () => {
    const r = await run(['fix', 'set-kms-host', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: activation-doctor fix set-kms-host --host <host-port>/);
    expect(r.stdout).toMatch(/--host <host-port> +KMS host/);
    const key = await run(['help', 'fix', 'install-key-and-activate']);
    expect(key.stdout).toMatch(/\[--key -\]/);
    expect(key.stdout).toMatch(/Leave it out to be asked for it/);
  });
});

describe('a product key never has to be on the command line', () => {
  it('is read from the prompt (or standard input) when --key is left out', async () => {
    const prompts: string[] = [];
    const r = await run(['fix', 'install-key-and-activate'], {
      readSecret: async (prompt) => {
        prompts.push(prompt);
        return 'QX7PT-2MB9D-KH4CR-J6W3F-8YGVN';
      },
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatch(/Product key/);
    // The preview shows the last five characters only; nothing about shell history, since the key was not typed there.
    expect(r.stdout).toMatch(/\*{5}-\*{5}-\*{5}-\*{5}-8YGVN/);
    expect(r.stdout + r.stderr).not.toMatch(/QX7PT-2MB9D/);
    expect(r.stderr).not.toMatch(/history/);
  });

  it('warns that a key typed on the command line stays in the shell history', async () => {
    const r = await run(['fix', 'install-key-and-activate', '--key', 'QX7PT-2MB9D-KH4CR-J6W3F-8YGVN']);
    expect(r.stderr).toMatch(/stays in the shell's history/);
  });

  it('reads the first non-empty line of piped standard input', async () => {
    const input = new PassThrough();
    const line = readFirstLine(input);
    input.write('\r\n  QX7PT-2MB9D-KH4CR-J6W3F-8YGVN  \r\nsecond\n');
    await expect(line).resolves.toBe('QX7PT-2MB9D-KH4CR-J6W3F-8YGVN');
    const empty = new PassThrough();
    const none = readFirstLine(empty);
    empty.end();
    await expect(none).resolves.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseSnapshotArgs } from '../../../main/cli/commands/snapshot';
import { runCli } from '../../../main/cli/index';
import { UsageError } from '../../../main/cli/io';

const defaults = { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 };

describe('snapshot options: accepted values', () => {
  it('uses the defaults without options', () => {
    expect(parseSnapshotArgs([])).toEqual({ options: defaults, json: false, out: null, checkOnline: false });
  });

  it.each([
    [['--kms', 'KMS1.Corp.Example'], { kms: 'kms1.corp.example' }],
    [['--kms', 'kms1.corp.example:1700'], { kms: 'kms1.corp.example:1700' }],
    [['--kms=10.0.0.5'], { kms: '10.0.0.5' }],
    [['--kms', '[2001:DB8::5]:1688'], { kms: '[2001:db8::5]:1688' }],
    [['--kms', '2001:db8::5'], { kms: '[2001:db8::5]' }],
    [['--domain', 'Corp.Test.'], { domain: 'corp.test' }],
    [['--dns-server', '127.0.0.1:5353'], { dnsServer: '127.0.0.1:5353' }],
    [['--dns-server', '10.0.0.10'], { dnsServer: '10.0.0.10' }],
    [['--dns-server', '[::1]:53'], { dnsServer: '[::1]:53' }],
    [['--ntp-port', '12300'], { ntpPort: 12300 }],
    [['--timeout', '100'], { timeoutMs: 100 }],
    [['--timeout', '120000'], { timeoutMs: 120000 }],
  ])('%j', (args, expected) => {
    expect(parseSnapshotArgs(args).options).toEqual({ ...defaults, ...expected });
  });

  it('reads the switches and --out', () => {
    expect(parseSnapshotArgs(['--json', '--check-online', '--out', 'snap shot.json'])).toMatchObject({ json: true, checkOnline: true, out: 'snap shot.json' });
  });
});

describe('snapshot options: rejected values name the flag and the rule', () => {
  it.each([
    [['--kms', 'kms1;calc'], /^--kms: /],
    [['--kms', "kms1' ; Remove-Item C:\\"], /^--kms: .*contains a space/],
    [['--kms', '$(whoami)'], /^--kms: .*not a valid host name/],
    [['--kms', 'kms1\nkms2'], /^--kms: .*control character/],
    [['--kms', 'kms\u00001'], /^--kms: .*NUL/],
    [['--kms', '"kms1"'], /^--kms: .*not a valid host name/],
    [['--kms', `${'a'.repeat(64)}.corp`], /^--kms: .*at most 63/],
    [['--kms', 'kms1:0'], /^--kms: .*from 1 to 65535/],
    [['--kms', 'kms1:65536'], /^--kms: .*from 1 to 65535/],
    [['--kms', '[fe80::1%eth0]:1688'], /^--kms: .*zone id/],
    [['--kms', 'fe80::1%eth0'], /^--kms: .*zone id/],
    [['--kms', ''], /^--kms: .*empty/],
    [['--domain', '10.0.0.1'], /^--domain: .*not an address/],
    [['--domain', 'corp test'], /^--domain: .*space/],
    [['--domain', 'corp.test;rm -rf /'], /^--domain: /],
    [['--dns-server', 'dns.corp.test'], /^--dns-server: .*IP address, not a name/],
    [['--dns-server', '127.0.0.1:99999'], /^--dns-server: .*from 1 to 65535/],
    [['--dns-server', '[fe80::1%eth0]:53'], /^--dns-server: .*zone id/],
    [['--ntp-port', '0'], /^--ntp-port: .*from 1 to 65535/],
    [['--ntp-port', '123abc'], /^--ntp-port: .*whole number/],
    [['--timeout', '99'], /^--timeout: .*from 100 to 120000/],
    [['--timeout', '120001'], /^--timeout: .*from 100 to 120000/],
    [['--timeout', '1e3'], /^--timeout: .*whole number/],
    [['--timeout', '-5'], /^--timeout: .*whole number/],
    [['--out', ''], /^--out: .*empty/],
    [['--out', 'a\u0000b'], /^--out: .*NUL/],
    [['--out', 'snap\n.json'], /^--out: .*control character/],
    [['--kms', 'a', '--kms', 'b'], /given more than once/],
    [['--bogus'], /unknown option --bogus/],
    [['extra'], /unexpected argument/],
    [['--json=yes'], /does not take a value/],
  ])('%j', (args, message) => {
    expect(() => parseSnapshotArgs(args)).toThrow(UsageError);
    expect(() => parseSnapshotArgs(args)).toThrow(message);
  });
});

describe('snapshot usage errors through the CLI runner', () => {
  it('exits 2 with exactly one line on stderr and nothing on stdout', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['snapshot', '--timeout', '50'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/^activation-doctor snapshot: --timeout: the timeout must be from 100 to 120000 ms \(got 50\)\n$/);
  });

  it('does not echo a hostile value back raw', async () => {
    const err: string[] = [];
    const code = await runCli(['snapshot', '--kms', 'kms1\u001b[31m\nrm'], { stdout: () => undefined, stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    const text = err.join('');
    expect(text.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(text).not.toContain('\u001b');
  });
});

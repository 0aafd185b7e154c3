import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { runFix } from '../../../main/cli/commands/fix';
import { createLocalComputer } from '../../../main/local-computer';
import { createPowerShellRunner } from '../../../main/powershell/runner';
import { healthySnapshot, noOffice } from '../../support/snapshot-builder';
import { SCENARIOS } from '../diagnosis/scenarios';
import { FAKE_SHELL, FIX_SCRIPTS_DIR, defaultState } from '../fixes/harness';
import { okFact, unavailableFact } from '../../../shared/snapshot';

const dir = mkdtempSync(join(tmpdir(), 'ad-cli-diag-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('activation-doctor diagnose --snapshot', () => {
  it('exits 0 for a healthy snapshot', async () => {
    const result = await run(['diagnose', '--snapshot', file('healthy.json', JSON.stringify(healthySnapshot()))]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Windows is activated \(APP01\)/);
    expect(result.stdout).toMatch(/No problems found/);
  });

  it('exits 1 with the ranked findings in stable JSON', async () => {
    const sc = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h')!;
    const result = await run(['diagnose', '--json', '--code', 'C004F074', '--snapshot', file('skew.json', JSON.stringify(sc.snapshot))]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.verdict.kind).toBe('not-activated');
    expect(json.findings[0]).toMatchObject({ id: 'kms-time-skew', severity: 'blocker', evidence: expect.any(Array), fixes: expect.any(Array) });
    expect(json.reportedCode).toMatchObject({ code: '0xC004F074', known: true });
  });

  it('takes the code from a whole pasted slmgr message', async () => {
    const sc = SCENARIOS.find((s) => s.name === 'f074-port-filtered')!;
    const result = await run(['diagnose', '--json', '--code', 'Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated.', '--snapshot', file('f.json', JSON.stringify(sc.snapshot))]);
    expect(JSON.parse(result.stdout).reportedCode.code).toBe('0xC004F074');
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['an array', '[1,2]', /not an Activation Doctor snapshot/],
    ['another format', JSON.stringify({ format: 'something-else' }), /not an Activation Doctor snapshot/],
    ['a future version', JSON.stringify({ ...healthySnapshot(), version: 99 }), /version 99 is not supported/],
    ['a hostile value', JSON.stringify({ ...healthySnapshot(), takenAt: '<script>alert(1)</script>' }), /malformed at takenAt/],
    ['a prototype-polluting key', JSON.stringify(healthySnapshot()).replace('"format"', '"__proto__":{"polluted":true},"format"'), null],
    ['an over-long string', JSON.stringify({ ...healthySnapshot(), collector: { kind: 'cli', version: 'x'.repeat(5000), platform: 'linux', hostname: null } }), /malformed at collector.version/],
  ])('rejects a snapshot that is %s with exit 2 and a message naming the problem', async (_name, content, message) => {
    const result = await run(['diagnose', '--snapshot', file('bad.json', content)]);
    if (message === null) {
      // Extra keys are stripped by the schema: the document is read, and nothing is polluted.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(result.code).toBe(0);
      return;
    }
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('says so when the file cannot be read, and rejects a bad code', async () => {
    expect(await run(['diagnose', '--snapshot', join(dir, 'missing.json')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*ENOENT/) });
    expect(await run(['diagnose', '--code', 'not-a-code', '--snapshot', join(dir, 'healthy.json')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--code/) });
  });
});

describe('activation-doctor fix', () => {
  it('--list --json lists every fix with its id and named inputs', async () => {
    const result = await run(['fix', '--list', '--json']);
    const list = JSON.parse(result.stdout) as Array<{ id: string; inputs: Array<{ name: string }> }>;
    expect(list.map((f) => f.id)).toContain('set-kms-host');
    expect(list.find((f) => f.id === 'set-kms-host')!.inputs.map((i) => i.name)).toEqual(['host']);
    expect(list.find((f) => f.id === 'install-key-and-activate')!.inputs.map((i) => i.name)).toEqual(['key']);
  });

  it.each([
    [['fix', 'set-kms-host', '--host', '$(calc)'], /--host is not a valid host name/],
    [['fix', 'set-kms-host'], /--host is required/],
    [['fix', 'install-key-and-activate', '--key', 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA'], /--key/],
    [['fix', 'set-kms-host', '--hots', 'kms1'], /unknown option --hots/],
    [['fix', 'format-c-drive'], /there is no fix 'format-c-drive'/],
    [['fix', 'phone-activation', '--confirmation-id', '12345'], /--confirmation-id: the confirmation ID has 5 digits/],
  ])('%j exits 2 with one line naming the input and the rule', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('shows the preview and changes nothing without --yes; off Windows the preview is refused, said once, exit 1', async () => {
    const result = await run(['fix', 'set-kms-host', '--host', 'kms2.corp.example']);
    expect(result.stdout).toMatch(/slmgr\.vbs \/skms kms2\.corp\.example/);
    expect(result.stdout).toMatch(/Nothing was changed|nothing was changed/);
    if (process.platform === 'win32') return;
    expect(result.code).toBe(1);
    expect(result.stdout.replace(/\n +/g, ' ')).toMatch(/^Refused: .*equivalent commands above/m);
    expect(result.stdout).not.toMatch(/REFUSED|--yes to apply/);
    expect(result.stdout).not.toMatch(/below/);
  });

  describe('with --yes on a Windows computer (fake PowerShell)', () => {
    const auditPath = join(dir, 'audit.jsonl');
    process.env.NODE_POWERSHELL = FAKE_SHELL;
    process.env.FAKE_PS_LOG = join(dir, 'shell.jsonl');
    process.env.FAKE_FIX_SCENARIO = file('scenario.json', JSON.stringify({}));
    const runner = createPowerShellRunner({ scriptsDir: FIX_SCRIPTS_DIR });
    // No name, domain or KMS host in these facts, IMDS and DNS on closed loopback ports: the
    // re-check after the fix sends nothing beyond this machine.
    const state = defaultState();
    state.licensing!.products[0]!.discoveredKmsMachineName = null;
    const network = { partOfDomain: false, domain: 'WORKGROUP', workgroup: 'WORKGROUP', primaryDnsSuffix: null, dnsSuffixSearchList: [], dnsServers: [], connectionDnsSuffixes: [], winHttpProxy: null };
    const always = <T>(value: T) => async () => okFact(value, 1);
    const computerPromise = createLocalComputer({
      platform: 'win32',
      kind: 'cli',
      version: '0.0.0',
      auditLogPath: auditPath,
      runner,
      imdsBaseUrl: 'http://127.0.0.1:9',
      defaultOptions: { kms: null, domain: null, dnsServer: '127.0.0.1:9', ntpPort: 9, timeoutMs: 500 },
      collectors: {
        os: always(state.os!),
        licensing: always(state.licensing!),
        networkConfig: always(network),
        services: always(state.services!),
        events: always({ e12288: [], e12289: [], e8198: [], e12290: [] }),
        elevation: always({ elevated: true }),
        firewall: always({ name: 'SPPSVC-In-TCP' as const, exists: true, enabled: false, profiles: [], activeProfiles: [] }),
        esu: always({ licences: [] }),
        azureCertificates: always({ certificates: [] }),
        office: always(noOffice()),
        subscription: always({ properties: [], typeValue: null, statusValue: null, expiry: null, edition: null, windowsUpdateBlocked: null }),
        adba: async () => unavailableFact('not-applicable', 'not a domain member'),
      },
    });
    afterAll(async () => (await computerPromise).dispose());

    it('runs the fix, re-checks, and reports in JSON', async () => {
      let stdout = '';
      const code = await runFix(['set-kms-host', '--host', 'KMS2.corp.example:1688', '--yes', '--json'], { stdout: (t) => (stdout += t), stderr: () => {} }, { platform: 'win32', computer: await computerPromise });
      const outcome = JSON.parse(stdout);
      expect(outcome).toMatchObject({ status: 'succeeded', fixId: 'set-kms-host', steps: [{ ok: true }] });
      expect(code).toBe(0);
      expect(outcome.verification).toHaveProperty('problemGone');
    });
  });
});

describe('the real bin', () => {
  it('diagnose --snapshot works from the command line', () => {
    const path = file('bin.json', JSON.stringify(healthySnapshot()));
    const result = spawnSync(process.execPath, ['bin/activation-doctor.cjs', 'diagnose', '--json', '--snapshot', path], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).verdict.kind).toBe('activated');
  });
});

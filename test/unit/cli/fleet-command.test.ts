import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { runFleetCollect } from '../../../main/cli/commands/fleet';
import type { CollectOptions, CollectOutcome } from '../../../main/fleet/collect';
import { fleetShell } from '../../../main/fleet/shell';
import type { HostFacts } from '../../../main/powershell/environment';
import { FleetDiagnosisSchema } from '../../../shared/fleet';
import { escapeHtml, REPORT_CSP } from '../../../shared/report';
import { fleetMachine, generateFleet, machineName, PLANTED } from '../../support/fleet-generator';
import { osOf } from '../../support/snapshot-builder';

const root = mkdtempSync(join(tmpdir(), 'ad-cli-fleet-'));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function fleetFolder(name: string, count: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const { name: machine, snapshot } of generateFleet(count)) writeFileSync(join(dir, `${machine}.json`), JSON.stringify(snapshot));
  return dir;
}

describe('activation-doctor fleet diagnose', () => {
  const dir = fleetFolder('planted', 40);
  const hostile = fleetMachine(39);
  osOf(hostile).computerName = '=HYPERLINK("http://x")<script>';
  writeFileSync(join(dir, 'PC00039.json'), JSON.stringify(hostile));
  writeFileSync(join(dir, 'broken.json'), '{"format": "activation-doctor/snapshot", "version": 1');
  writeFileSync(join(dir, 'notes.txt'), 'not a snapshot and not .json: ignored');
  symlinkSync('/etc/hostname', join(dir, 'link.json'));

  it('prints the causes grouped with counts and the cross-machine findings, and exits 1', async () => {
    const result = await run(['fleet', 'diagnose', dir]);
    expect(result.code).toBe(1);
    // Text is wrapped to the terminal's width with a hanging indent: read it as one flow.
    const flat = result.stdout.replace(/\s+/g, ' ');
    expect(result.stdout).toMatch(/^40 machines: \d+ healthy, \d+ with problems, 0 cannot tell; 2 files could not be read/);
    expect(flat).toContain('2 computers share one client machine ID [fleet-duplicate-cmid]');
    expect(flat).toContain(`2 KMS hosts split the count in ${PLANTED.split.domain} [fleet-kms-count-split]`);
    expect(flat).toContain(`KMS host ${PLANTED.deadHost.host}:1688 is in DNS but does not answer [fleet-srv-host-dead]`);
    expect(result.stdout).toMatch(/ {4}10 {2}BLOCKER {2}kms-count-insufficient: /);
    expect(result.stdout).toMatch(/broken\.json: the file is not JSON/);
    expect(result.stdout).toMatch(/link\.json: a link, not a file/);
  });

  it('--json prints a document that matches the published schema; --html and --csv write the reports', async () => {
    const html = join(root, 'fleet.html');
    const csv = join(root, 'fleet.csv');
    const result = await run(['fleet', 'diagnose', dir, '--json', '--html', html, '--csv', csv]);
    expect(result.code).toBe(1);
    const fleet = FleetDiagnosisSchema.parse(JSON.parse(result.stdout));
    expect(fleet.machines).toHaveLength(40);
    expect(fleet.fleetFindings.map((f) => f.id)).toEqual(expect.arrayContaining(['fleet-duplicate-cmid', 'fleet-kms-count-split', 'fleet-srv-host-dead', 'fleet-renewal-stopped', 'fleet-mixed-channels']));

    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}" />`);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('=HYPERLINK(&quot;http://x&quot;)&lt;script&gt;');
    expect(page).not.toMatch(/(src|href)="http:/);

    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('machine,source,domain,verdict,kind,finding,severity,title');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")<script>",PC00039.json`);
    expect(lines.filter((l) => l.startsWith(`${machineName(20)},`) && l.includes(',fleet,fleet-duplicate-cmid,'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`${machineName(0)},`) && l.includes(',machine,kms-count-insufficient,'))).toHaveLength(1);
  });

  it('exits 0 for a folder of healthy machines', async () => {
    const healthy = join(root, 'healthy');
    mkdirSync(healthy);
    for (let i = PLANTED.firstHealthy; i < PLANTED.firstHealthy + 12; i++) writeFileSync(join(healthy, `${machineName(i)}.json`), JSON.stringify(fleetMachine(i)));
    const result = await run(['fleet', 'diagnose', healthy]);
    expect(result.stdout).toContain('Across machines: nothing found.');
    expect(result.code).toBe(0);
  });

  it('exits 2 with one line when the folder is missing, empty, or the command is unknown', async () => {
    const missing = await run(['fleet', 'diagnose', join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^activation-doctor fleet: .*nope does not exist\n$/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect((await run(['fleet', 'diagnose', empty])).stderr).toMatch(/has no \.json files/);
    expect((await run(['fleet', 'frobnicate'])).code).toBe(2);
  });
});

describe('activation-doctor fleet collect: arguments', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
  };
  // A Windows host whose loader mapped ntdll.dll from D:\\Win; the user's environment says otherwise.
  const windowsHost: HostFacts = { platform: 'win32', arch: 'x64', loadedLibraries: () => ['D:\\Win\\SYSTEM32\\ntdll.dll'], exists: () => false };
  const runtime = (collect?: (o: CollectOptions) => Promise<CollectOutcome[]>, env: Record<string, string> = {}) => ({ now: () => new Date('2026-12-07T08:00:00Z'), platform: 'win32', env, host: windowsHost, ...(collect ? { collect } : {}) });
  const collected = async (o: CollectOptions) => o.computers.map((computer) => ({ computer, ok: true as const, file: join(o.outDir, `${computer}.json`), summary: null }));

  it('starts Windows PowerShell by absolute path from the OS loader, never by bare name, and no environment variable overrides it', async () => {
    let seen: CollectOptions | undefined;
    const { io: cli } = io();
    const env = { ACTIVATION_DOCTOR_PWSH: 'C:\\Users\\x\\evil.exe', SystemRoot: 'C:\\Users\\x', PATH: '.;C:\\Users\\x' };
    await runFleetCollect(['--computers', 'srv01', '--out', join(root, 'shell-winrm')], cli, runtime(async (o) => ((seen = o), collected(o)), env));
    expect(seen?.shell).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('over SSH finds pwsh 7 only in absolute PATH folders (not the current folder), and says so when it is missing', async () => {
    const host: HostFacts = { platform: 'linux', arch: 'x64', loadedLibraries: () => [], exists: (p) => p === 'pwsh' || p === 'bin/pwsh' || p === '/opt/microsoft/powershell/7/pwsh' };
    const choose = (path: string) => fleetShell('ssh', host, path);
    expect(choose(':.:bin:/usr/bin:/opt/microsoft/powershell/7')).toEqual({ ok: true, path: '/opt/microsoft/powershell/7/pwsh' });
    expect(choose('.:bin:')).toMatchObject({ ok: false, message: expect.stringMatching(/PowerShell 7: pwsh was not found in the folders on PATH/) });
    const win: HostFacts = { platform: 'win32', arch: 'x64', loadedLibraries: () => [], exists: (p) => p.toLowerCase() === 'c:\\program files\\powershell\\7\\pwsh.exe' || p === 'C:pwsh.exe' };
    expect(fleetShell('ssh', win, 'C:;.;"C:\\Program Files\\PowerShell\\7"')).toEqual({ ok: true, path: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe' });
    const { io: cli } = io();
    const keyFile = join(root, 'k');
    await expect(
      runFleetCollect(['--computers', 'a', '--ssh', '--user', 'root', '--key-file', keyFile, '--known-hosts', keyFile], cli, { ...runtime(collected, { PATH: '.:bin' }), platform: 'linux', host }),
    ).rejects.toThrow(/--ssh needs PowerShell 7/);
  });

  it('refuses a computer name outside the host grammar before anything runs, naming it and its line', async () => {
    const list = join(root, 'computers.txt');
    writeFileSync(list, '# servers\nsrv01.corp.example\nsrv02; calc.exe\n');
    let called = false;
    const { io: cli } = io();
    await expect(
      runFleetCollect(['--computers', list], cli, runtime(async () => {
        called = true;
        return [];
      })),
    ).rejects.toThrow(/the computer 'srv02; calc\.exe' \(.*computers\.txt, line 3\) contains a space/);
    expect(called).toBe(false);
  });

  it('passes the validated, de-duplicated names and the throttle to the remoting run as data', async () => {
    let seen: CollectOptions | undefined;
    const { io: cli, out } = io();
    const code = await runFleetCollect(['--computers', 'SRV01.corp.example, srv01.corp.example,10.0.0.5', '--throttle', '8', '--out', join(root, 'collected')], cli, runtime(async (o) => {
      seen = o;
      return o.computers.map((computer) => ({ computer, ok: true as const, file: join(o.outDir, `${computer}.json`), summary: null }));
    }));
    expect(seen?.computers).toEqual(['srv01.corp.example', '10.0.0.5']);
    expect(seen?.throttle).toBe(8);
    expect(seen?.transport).toEqual({ kind: 'winrm', credential: false });
    expect(seen?.collectorScript).toContain('[switch]$Unattended');
    expect(code).toBe(0);
    expect(out.stdout).toContain('Next: activation-doctor fleet diagnose');
  });

  it('rejects a throttle out of range and WinRM off Windows with a clear message', async () => {
    const { io: cli } = io();
    await expect(runFleetCollect(['--computers', 'a', '--throttle', '0'], cli, runtime())).rejects.toThrow(/--throttle must be a whole number from 1 to 64/);
    await expect(runFleetCollect(['--computers', 'a'], cli, { ...runtime(), platform: 'linux' })).rejects.toThrow(/WinRM remoting runs from Windows/);
    await expect(runFleetCollect(['--computers', 'a', '--ssh', '--user', 'root'], cli, runtime())).rejects.toThrow(/--key-file <file> and --known-hosts/);
  });
});

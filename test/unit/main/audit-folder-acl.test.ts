import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The audit folder's Windows ACL logic (main/fixes/windows/audit-folder.ps1), run by the real
 * PowerShell 7 in .tools. Linux has no Windows ACLs: Get-Acl and Set-Acl are stand-ins of the same
 * shape (test/fixtures/powershell/audit-folder-harness.ps1), so what these tests cannot show is
 * Windows itself applying the SDDL, resolving SIDs and honouring the protected DACL. Folders,
 * files and symbolic links (which .NET reports as reparse points, like junctions) are real.
 */
const PWSH = resolve('.tools/pwsh/pwsh');
const SCRIPT = resolve('main/fixes/windows/audit-folder.ps1');
const HARNESS = resolve('test/fixtures/powershell/audit-folder-harness.ps1');
const root = mkdtempSync(join(tmpdir(), 'ad-acl-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SYSTEM = 'S-1-5-18';
const ADMINS = 'S-1-5-32-544';
const USERS = 'S-1-5-32-545';
const STANDARD_USER = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const FULL = 2032127;
/** What a new folder under %ProgramData% inherits: Users may create files and folders in it. */
const INHERITED_FROM_PROGRAMDATA = { owner: ADMINS, protected: false, rules: [{ sid: SYSTEM, rights: FULL, type: 'Allow' }, { sid: ADMINS, rights: FULL, type: 'Allow' }, { sid: USERS, rights: 0x6, type: 'Allow' }] };
const PROTECTED = { owner: ADMINS, protected: true, rules: [{ sid: SYSTEM, rights: FULL, type: 'Allow' }, { sid: ADMINS, rights: FULL, type: 'Allow' }] };

interface Run {
  result: { ok?: boolean; data?: { folder: string; created: boolean; repaired: boolean }; error?: { kind: string; message: string } };
  setAcl: Array<{ path: string; sddl: string }> | null;
}

function run(scenario: Record<string, unknown>, env: Record<string, string> = {}): Run {
  const encoded = Buffer.from(JSON.stringify({ script: SCRIPT, acls: {}, defaultAcl: INHERITED_FROM_PROGRAMDATA, ...scenario })).toString('base64');
  const out = spawnSync(PWSH, ['-NoProfile', '-NonInteractive', '-File', HARNESS, '-ScenarioBase64', encoded], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  if (out.status !== 0) throw new Error(`pwsh failed: ${out.stderr}`);
  const parsed = JSON.parse(out.stdout) as Run;
  return { ...parsed, setAcl: parsed.setAcl ?? [] };
}

describe('audit folder ACL (real PowerShell, stand-in ACLs)', () => {
  it('creates a missing folder and gives it the protected SYSTEM + Administrators DACL at once', () => {
    const folder = join(root, 'new', 'ActivationDoctor');
    mkdirSync(join(root, 'new'));
    const r = run({ args: { folder } });
    expect(r.result).toEqual({ ok: true, data: { folder, created: true, repaired: false } });
    expect(existsSync(folder)).toBe(true);
    expect(r.setAcl).toEqual([{ path: folder, sddl: 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)' }]);
  }, 60_000);

  it('accepts a folder that already has the protected DACL, changing nothing', () => {
    const folder = join(root, 'good');
    mkdirSync(folder);
    writeFileSync(join(folder, 'audit.jsonl'), '');
    const r = run({ args: { folder }, defaultAcl: PROTECTED });
    expect(r.result).toEqual({ ok: true, data: { folder, created: false, repaired: false } });
    expect(r.setAcl).toEqual([]);
  }, 60_000);

  it('refuses a folder a standard user created first, and does not touch it', () => {
    const folder = join(root, 'squatted');
    mkdirSync(folder);
    const r = run({ args: { folder }, defaultAcl: { owner: STANDARD_USER, protected: false, rules: [{ sid: STANDARD_USER, rights: FULL, type: 'Allow' }] } });
    expect(r.result.error?.kind).toBe('access-denied');
    expect(r.result.error?.message).toContain(`it is owned by ${STANDARD_USER}, not by SYSTEM or Administrators`);
    expect(r.result.error?.message).toContain(`${STANDARD_USER} may change it`);
    expect(r.result.error?.message).toMatch(/Delete the folder as an administrator/);
    expect(r.setAcl).toEqual([]);
  }, 60_000);

  it('refuses a folder that is a link (a planted junction or symbolic link)', () => {
    const target = join(root, 'elsewhere');
    mkdirSync(target);
    const folder = join(root, 'linked');
    symlinkSync(target, folder);
    const r = run({ args: { folder }, defaultAcl: PROTECTED });
    expect(r.result.error?.message).toMatch(/it is a link \(reparse point\) to another place/);
    expect(r.setAcl).toEqual([]);
  }, 60_000);

  it("repairs an earlier version's folder (Administrators' own, inherited DACL) when nothing foreign is inside", () => {
    const folder = join(root, 'old');
    mkdirSync(folder);
    writeFileSync(join(folder, 'audit.jsonl'), '');
    const r = run({ args: { folder }, acls: { [join(folder, 'audit.jsonl')]: PROTECTED } });
    expect(r.result).toEqual({ ok: true, data: { folder, created: false, repaired: true } });
    expect(r.setAcl).toHaveLength(1);
  }, 60_000);

  it('refuses a folder with a file a standard user placed inside, or a link inside', () => {
    const folder = join(root, 'planted');
    mkdirSync(folder);
    writeFileSync(join(folder, 'audit.jsonl'), '{"event":"after"}\n');
    const userFile = run({ args: { folder }, defaultAcl: PROTECTED, acls: { [join(folder, 'audit.jsonl')]: { ...PROTECTED, owner: STANDARD_USER } } });
    expect(userFile.result.error?.message).toContain(`audit.jsonl is owned by ${STANDARD_USER}`);

    const linked = join(root, 'planted-link');
    mkdirSync(linked);
    symlinkSync('/etc/passwd', join(linked, 'audit.jsonl'));
    const link = run({ args: { folder: linked }, defaultAcl: PROTECTED });
    expect(link.result.error?.message).toContain('audit.jsonl is a link');
  }, 60_000);

  it('refuses a protected DACL that still lets Users write', () => {
    const folder = join(root, 'writable');
    mkdirSync(folder);
    const r = run({ args: { folder }, defaultAcl: { owner: STANDARD_USER, protected: true, rules: [...PROTECTED.rules, { sid: USERS, rights: 0x2, type: 'Allow' }] } });
    expect(r.result.error?.message).toContain(`${USERS} may change it`);
  }, 60_000);

  it('takes %ProgramData% from Windows, not from the ProgramData variable a user can set', () => {
    const r = run({ args: { folder: null }, defaultAcl: PROTECTED, fakeFolder: true }, { ProgramData: join(root, 'attacker') });
    const knownFolder = spawnSync(PWSH, ['-NoProfile', '-Command', '[Environment]::GetFolderPath([Environment+SpecialFolder]::CommonApplicationData)'], { encoding: 'utf8' }).stdout.trim();
    expect(r.result.data?.folder).toBe(join(knownFolder, 'ActivationDoctor'));
    expect(r.result.data?.folder).not.toContain('attacker');
  }, 60_000);
});

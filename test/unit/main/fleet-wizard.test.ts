/**
 * "Check many computers" behind the wizard: the two IPC messages (folder chosen in main's dialog,
 * machines named by the ids main issued) and the services reading a real temp folder of generated
 * snapshots, with a hostile file and a planted link.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fleetMachine, generateFleet, machineName, PLANTED } from '../../support/fleet-generator';
import { osOf } from '../../support/snapshot-builder';
import type { FleetView } from '../../../shared/fleet/view';

vi.mock('electron', () => ({ ipcMain: { handle: () => {}, removeHandler: () => {} } }));
const { createHandler, defaultSenderPolicy } = await import('../../../main/ipc');
const { createImplementations } = await import('../../../main/app-services');
const { contract } = await import('../../../shared/ipc/contract');
const { buildFleetDiagnosis } = await import('../../../shared/fleet');
const { fleetView, FleetViewSchema, MAX_FLEET_MACHINES, MAX_MACHINE_LIST_CHARS, MAX_NAMES_PER_GROUP } = await import('../../../shared/fleet/view');
const { summariseMachine } = await import('../../../shared/fleet/summary');
const { diagnose } = await import('../../../shared/diagnosis');

const root = mkdtempSync(join(tmpdir(), 'ad-fleet-wizard-'));
const TRUSTED_ID = 3;
const policy = defaultSenderPolicy(new Set([TRUSTED_ID]));
const ourWindow = { sender: { id: TRUSTED_ID }, senderFrame: { url: 'app://activation-doctor/index.html', parent: null } } as never;
const otherOrigin = { sender: { id: TRUSTED_ID }, senderFrame: { url: 'https://evil.example/', parent: null } } as never;

function folder(name: string, count: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const { name: machine, snapshot } of generateFleet(count)) writeFileSync(join(dir, `${machine}.json`), JSON.stringify(snapshot));
  return dir;
}

function services(chosen: () => string | null) {
  const openFolder = vi.fn(async () => chosen());
  const unused = () => Promise.reject(new Error('not used here'));
  const impl = createImplementations({ version: '1.0.0', platform: 'linux', computer: unused, dialogs: { save: unused, open: unused, openFolder, confirmRun: unused }, files: { write: unused, read: unused }, emit: () => {} });
  return { impl, openFolder };
}

describe('fleet IPC messages', () => {
  it('rejects an untrusted sender before the folder dialog opens', async () => {
    const { impl, openFolder } = services(() => root);
    const reply = await createHandler('openFleetFolder', impl.openFleetFolder, policy)(otherOrigin, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(openFolder).not.toHaveBeenCalled();
  });

  it('rejects an untrusted sender asking for a machine', async () => {
    const { impl } = services(() => root);
    const spy = vi.fn(impl.openFleetMachine);
    const reply = await createHandler('openFleetMachine', spy, policy)(otherOrigin, { machine: 0 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    ['a path', '/etc'],
    ['an object naming a folder', { folder: '/etc' }],
    ['a number', 1],
  ])('never takes the folder from the renderer: %s is refused', async (_name, payload) => {
    const { impl, openFolder } = services(() => root);
    const reply = await createHandler('openFleetFolder', impl.openFleetFolder, policy)(ourWindow, payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(openFolder).not.toHaveBeenCalled();
  });

  it.each([
    ['a path', { machine: '/etc/passwd' }],
    ['a file name', { machine: 'PC00001.json' }],
    ['a negative id', { machine: -1 }],
    ['a fraction', { machine: 1.5 }],
    ['an id past the cap', { machine: MAX_FLEET_MACHINES }],
    ['an extra path field', { machine: 0, path: '/etc/passwd' }],
  ])('names a machine only by a whole-number id: %s is refused', async (_name, payload) => {
    const { impl } = services(() => root);
    const spy = vi.fn(impl.openFleetMachine);
    const reply = await createHandler('openFleetMachine', spy, policy)(ourWindow, payload);
    if (!('path' in payload)) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(spy).not.toHaveBeenCalled();
    } else {
      // zod strips the unknown field: the path never reaches the implementation, which has no folder open.
      expect(spy).toHaveBeenCalledWith({ machine: 0 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('not in the folder opened last') } });
    }
  });

  it('asks for a machine before any folder was opened: a plain refusal', async () => {
    const { impl } = services(() => null);
    const reply = await createHandler('openFleetMachine', impl.openFleetMachine, policy)(ourWindow, { machine: 0 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('Open the folder again') } });
  });
});

describe('fleet services on a folder of generated snapshots', () => {
  const dir = folder('planted', 40);
  const hostile = fleetMachine(39);
  osOf(hostile).computerName = '=HYPERLINK("http://x")<script>';
  writeFileSync(join(dir, 'PC00039.json'), JSON.stringify(hostile));
  writeFileSync(join(dir, 'deep.json'), '['.repeat(100_000));
  writeFileSync(join(dir, 'broken.json'), '{"format": "activation-doctor/snapshot", "version": 1');
  writeFileSync(join(dir, 'notes.txt'), 'ignored: not .json');
  // A link to another machine's snapshot outside the folder: not followed.
  const outside = join(root, 'outside.json');
  writeFileSync(outside, JSON.stringify(fleetMachine(5)));
  symlinkSync(outside, join(dir, 'link.json'));

  it('diagnoses the folder main chose and answers with the bounded view, through the contract', async () => {
    const { impl, openFolder } = services(() => dir);
    const reply = await createHandler('openFleetFolder', impl.openFleetFolder, policy)(ourWindow, undefined);
    expect(openFolder).toHaveBeenCalledOnce();
    if (!reply.ok || !(reply.value as { opened: boolean }).opened) throw new Error(`not opened: ${JSON.stringify(reply)}`);
    const { folderName, fleet } = reply.value as { folderName: string; fleet: FleetView };
    expect(folderName).toBe('planted');
    expect(fleet.totals).toMatchObject({ files: 43, machines: 40, unreadable: 3 });
    expect(fleet.unreadable.map((u) => u.fileName).sort()).toEqual(['broken.json', 'deep.json', 'link.json']);
    expect(fleet.unreadable.find((u) => u.fileName === 'link.json')?.reason).toMatch(/links are not followed/);
    expect(fleet.unreadable.find((u) => u.fileName === 'deep.json')?.reason).toMatch(/nests brackets more than 64 levels/);
    // Causes: blockers first, most machines first among them; the planted split is the top blocker.
    const split = fleet.causes.find((c) => c.findingId === 'kms-count-insufficient');
    expect(split).toMatchObject({ severity: 'blocker', count: 10 });
    const order = fleet.causes.map((c) => [c.severity === 'blocker' ? 0 : 1, -c.count]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    const ids = fleet.fleetFindings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['fleet-duplicate-cmid', 'fleet-kms-count-split', 'fleet-srv-host-dead', 'fleet-renewal-stopped', 'fleet-mixed-channels']));
    const dup = fleet.fleetFindings.find((f) => f.id === 'fleet-duplicate-cmid' && f.machines.includes(machineName(20)));
    expect(dup?.machines).toEqual(expect.arrayContaining([machineName(20), machineName(21)]));
    expect(fleet.fleetFindings.find((f) => f.id === 'fleet-srv-host-dead')?.machineCount).toBe(PLANTED.deadHost.machines.length);
    expect(fleet.machines).toHaveLength(40);
    expect(fleet.machines.map((m) => m.id)).toEqual([...Array(40).keys()]);
    expect(fleet.capped).toEqual([]);
  });

  it('drills into a machine by its id: the full diagnosis of that file, read-only (no fix can run)', async () => {
    const { impl } = services(() => dir);
    const opened = await impl.openFleetFolder(undefined);
    if (!opened.opened) throw new Error('not opened');
    const row = opened.fleet.machines.find((m) => m.name === machineName(0))!;
    const machine = await impl.openFleetMachine({ machine: row.id });
    expect(machine.fileName).toBe('PC00000.json');
    expect(machine.name).toBe(machineName(0));
    expect(machine.result.diagnosis.findings.map((f) => f.id)).toContain('kms-count-insufficient');
    expect(contract.openFleetMachine.response.safeParse(machine).success).toBe(true);
    // The hostile name is data: it comes back as the same text, for React to escape.
    const odd = opened.fleet.machines.find((m) => m.fileName === 'PC00039.json')!;
    expect((await impl.openFleetMachine({ machine: odd.id })).name).toBe('=HYPERLINK("http://x")<script>');
    // Like a snapshot file: previews work, a fix never runs.
    await expect(impl.runFix({ fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'snapshot', previewToken: 'ab'.repeat(32) })).rejects.toThrow(/disabled for a snapshot/);
    await expect(impl.openFleetMachine({ machine: opened.fleet.machines.length })).rejects.toThrow(/not in the folder opened last/);
  });

  it('a file replaced by a link after the folder was read is refused on drill-in, with why', async () => {
    const dir2 = folder('swapped', 3);
    const { impl } = services(() => dir2);
    const opened = await impl.openFleetFolder(undefined);
    if (!opened.opened) throw new Error('not opened');
    rmSync(join(dir2, 'PC00001.json'));
    symlinkSync(outside, join(dir2, 'PC00001.json'));
    await expect(impl.openFleetMachine({ machine: 1 })).rejects.toThrow(/PC00001\.json cannot be opened now: a link, not a file/);
  });

  it('an empty folder and a folder of nothing readable come back as such, not as a healthy fleet', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const first = await services(() => empty).impl.openFleetFolder(undefined);
    expect(first).toMatchObject({ opened: true, fleet: { totals: { files: 0, machines: 0, healthy: 0 }, machines: [] } });
    const junk = join(root, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'a.json'), 'not json');
    const second = await services(() => junk).impl.openFleetFolder(undefined);
    expect(second).toMatchObject({ opened: true, fleet: { totals: { files: 1, machines: 0, unreadable: 1 } } });
  });

  it('cancelling the dialog changes nothing; a folder that is gone is a plain failure', async () => {
    expect(await services(() => null).impl.openFleetFolder(undefined)).toEqual({ opened: false });
    await expect(services(() => join(root, 'no-such-folder')).impl.openFleetFolder(undefined)).rejects.toThrow(/does not exist/);
  });
});

describe('fleet view bounds', () => {
  it('lists at most MAX_NAMES_PER_GROUP names per group with exact counts, and says so', () => {
    const snapshot = fleetMachine(0);
    const summary = summariseMachine(snapshot, diagnose(snapshot), 'PC00000.json');
    const machines = Array.from({ length: MAX_NAMES_PER_GROUP + 50 }, (_, i) => ({ ...summary, name: `PC${i}`, clientMachineId: `cmid-${i}` }));
    const view = fleetView(buildFleetDiagnosis(machines, []), machines.length);
    const group = view.causes.find((c) => c.findingId === 'kms-count-insufficient')!;
    expect(group.count).toBe(MAX_NAMES_PER_GROUP + 50);
    expect(group.machines).toHaveLength(MAX_NAMES_PER_GROUP);
    expect(view.capped.join(' ')).toMatch(/first 200 machine names; the counts are for every machine/);
    expect(FleetViewSchema.safeParse(view).success).toBe(true);
  });

  it('keeps the machine list under its size budget when names are long, and says so', () => {
    const snapshot = fleetMachine(30);
    const summary = summariseMachine(snapshot, diagnose(snapshot), 'x.json');
    const machines = Array.from({ length: MAX_FLEET_MACHINES }, (_, i) => ({ ...summary, name: `${'N'.repeat(240)}${i}`, source: `${'f'.repeat(480)}${i}.json`, domain: 'd'.repeat(255) }));
    // Only the view is under test: the rules and groups are not run over 20,000 copies.
    const empty = buildFleetDiagnosis([], []);
    const view = fleetView({ ...empty, totals: { ...empty.totals, machines: machines.length }, machines }, machines.length);
    expect(view.machines.length).toBeGreaterThan(1000);
    expect(view.machines.length).toBeLessThan(MAX_FLEET_MACHINES);
    // The budget counts each entry; the list's commas and brackets add one character per entry.
    expect(JSON.stringify(view.machines).length).toBeLessThanOrEqual(MAX_MACHINE_LIST_CHARS + view.machines.length + 1);
    expect(view.totals.machines).toBe(MAX_FLEET_MACHINES);
    expect(view.capped.join(' ')).toMatch(new RegExp(`shows the first ${view.machines.length.toLocaleString('en-US')} of 20,000 machines`));
    expect(FleetViewSchema.safeParse(view).success).toBe(true);
  });

  it('says when files past the machine cap were not read', () => {
    const view = fleetView(buildFleetDiagnosis([], []), MAX_FLEET_MACHINES + 5, 5);
    expect(view.capped[0]).toMatch(/holds 20,005 files; only the first 20,000/);
  });
});

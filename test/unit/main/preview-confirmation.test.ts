import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalComputer } from '../../../main/local-computer';
import { createHarness, defaultState, type Harness } from '../fixes/harness';
import { baseOs } from '../../support/snapshot-builder';

// The true boundaries: Electron's ipcMain (a recorder) and the PowerShell process (the fake shell
// of the fix harness). Everything between them is the real code: handlers, services, tokens, engine.
const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { defaultSenderPolicy, registerIpc } = await import('../../../main/ipc');
const { createImplementations } = await import('../../../main/app-services');
const { contract } = await import('../../../shared/ipc/contract');
const { PREVIEW_TOKEN_LIFETIME_MS } = await import('../../../main/preview-tokens');

const TRUSTED = { sender: { id: 3 }, senderFrame: { url: 'app://activation-doctor/index.html', parent: null } };
type Reply = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

let h: Harness;
let state = defaultState();
let clock = Date.parse('2026-12-07T08:00:00Z');

function send(name: keyof typeof contract, payload: unknown): Promise<Reply> {
  return handlers.get(contract[name].channel)!(TRUSTED, payload) as Promise<Reply>;
}

async function preview(fixId: string, inputs: Record<string, string> = {}): Promise<string> {
  const reply = await send('previewFix', { fixId, inputs, source: 'this-computer' });
  if (!reply.ok) throw new Error(reply.error.message);
  expect(reply.value.kind).toBe('preview');
  return reply.value.token as string;
}

const fixScriptsRun = () => h.invocations().filter((i) => i.script === 'fix-licensing');

let confirmations: Array<{ title: string; commands: string[] }> = [];
let confirmAnswer = true;

beforeEach(() => {
  confirmations = [];
  confirmAnswer = true;
  state = defaultState();
  h = createHarness({ state: () => state });
  const computer = {
    platform: 'win32',
    isWindows: true,
    lastSnapshot: () => null,
    fixes: h.engine,
    audit: h.audit,
  } as unknown as LocalComputer;
  registerIpc(
    createImplementations({
      version: '1.0.0',
      platform: 'win32',
      computer: async () => computer,
      dialogs: { save: async () => null, open: async () => null, openFolder: async () => null, confirmRun: async (title, commands) => { confirmations.push({ title, commands: [...commands] }); return confirmAnswer; } },
      files: { write: async () => {}, read: async () => new Uint8Array() },
      emit: () => {},
      now: () => new Date(clock),
    }),
    defaultSenderPolicy(new Set([3])),
  );
});

afterEach(async () => {
  handlers.clear();
  await h.dispose();
});

describe('the main process confirms each fix against a preview it issued', () => {
  it('asks in its own native dialog, with the exact commands, and runs nothing when the technician cancels there', async () => {
    const token = await preview('set-kms-host', { host: 'kms1.corp.example' });
    confirmAnswer = false;
    const run = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', previewToken: token });
    expect(run).toEqual({ ok: false, error: { code: 'failed', message: expect.stringMatching(/^Nothing was changed: the fix was cancelled/) } });
    expect(fixScriptsRun()).toHaveLength(0);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.commands.join('\n')).toContain('kms1.corp.example');
  });

  it('shows every product key in the native dialog by its last five, the published GVLK too, and runs the real key', async () => {
    const token = await preview('install-gvlk', {});
    const run = await send('runFix', { fixId: 'install-gvlk', inputs: {}, override: false, source: 'this-computer', previewToken: token });
    expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
    expect(confirmations).toHaveLength(1);
    const shown = confirmations[0]!.commands.join('\n');
    expect(shown).toMatch(/\/ipk \*{5}-\*{5}-\*{5}-\*{5}-[0-9A-Z]{5}/);
    expect(shown).not.toMatch(/[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
    expect(run.ok).toBe(true);
    expect(String(fixScriptsRun()[0]!.params.key)).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
  });

  it('runs a fix with the token of its preview, once', async () => {
    const token = await preview('set-kms-host', { host: 'kms1.corp.example' });
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const run = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', previewToken: token });
    expect(run.ok).toBe(true);
    expect(fixScriptsRun()).toHaveLength(1);
    expect(fixScriptsRun()[0]!.params).toMatchObject({ operation: 'set-kms-machine', host: 'kms1.corp.example' });

    const replay = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', previewToken: token });
    expect(replay).toEqual({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/already used.*Nothing was changed/) } });
    expect(fixScriptsRun()).toHaveLength(1);
  });

  it('refuses inputs altered after the preview (preview one KMS host, run another)', async () => {
    const token = await preview('set-kms-host', { host: 'kms1.corp.example' });
    const run = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms.attacker.example' }, override: false, source: 'this-computer', previewToken: token });
    expect(run).toEqual({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/inputs differ from the preview/) } });
    expect(fixScriptsRun()).toHaveLength(0);
  });

  it('refuses a different fix under the token of another preview', async () => {
    const token = await preview('set-kms-host', { host: 'kms1.corp.example' });
    const run = await send('runFix', { fixId: 'install-gvlk', inputs: {}, override: false, source: 'this-computer', previewToken: token });
    expect(run.ok).toBe(false);
    expect(fixScriptsRun()).toHaveLength(0);
  });

  it('refuses a run with no preview, a made-up token or a missing token', async () => {
    const made = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', previewToken: 'f'.repeat(64) });
    expect(made).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/not previewed/) } });
    const missing = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/previewToken/) } });
    const confirmedFlag = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', confirmed: true, previewToken: 'x' });
    expect(confirmedFlag.ok).toBe(false);
    expect(fixScriptsRun()).toHaveLength(0);
  });

  it('refuses an expired preview', async () => {
    const token = await preview('set-kms-host', { host: 'kms1.corp.example' });
    clock += PREVIEW_TOKEN_LIFETIME_MS + 1;
    const run = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: false, source: 'this-computer', previewToken: token });
    expect(run).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more than 10 minutes old/) } });
    expect(fixScriptsRun()).toHaveLength(0);
  });

  it('runs nothing when the computer changed so that the fix would run other commands than previewed', async () => {
    const token = await preview('install-gvlk');
    state = { ...state, os: { ...baseOs(), caption: 'Microsoft Windows Server 2019 Datacenter', editionId: 'ServerDatacenter' } };
    const run = await send('runFix', { fixId: 'install-gvlk', inputs: {}, override: false, source: 'this-computer', previewToken: token });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.value.outcome).toMatchObject({ status: 'not-confirmed', message: expect.stringMatching(/changed since the preview/) });
    expect(fixScriptsRun()).toHaveLength(0);
  });

  it('accepts an override only when the confirmed preview offered one', async () => {
    const plain = await preview('set-kms-host', { host: 'kms1.corp.example' });
    const forced = await send('runFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, override: true, source: 'this-computer', previewToken: plain });
    expect(forced).toMatchObject({ ok: false, error: { message: expect.stringMatching(/offered no override/) } });
    expect(fixScriptsRun()).toHaveLength(0);

    // Windows is activated (licence status 1): installing the KMS client key is refused, overridably.
    state = { ...state, licensing: { ...state.licensing!, products: state.licensing!.products.map((p) => ({ ...p, licenseStatus: 1, licenseStatusReason: 0 })) } };
    const reply = await send('previewFix', { fixId: 'install-gvlk', inputs: {}, source: 'this-computer' });
    expect(reply).toMatchObject({ ok: true, value: { preview: { refusal: { overridable: true } } } });
    if (!reply.ok) throw new Error(reply.error.message);
    const token = reply.value.token as string;
    const run = await send('runFix', { fixId: 'install-gvlk', inputs: {}, override: true, source: 'this-computer', previewToken: token });
    expect(run).toMatchObject({ ok: true, value: { outcome: { status: 'succeeded' } } });
    expect(fixScriptsRun().map((i) => i.params.operation)).toContain('install-product-key');
  });

  it('issues no token for a snapshot of another computer', async () => {
    const reply = await send('previewFix', { fixId: 'set-kms-host', inputs: { host: 'kms1.corp.example' }, source: 'snapshot' });
    expect(reply).toMatchObject({ ok: true, value: { kind: 'preview', token: null } });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';

// The true boundary is Electron itself: replace `ipcMain` with a recorder.
const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { createHandler, defaultSenderPolicy, registerIpc, UserFacingError } = await import('../../../main/ipc');
const { createImplementations } = await import('../../../main/app-services');
const { contract } = await import('../../../shared/ipc/contract');

const TRUSTED_ID = 7;

/** Services whose engine is never reached in these tests: only the IPC layer is under test. */
function services(version: string, platform: string) {
  const unused = () => Promise.reject(new Error('not used in IPC tests'));
  return createImplementations({
    version,
    platform,
    computer: unused,
    dialogs: { save: unused, open: unused, confirmRun: unused, openFolder: unused },
    files: { write: unused, read: unused },
    emit: () => {},
  });
}
const policy = defaultSenderPolicy(new Set([TRUSTED_ID]));

function event(url = 'app://activation-doctor/index.html', options: { id?: number; subframe?: boolean; noFrame?: boolean } = {}) {
  return {
    sender: { id: options.id ?? TRUSTED_ID },
    senderFrame: options.noFrame ? null : { url, parent: options.subframe ? {} : null },
  } as never;
}

describe('IPC handlers', () => {
  beforeEach(() => handlers.clear());

  it('answers a valid request from our own window', async () => {
    const handler = createHandler('getAppInfo', services('1.2.3', 'win32').getAppInfo, policy);
    const reply = await handler(event(), undefined);
    expect(reply).toEqual({ ok: true, value: { name: 'Activation Doctor', version: '1.2.3', platform: 'win32', canProbeWindows: true } });
  });

  it.each([
    ['a page from another origin', event('https://evil.example/index.html')],
    ['a file:// page', event('file:///C:/Users/x/index.html')],
    ['a look-alike origin', event('app://activation-doctor.evil/index.html')],
    ['credentials in the URL', event('app://user:pw@activation-doctor/index.html')],
    ['a sub-frame of our window', event(undefined, { subframe: true })],
    ['another web contents', event(undefined, { id: 99 })],
    ['a destroyed frame', event(undefined, { noFrame: true })],
  ])('rejects %s as an untrusted sender, without running the implementation', async (_name, ev) => {
    const impl = vi.fn(async () => ({ name: 'x', version: '1', platform: 'linux' as const, canProbeWindows: false }));
    const reply = await createHandler('getAppInfo', impl, policy)(ev, undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'hello'],
    ['an object', { channel: 'ad:app:info' }],
    ['a number', 42],
    ['null', null],
  ])('rejects a payload that is %s with a typed error', async (_name, payload) => {
    const impl = vi.fn();
    const reply = await createHandler('getAppInfo', impl, policy)(event(), payload);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('turns a crash in the implementation into a failure envelope and logs the details', async () => {
    const log = vi.fn();
    const reply = await createHandler('getAppInfo', async () => { throw new Error('boom'); }, policy, log)(event(), undefined);
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: expect.stringContaining('went wrong') } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom'));
    expect(JSON.stringify(reply)).not.toContain('boom');
  });

  it('passes a user-facing error through with its own words', async () => {
    const reply = await createHandler('getAppInfo', async () => { throw new UserFacingError('busy', 'A fix is already running.'); }, policy)(event(), undefined);
    expect(reply).toEqual({ ok: false, error: { code: 'busy', message: 'A fix is already running.' } });
  });

  it('refuses to send a response that breaks the contract', async () => {
    const bad = async () => ({ name: 'x' }) as never;
    const reply = await createHandler('getAppInfo', bad, policy)(event(), undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });

  it('registers exactly one handler per contract message and can remove them', async () => {
    const dispose = registerIpc(services('0.0.1', 'linux'), policy);
    expect([...handlers.keys()].sort()).toEqual(Object.values(contract).map((m) => m.channel).sort());
    const reply = await handlers.get(contract.getAppInfo.channel)!(event(), undefined);
    expect(reply).toMatchObject({ ok: true, value: { platform: 'linux', canProbeWindows: false } });
    const rejected = await handlers.get(contract.getAppInfo.channel)!(event('https://example.com/'), undefined);
    expect(rejected).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    dispose();
    expect(handlers.size).toBe(0);
  });
});

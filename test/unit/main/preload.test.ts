import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeApi } from '../../../shared/ipc/contract';

const exposed = new Map<string, unknown>();
const invoke = vi.fn<(channel: string, payload: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke: (channel: string, payload: unknown) => invoke(channel, payload) },
}));

const { contract } = await import('../../../shared/ipc/contract');
await import('../../../main/preload/index');
const api = exposed.get('activationDoctor') as BridgeApi & Record<string, unknown>;

describe('preload bridge', () => {
  beforeEach(() => invoke.mockReset());

  it('exposes exactly one function per contract message and nothing generic', () => {
    expect([...exposed.keys()]).toEqual(['activationDoctor']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'onProbeProgress'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key]).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api[generic]).toBeUndefined();
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each method on its own fixed channel and returns the validated reply', async () => {
    const value = { name: 'Activation Doctor', version: '1.0.0', platform: 'win32', canProbeWindows: true };
    invoke.mockResolvedValue({ ok: true, value });
    await expect(api.getAppInfo()).resolves.toEqual({ ok: true, value });
    expect(invoke).toHaveBeenCalledWith(contract.getAppInfo.channel, undefined);
  });

  it('rejects a bad request before anything is sent to main', async () => {
    const reply = await (api.getAppInfo as unknown as (x: unknown) => Promise<unknown>)({ sneaky: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a malformed reply from main', async () => {
    invoke.mockResolvedValue({ ok: true, value: { name: 42 } });
    await expect(api.getAppInfo()).resolves.toMatchObject({ ok: false, error: { code: 'invalid-response' } });
  });
});

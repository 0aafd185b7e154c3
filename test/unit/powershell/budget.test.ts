/**
 * Windows scripts have their own time budget: the network limit (how long to wait for a silent
 * host, 3 s by default) would stop a cold Software Protection query and restart PowerShell.
 */
import { describe, expect, it } from 'vitest';
import type { InvokeOptions, PowerShellRunner } from '../../../main/powershell/runner';
import { windowsCollectorLimitMs } from '../../../main/probes/collect';
import { WINDOWS_SCRIPT_TIMEOUT_MS, createWindowsCollectors } from '../../../main/probes/windows/index';
import type { ProbeContext } from '../../../main/probes/types';
import { WINDOWS_PROBES } from '../../../main/probes/windows/registry';

function recordingRunner(): { runner: PowerShellRunner; limits: Map<string, number> } {
  const limits = new Map<string, number>();
  const runner: PowerShellRunner = {
    invoke: (script: string, _params: unknown, _schema: unknown, options: InvokeOptions) => {
      limits.set(script, options.timeoutMs);
      return Promise.reject(new Error('recorded only'));
    },
    dispose: async () => undefined,
  };
  return { runner, limits };
}

const ctx: ProbeContext = {
  signal: new AbortController().signal,
  timeoutMs: 3000,
  options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
};

describe('the Windows script budget', () => {
  it('is at least 20 s for every collector, whatever the network limit', async () => {
    const { runner, limits } = recordingRunner();
    const collectors = createWindowsCollectors(runner, { platform: 'win32' });
    await Promise.all(Object.values(collectors).map((read) => read(ctx)));
    expect([...limits.keys()].sort()).toEqual(WINDOWS_PROBES.map((probe) => probe.script).sort());
    expect(WINDOWS_SCRIPT_TIMEOUT_MS).toBeGreaterThanOrEqual(20_000);
    for (const limit of limits.values()) expect(limit).toBe(WINDOWS_SCRIPT_TIMEOUT_MS);
  });

  it('can be set per collector set (the CLI or a test), still apart from the network limit', async () => {
    const { runner, limits } = recordingRunner();
    await createWindowsCollectors(runner, { platform: 'win32', scriptTimeoutMs: 45_000 }).os(ctx);
    expect(limits.get('os')).toBe(45_000);
  });

  it('sizes the orchestrator safety net: every registered script one after another plus a cold start', () => {
    expect(windowsCollectorLimitMs()).toBe(WINDOWS_PROBES.length * WINDOWS_SCRIPT_TIMEOUT_MS + 30_000);
  });
});

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { WINDOWS_FACT_KEYS, WindowsFactsSchema, type UnavailableReason, type WindowsFacts } from '../../../../shared/snapshot';
import type { ScriptParams } from '../../../../main/powershell/command';
import { PowerShellError, type PowerShellFailure } from '../../../../main/powershell/errors';
import type { InvokeOptions, PowerShellRunner } from '../../../../main/powershell/runner';
import { WINDOWS_SCRIPT_TIMEOUT_MS, createWindowsCollectors } from '../../../../main/probes/windows/index';
import type { ProbeContext, WindowsCollectors } from '../../../../main/probes/types';
import { fixture } from './fixtures';

interface Call {
  script: string;
  params: ScriptParams;
  options: InvokeOptions;
}

/** A PowerShellRunner that answers from the fixtures (validated with the caller's schema, as the real one does). */
class FakeRunner implements PowerShellRunner {
  readonly calls: Call[] = [];
  constructor(private readonly answer: (script: string) => unknown) {}
  async invoke<S extends z.ZodType>(script: string, params: ScriptParams, schema: S, options: InvokeOptions): Promise<z.output<S>> {
    this.calls.push({ script, params, options });
    const answer = this.answer(script);
    if (answer instanceof Error) throw answer;
    return schema.parse(answer);
  }
  async dispose(): Promise<void> {}
}

const fromMachine = (machine: string) => new FakeRunner((script) => fixture(machine, script));

const context = (signal = new AbortController().signal): ProbeContext => ({
  signal,
  timeoutMs: 3000,
  options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
});

/** Every Windows fact, read through the collectors the registry derives. */
async function collectAll(collectors: WindowsCollectors, ctx = context()): Promise<WindowsFacts> {
  const read = await Promise.all(WINDOWS_FACT_KEYS.map(async (key) => [key, await collectors[key](ctx)] as const));
  return Object.fromEntries(read) as WindowsFacts;
}

describe('createWindowsCollectors off Windows', () => {
  it.each([
    ['linux', 'Linux'],
    ['darwin', 'macOS'],
  ])('answers not-windows on %s without starting PowerShell', async (platform, name) => {
    const runner = fromMachine('de-win10-pro-oem');
    const facts = await collectAll(createWindowsCollectors(runner, { platform }));
    for (const fact of Object.values(facts)) {
      expect(fact).toMatchObject({ status: 'unavailable', reason: 'not-windows', durationMs: 0 });
      expect(fact.status === 'unavailable' && fact.detail).toContain(`this computer runs ${name}`);
    }
    expect(runner.calls).toEqual([]);
    expect(WindowsFactsSchema.safeParse(facts).success).toBe(true);
  });
});

describe('createWindowsCollectors on Windows', () => {
  it('collects every fact of a German OEM client into a valid snapshot section', async () => {
    const runner = fromMachine('de-win10-pro-oem');
    const facts = await collectAll(createWindowsCollectors(runner, { platform: 'win32' }));
    expect(WindowsFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.os).toMatchObject({ status: 'ok', value: { language: 'de-DE', editionId: 'Professional' } });
    expect(facts.licensing).toMatchObject({ status: 'ok', value: { products: [{ partialProductKey: 'WFG6P' }] } });
    expect(facts.elevation).toMatchObject({ status: 'ok', value: { elevated: false } });
    // Not a KMS host: the firewall rule does not apply.
    expect(facts.firewall).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
    expect(runner.calls.map((c) => c.script).sort()).toEqual(['adba', 'azure-certificates', 'elevation', 'esu', 'events', 'firewall', 'licensing', 'network-config', 'office', 'os', 'services', 'subscription']);
    expect(facts.esu).toMatchObject({ status: 'ok', value: { licences: [] } });
    // A workgroup computer: no forest to read activation objects from.
    expect(facts.adba).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
    expect(facts.subscription).toMatchObject({ status: 'ok', value: { properties: [], statusValue: null } });
    // Microsoft 365 Apps: Click-to-Run, nothing in the Software Licensing Service.
    expect(facts.office).toMatchObject({ status: 'ok', value: { products: [], clickToRun: { productReleaseIds: ['O365BusinessRetail'], licensingNext: true } } });
  });

  it('reports the firewall rule on a KMS host', async () => {
    const facts = await collectAll(createWindowsCollectors(fromMachine('ws2012r2-kms-host'), { platform: 'win32' }));
    expect(facts.firewall).toMatchObject({ status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: false } });
    expect(facts.licensing).toMatchObject({ status: 'ok', value: { service: { isKmsHost: true, kmsCurrentCount: 3, requiredClientCount: 5 } } });
  });

  it('passes the Windows script budget (not the network limit), the signal, and the events script its parameters', async () => {
    const runner = fromMachine('ws2019-kms-client');
    const controller = new AbortController();
    const collectors = createWindowsCollectors(runner, { platform: 'win32' });
    await collectors.events(context(controller.signal));
    await collectors.os(context(controller.signal));
    expect(runner.calls).toEqual([
      { script: 'events', params: { maxEvents: 10 }, options: { timeoutMs: WINDOWS_SCRIPT_TIMEOUT_MS, signal: controller.signal } },
      { script: 'os', params: {}, options: { timeoutMs: WINDOWS_SCRIPT_TIMEOUT_MS, signal: controller.signal } },
    ]);
  });

  it('measures how long each collector took', async () => {
    const ticks = [1000, 1250.4];
    const now = () => ticks.shift() ?? 9999;
    const fact = await createWindowsCollectors(fromMachine('ws2019-kms-client'), { platform: 'win32', now }).os(context());
    expect(fact.durationMs).toBe(250);
  });
});

describe('runner failures', () => {
  const failure = (f: PowerShellFailure) => new PowerShellError(f);
  const scriptError = (reported: Partial<Extract<PowerShellFailure, { kind: 'script-error' }>['reported']> | null, stderr: string | null = null) =>
    failure({
      kind: 'script-error',
      message: 'licensing.ps1 reported failed: Zugriff verweigert',
      script: 'licensing',
      reported: reported ? { kind: 'failed', message: 'Zugriff verweigert', hresult: null, errorId: null, category: null, ...reported } : null,
      stderr,
    });

  const cases: [string, Error, UnavailableReason, RegExp][] = [
    ['PowerShell missing', failure({ kind: 'powershell-missing', message: 'Windows PowerShell could not be started (powershell.exe: ENOENT)', executable: 'powershell.exe' }), 'powershell-missing', /could not be started \(powershell\.exe: ENOENT\)/],
    ['a timeout', failure({ kind: 'timeout', message: 'licensing.ps1 did not finish within 3 s; PowerShell was stopped and restarts with the next check', script: 'licensing', timeoutMs: 3000, phase: 'run' }), 'timed-out', /did not finish within 3 s.*Run the check again/],
    ['a cancellation', failure({ kind: 'cancelled', message: 'licensing.ps1 was not run to the end: the check was cancelled', script: 'licensing' }), 'cancelled', /cancelled/],
    ['not elevated', failure({ kind: 'not-elevated', message: 'licensing.ps1 reported not-elevated', script: 'licensing' }), 'not-elevated', /as administrator/],
    ['access denied (reported kind)', scriptError({ kind: 'access-denied' }), 'access-denied', /Windows denied access.*as administrator/],
    ['access denied (0x80070005)', scriptError({ hresult: 0x80070005 }), 'access-denied', /denied access/],
    ['access denied (WMI 0x80041003)', scriptError({ hresult: 0x80041003 }), 'access-denied', /denied access/],
    ['access denied (UnauthorizedAccess error id)', scriptError({ errorId: 'UnauthorizedAccess,Get-CimInstance' }), 'access-denied', /denied access/],
    ['access denied (stderr)', scriptError(null, 'Get-CimInstance : Zugriff verweigert + FullyQualifiedErrorId : UnauthorizedAccess'), 'access-denied', /denied access/],
    ['a missing cmdlet', scriptError({ kind: 'not-supported', message: 'Get-NetFirewallRule not found' }), 'not-supported', /does not provide it/],
    ['another script error', scriptError({ kind: 'failed', hresult: 0x80041010 }), 'failed', /Could not read the licence state: licensing\.ps1 reported failed/],
    ['a crash', failure({ kind: 'crashed', message: 'PowerShell exited with code 3 while running licensing.ps1', script: 'licensing', exitCode: 3 }), 'failed', /exited with code 3.*report it/],
    ['output that is not JSON', failure({ kind: 'non-json', message: 'licensing.ps1 printed something that is not JSON', script: 'licensing', excerpt: 'x' }), 'failed', /not JSON/],
    ['output of an unexpected shape', failure({ kind: 'invalid-output', message: 'licensing.ps1 printed JSON of an unexpected shape at products.0.ID', script: 'licensing', path: 'products.0.ID' }), 'failed', /unexpected shape/],
    ['an unexpected exception', new TypeError('boom'), 'failed', /Could not read the licence state: boom/],
  ];

  it.each(cases)('maps %s to its reason with a one-line detail', async (_name, error, reason, detail) => {
    const runner = new FakeRunner(() => error);
    const fact = await createWindowsCollectors(runner, { platform: 'win32' }).licensing(context());
    expect(fact).toMatchObject({ status: 'unavailable', reason });
    if (fact.status !== 'unavailable') throw new Error('expected unavailable');
    expect(fact.detail).toMatch(detail);
    expect(fact.detail).toMatch(/^Could not read the licence state/);
    expect(fact.detail).not.toMatch(/\n/);
    expect(WindowsFactsSchema.shape.licensing.safeParse(fact).success).toBe(true);
  });

  it('maps failures of the firewall script like the others', async () => {
    const runner = new FakeRunner(() => scriptError({ kind: 'not-supported' }));
    expect(await createWindowsCollectors(runner, { platform: 'win32' }).firewall(context())).toMatchObject({ status: 'unavailable', reason: 'not-supported' });
  });

  it('refuses a parsed value the snapshot schema would reject, naming the field', async () => {
    const runner = new FakeRunner((script) => {
      const json = fixture('de-win10-pro-oem', script) as { products: { ID: string }[] };
      json.products.forEach((product) => (product.ID = 'not-a-guid'));
      return json;
    });
    const fact = await createWindowsCollectors(runner, { platform: 'win32' }).licensing(context());
    expect(fact).toMatchObject({ status: 'unavailable', reason: 'failed' });
    expect(fact.status === 'unavailable' && fact.detail).toMatch(/products\.0\.activationId/);
  });
});

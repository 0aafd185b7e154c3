import { describe, expect, it } from 'vitest';
import { adviseForScript } from '../../../main/collector/windows-facts';
import { interpretOutput } from '../../../main/powershell/output';
import type { PowerShellRunner } from '../../../main/powershell/runner';
import { createWindowsCollectors } from '../../../main/probes/windows';
import { WINDOWS_PROBES } from '../../../main/probes/windows/registry';
import type { ProbeContext } from '../../../main/probes/types';
import type { Fact } from '../../../shared/snapshot';
import { fixture, fixtureFiles } from '../probes/windows/fixtures';

/** The app's own path: a runner whose scripts "print" the given output, read by interpretOutput. */
function replayRunner(outputs: Record<string, unknown>): PowerShellRunner {
  return {
    invoke: async (name, _params, schema) => interpretOutput(name, JSON.stringify(outputs[name]), schema),
    dispose: async () => undefined,
  };
}

const ctx: ProbeContext = {
  signal: new AbortController().signal,
  timeoutMs: 3000,
  options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
};

const probeOf = (script: string) => {
  const probe = WINDOWS_PROBES.find((p) => p.script === script);
  if (!probe) throw new Error(`no registered probe runs ${script}.ps1`);
  return probe;
};

/** What the app's collectors make of one script's output (durations 0: the clock does not move). */
async function appFact(script: string, output: unknown): Promise<Fact<unknown>> {
  const collectors = createWindowsCollectors(replayRunner({ [script]: output }), { platform: 'win32', now: () => 0 });
  return collectors[probeOf(script).key](ctx);
}

/** What a collector file's reader makes of the same output. */
const collectorFact = (script: string, output: unknown): Fact<unknown> => probeOf(script).fromOutput(output, 0);

const ENVELOPES: [string, unknown][] = [
  ['access denied', { error: { kind: 'access-denied', message: 'Access denied', hresult: -2147024891, errorId: 'HRESULT 0x80070005,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand', category: 'PermissionDenied' } }],
  ['not supported', { error: { kind: 'not-supported', message: "The term 'Get-NetFirewallRule' is not recognized as the name of a cmdlet", hresult: -2146233087, errorId: 'CommandNotFoundException', category: 'ObjectNotFound' } }],
  ['failed, from PowerShell 3.0 on .NET 4.0 (no HResult)', { error: { kind: 'failed', message: 'Invalid class', hresult: null, errorId: 'GetWMIManagementException', category: 'InvalidOperation' } }],
  ['the collector script own envelope', { error: { kind: 'failed', message: 'os.ps1 printed nothing; it should print one JSON document', hresult: null, errorId: 'CollectorProbePrintedNothing', category: null } }],
];
const MALFORMED: [string, unknown][] = [
  ['null', null],
  ['a string', 'hello'],
  ['an array', [1, 2]],
  ['a deep nest', JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`)],
];

describe('a probe output in a collector file is read exactly as the app reads that probe', () => {
  it.each(fixtureFiles().map(({ machine, script }) => [machine, script]))('%s/%s', async (machine, script) => {
    const output = fixture(machine, script);
    expect(collectorFact(script, output)).toEqual(await appFact(script, output));
  });

  const scripts = ['os', 'licensing', 'network-config', 'services', 'events', 'elevation', 'firewall'];
  it.each(scripts.flatMap((script) => [...ENVELOPES, ...MALFORMED].map(([what, output]) => [script, what, output] as const)))('%s: %s', async (script, _what, output) => {
    const fact = collectorFact(script, output);
    expect(fact).toEqual(await appFact(script, output));
    expect(fact.status).toBe('unavailable');
  });

  it.each(scripts)('%s: an empty object (every field optional in some probes) is judged as the app judges it', async (script) => {
    expect(collectorFact(script, {})).toEqual(await appFact(script, {}));
  });

  it('keeps the reason of an error envelope (access-denied, not-supported)', () => {
    expect(collectorFact('licensing', ENVELOPES[0]?.[1])).toMatchObject({ status: 'unavailable', reason: 'access-denied' });
    expect(collectorFact('firewall', ENVELOPES[1]?.[1])).toMatchObject({ status: 'unavailable', reason: 'not-supported' });
  });

  it('reports the firewall rule only on a KMS host', () => {
    expect(collectorFact('firewall', fixture('ws2012r2-kms-host', 'firewall'))).toMatchObject({ status: 'ok', value: { name: 'SPPSVC-In-TCP', exists: true, enabled: false } });
    expect(collectorFact('firewall', fixture('ws2019-kms-client', 'firewall'))).toMatchObject({ status: 'unavailable', reason: 'not-applicable' });
  });

  it('keeps the duration the script measured', () => {
    expect(probeOf('os').fromOutput(fixture('ws2019-kms-client', 'os'), 412.6)).toMatchObject({ status: 'ok', durationMs: 413 });
  });
});

describe('advice for the technician who ran the script', () => {
  it('names the collector script where the app would name itself', () => {
    const fact = adviseForScript(collectorFact('licensing', ENVELOPES[0]?.[1]));
    expect(fact.status === 'unavailable' && fact.detail).toMatch(/Run the collector script from an elevated PowerShell \(Run as administrator\)\.$/);
    expect(JSON.stringify(fact)).not.toMatch(/Start Activation Doctor/);
  });

  it('leaves facts that were read alone', () => {
    const fact = collectorFact('os', fixture('ws2019-kms-client', 'os'));
    expect(adviseForScript(fact)).toBe(fact);
  });
});

/**
 * The runner end to end against a real PowerShell: PowerShell 7.6 (pwsh) from the repository's
 * .tools folder, started by the runner with its production command line through a test wrapper
 * (test/fixtures/powershell/real/pwsh-session.sh) that only feeds set-up lines ahead of the
 * runner's: the Windows cmdlet stubs, or a restricted language mode.
 *
 * What pwsh on Linux cannot show about Windows PowerShell 5.1: OEM code pages on stdin, CRLF line
 * ends (test/unit/powershell/transport.test.ts plays those), CIM itself, execution policies (not
 * enforced off Windows: test/unit/powershell/policy.test.ts plays 5.1's refusal), and elevation.ps1's
 * WindowsIdentity (a .NET type pwsh on Linux does not implement).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { failure } from '../support/powershell-failure';
import { interpretOutput } from '../../main/powershell/output';
import { createPowerShellRunner, type PowerShellRunner } from '../../main/powershell/runner';
import { createWindowsCollectors } from '../../main/probes/windows';
import type { ProbeContext, WindowsCollectors } from '../../main/probes/types';
import { WINDOWS_FACT_KEYS, WindowsFactsSchema, type Fact, type WindowsFacts } from '../../shared/snapshot';
import { FIXTURES_DIR, MACHINES, fixture } from '../unit/probes/windows/fixtures';

const ROOT = resolve(__dirname, '../..');
const PWSH = join(ROOT, '.tools', 'pwsh', 'pwsh');
const WRAPPER = join(ROOT, 'test', 'fixtures', 'powershell', 'real', 'pwsh-session.sh');
const TEST_SCRIPTS = join(ROOT, 'test', 'fixtures', 'powershell', 'real', 'scripts');
const PROBES = join(ROOT, 'main', 'probes', 'windows');

const Session = z.object({
  processId: z.number(),
  psHome: z.string(),
  psModulePath: z.string(),
  languageMode: z.string(),
  warningPreference: z.string(),
  progressPreference: z.string(),
  errorView: z.string(),
});
const Answer = z.object({ answer: z.number() });
const Echo = z.object({ received: z.unknown() });
const run = { timeoutMs: 15_000 };

const realRunner = () => createPowerShellRunner({ scriptsDir: [TEST_SCRIPTS, PROBES], executable: WRAPPER, packaged: false, startTimeoutMs: 30_000 });

beforeAll(() => {
  // Fails, never skips: .ci/run installs PowerShell 7.6 into .tools/pwsh.
  if (!existsSync(PWSH)) throw new Error(`pwsh is missing at ${PWSH}; install PowerShell 7.6.10 there (dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.10)`);
});

// The session's environment is read when pwsh starts, which may be in any test of a describe.
const stubEnvironment = () => {
  vi.stubEnv('NODE_POWERSHELL', undefined);
  vi.stubEnv('AD_TEST_PWSH', PWSH);
  vi.stubEnv('AD_TEST_STUBS', undefined);
  vi.stubEnv('AD_TEST_LANGUAGE_MODE', undefined);
};
beforeAll(stubEnvironment);
afterAll(() => {
  vi.unstubAllEnvs();
});

// A cold pwsh takes seconds on a busy two-core machine; several tests start two.
vi.setConfig({ testTimeout: 90_000 });

describe('a real pwsh session', () => {
  // One runner for the whole group, as in the app: tests that end the shell prove the next start.
  let runner: PowerShellRunner;
  beforeAll(() => {
    runner = realRunner();
  });
  afterAll(async () => {
    await runner.dispose();
  });

  it('starts with the session prepared: full language, quiet streams, modules only from $PSHOME', async () => {
    const session = await runner.invoke('session', {}, Session, run);
    expect(session.languageMode).toBe('FullLanguage');
    expect(session.psModulePath).toBe(join(session.psHome, 'Modules'));
    expect(session.warningPreference).toBe('SilentlyContinue');
    expect(session.progressPreference).toBe('SilentlyContinue');
    expect(session.errorView).toBe('NormalView');
    // One process serves every invocation.
    expect((await runner.invoke('session', {}, Session, run)).processId).toBe(session.processId);
  });

  it('stops a script that overruns its limit, then starts a fresh PowerShell', async () => {
    const before = await runner.invoke('session', {}, Session, run);
    const error = await failure(runner.invoke('sleep', {}, Answer, { timeoutMs: 1500 }));
    expect(error.failure).toMatchObject({ kind: 'timeout', phase: 'run', script: 'sleep' });
    const after = await runner.invoke('session', {}, Session, run);
    expect(after.processId).not.toBe(before.processId);
  });

  it('reports PowerShell ending in the middle of a script, then starts a fresh one', async () => {
    const before = await runner.invoke('session', {}, Session, run);
    const error = await failure(runner.invoke('crash', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'crashed', script: 'crash', exitCode: 3 });
    const after = await runner.invoke('session', {}, Session, run);
    expect(after.processId).not.toBe(before.processId);
  });

  it('cancels a running script when the signal aborts, then starts a fresh one', async () => {
    const before = await runner.invoke('session', {}, Session, run);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = Date.now();
    const error = await failure(runner.invoke('sleep', {}, Answer, { timeoutMs: 30_000, signal: controller.signal }));
    expect(error.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await runner.invoke('session', {}, Session, run)).processId).not.toBe(before.processId);
  });

  it('carries a 1 MB document whole', async () => {
    const Big = z.object({ rows: z.array(z.object({ n: z.number(), text: z.string() })) });
    const big = await runner.invoke('big', {}, Big, run);
    expect(big.rows).toHaveLength(16384);
    expect(big.rows.at(-1)).toEqual({ n: 16384, text: 'abcdefghijklmnopqrstuvwxyz0123456789ÄÖÜ' });
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(1_000_000);
  });

  it('carries non-ASCII text and text that looks like the framing, both ways, unchanged', async () => {
    const sent = {
      text: 'ä ö ü ß 日本語 😀🔑 العربية',
      framing: '[Console]::Out.WriteLine("ABCDEFGHIJKLMNOP")\r\nABCDEFGHIJKLMNOP\r\n',
      delimiterLike: ['0123456789abcdef', 'ZZZZZZZZZZZZZZZZ', 'ZZZZZZZZZZZZZZZZ\r\nZZZZZZZZZZZZZZZZ'],
    };
    await expect(runner.invoke('echo', sent, Echo, run)).resolves.toEqual({ received: sent });
  });

  it('keeps the JSON intact when a script writes warning, verbose, debug, information and progress records', async () => {
    await expect(runner.invoke('noisy', {}, Answer, run)).resolves.toEqual({ answer: 42 });
  });

  it('reports a warning written to stderr as a script error, and keeps the shell', async () => {
    const before = await runner.invoke('session', {}, Session, run);
    const error = await failure(runner.invoke('stderr', {}, Answer, run));
    expect(error.failure).toMatchObject({ kind: 'script-error', script: 'stderr' });
    expect(error.message).toContain('WARNING: the time service did not answer');
    expect((await runner.invoke('session', {}, Session, run)).processId).toBe(before.processId);
  });
});

describe('a restricted pwsh session', () => {
  afterEach(stubEnvironment);

  it('answers "restricted by policy" within 2 s of a normal start, not after the start-up allowance', async () => {
    const normal = realRunner();
    const normalStarted = Date.now();
    try {
      await normal.invoke('session', {}, Session, run);
    } finally {
      await normal.dispose();
    }
    const normalMs = Date.now() - normalStarted;

    vi.stubEnv('AD_TEST_LANGUAGE_MODE', 'ConstrainedLanguage');
    const restricted = realRunner();
    const started = Date.now();
    try {
      const error = await failure(restricted.invoke('session', {}, Session, run));
      const restrictedMs = Date.now() - started;
      expect(error.failure).toMatchObject({ kind: 'restricted-language', languageMode: 'ConstrainedLanguage' });
      expect(error.message).toMatch(/^PowerShell is restricted by policy \(ConstrainedLanguage\)/);
      expect(restrictedMs, `normal start ${normalMs} ms, restricted answer ${restrictedMs} ms`).toBeLessThan(normalMs + 2000);
    } finally {
      await restricted.dispose();
    }
  });
});

const ctx: ProbeContext = {
  signal: new AbortController().signal,
  timeoutMs: 3000,
  options: { kms: null, domain: null, dnsServer: null, ntpPort: 123, timeoutMs: 3000 },
};

const READS: Record<string, (c: WindowsCollectors) => Promise<Fact<unknown>>> = {
  os: (c) => c.os(ctx),
  licensing: (c) => c.licensing(ctx),
  'network-config': (c) => c.networkConfig(ctx),
  services: (c) => c.services(ctx),
  events: (c) => c.events(ctx),
  firewall: (c) => c.firewall(ctx),
  elevation: (c) => c.elevation(ctx),
  esu: (c) => c.esu(ctx),
  'azure-certificates': (c) => c.azureCertificates(ctx),
  office: (c) => c.office(ctx),
};

/**
 * A firewall.json written by the one-rule script (`rule`: SPPSVC-In-TCP from the persistent store)
 * cannot be what today's firewall.ps1 prints, which reads both built-in rules from the active store
 * (`rules`). It is read as the document today's script prints on that machine: the captured rule's
 * enabled and profile with Windows' built-in scope and source, and SPPSVC-In-TCP-NoScope as Windows
 * ships it. windows-stubs.ps1 (Get-AdFirewallRules) answers the script's queries from the same reading.
 */
const LegacyFirewallSchema = z.object({
  isKeyManagementServiceMachine: z.unknown(),
  rule: z.object({ enabled: z.boolean(), profile: z.number(), direction: z.string(), action: z.string() }),
  connectionCategories: z.unknown(),
});
function asPrintedToday(script: string, captured: unknown): unknown {
  const legacy = LegacyFirewallSchema.safeParse(captured);
  if (script !== 'firewall' || !legacy.success || (captured as { rules?: unknown }).rules !== undefined) return captured;
  const { isKeyManagementServiceMachine, rule, connectionCategories } = legacy.data;
  return {
    isKeyManagementServiceMachine,
    rules: [
      { name: 'SPPSVC-In-TCP', ...rule, remoteAddress: ['LocalSubnet'], policySource: 'Local' },
      { name: 'SPPSVC-In-TCP-NoScope', enabled: false, profile: 1, direction: 'Inbound', action: 'Allow', remoteAddress: ['Any'], policySource: 'Local' },
    ],
    connectionCategories,
  };
}

/** The fact the app makes of the captured output (the reference the real run must match). */
async function capturedFact(machine: string, script: string): Promise<Fact<unknown>> {
  const replay: PowerShellRunner = {
    invoke: async (name, _params, schema) => interpretOutput(name, JSON.stringify(asPrintedToday(name, fixture(machine, name))), schema),
    dispose: async () => undefined,
  };
  const read = READS[script];
  if (!read) throw new Error(`no collector for ${script}`);
  return read(createWindowsCollectors(replay, { platform: 'win32', now: () => 0 }));
}

describe('every probe script through the runner in pwsh, with the Windows cmdlets stubbed', () => {
  // One session for every machine, as one check of a computer uses one: use-machine.ps1 switches the stubs.
  let runner: PowerShellRunner;
  beforeAll(() => {
    vi.stubEnv('AD_TEST_STUBS', '1');
    runner = realRunner();
  });
  afterAll(async () => {
    await runner.dispose();
    vi.stubEnv('AD_TEST_STUBS', undefined);
  });

  it.each(MACHINES)('%s: each script yields the fact its captured output yields', async (machine) => {
    await runner.invoke('use-machine', { directory: join(FIXTURES_DIR, machine) }, Answer, run);
    {
      const collectors = createWindowsCollectors(runner, { platform: 'win32', now: () => 0 });
      for (const script of ['os', 'licensing', 'network-config', 'services', 'events', 'firewall', 'esu', 'azure-certificates', 'office']) {
        if (!existsSync(join(FIXTURES_DIR, machine, `${script}.json`))) continue;
        const read = READS[script];
        if (!read) throw new Error(`no collector for ${script}`);
        const fact = await read(collectors);
        // A value, or (the firewall rule on a computer that is not a KMS host) "does not apply".
        const outcome = fact.status === 'ok' ? 'ok' : fact.reason === 'not-applicable' ? 'ok' : `${script}: ${fact.detail}`;
        expect(outcome, script).toBe('ok');
        expect(fact, script).toEqual(await capturedFact(machine, script));
      }
      // A valid snapshot section: the shared schema accepts what the real run produced.
      const windows = Object.fromEntries(await Promise.all(WINDOWS_FACT_KEYS.map(async (key) => [key, await collectors[key](ctx)] as const))) as WindowsFacts;
      expect(WindowsFactsSchema.safeParse(windows).success).toBe(true);
      // elevation.ps1 needs WindowsIdentity, which pwsh on Linux lacks: it reports that as its error
      // document (parsed, not hung), which becomes an unavailable fact with the script's message.
      expect(windows.elevation).toMatchObject({ status: 'unavailable', reason: 'failed' });
    }
  });
});

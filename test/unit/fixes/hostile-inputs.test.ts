import { afterAll, describe, expect, it } from 'vitest';
import { FIXES } from '../../../main/fixes/registry';
import { SESSION_INIT_COMMAND } from '../../../main/powershell/command';
import { validateInput } from '../../../main/fixes/inputs';
import { createHarness, defaultState } from './harness';
import { hostileCorpus } from './hostile-corpus';

const corpus = hostileCorpus();
// Everything the runner may ever write to the shell: its start-up line and one fixed command shape.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ALLOWED_LINE = new RegExp(`^(?:\\[Console\\]::(?:Out|Error)\\.WriteLine\\("[0-9A-Za-z]+"\\)|${escapeRegExp(SESSION_INIT_COMMAND)}|& '[^'\\r\\n]+\\\\?[^'\\r\\n]*\\.ps1' -ArgsBase64 '[A-Za-z0-9+/=]+')$`);

describe('hostile inputs', () => {
  it('has at least 300 distinct hostile strings', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  const inputs = FIXES.flatMap((fix) => fix.inputs.map((input) => ({ fix, input })));
  it('covers every input of every fix', () => {
    expect(inputs.map(({ fix, input }) => `${fix.id}:${input.name}`)).toEqual([
      'sync-time-from-kms-host:host',
      'set-kms-host:host',
      'set-kms-lookup-domain:domain',
      'switch-avma-to-azure-kms:host',
      'install-key-and-activate:key',
      'phone-activation:confirmation-id',
      'install-kms-host-key:key',
      'install-esu-key:key',
      'install-esu-key:year',
      'office-set-kms-host:host',
    ]);
  });

  const state = defaultState();
  state.licensing!.products[0]!.description = 'Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel';
  // The ESU fix runs on Windows 10 only: its inputs are tried there, so valid values reach the shell.
  const windows10 = { ...state, os: { ...state.os!, caption: 'Microsoft Windows 10 Pro', version: '10.0.19045', build: 19045, ubr: 6456, editionId: 'Professional', installationType: 'Client' as const, productType: 1 as const } };
  let current = '';
  // The other required inputs of a fix, valid, so each hostile value is judged on its own.
  const companions: Record<string, Record<string, string>> = { 'install-esu-key': { year: '2' } };
  const harness = createHarness({
    state: () => (current === 'install-esu-key' ? windows10 : state),
    scenario: { 'fix-licensing:get-installation-id': [{ ok: true, data: { installationId: '5'.repeat(63) } }] },
  });
  afterAll(() => harness.dispose());

  describe.each(inputs.map(({ fix, input }) => [`${fix.id} --${input.name}`, fix, input] as const))('%s', (_label, fix, input) => {
    it('rejects each hostile string with a clear message, or passes it to the shell only as inert data', async () => {
      let accepted = 0;
      for (const raw of corpus) {
        const linesBefore = harness.lines().length;
        const invocationsBefore = harness.invocations().length;
        current = fix.id;
        const others = Object.fromEntries(Object.entries(companions[fix.id] ?? {}).filter(([name]) => name !== input.name));
        const outcome = await harness.engine.run(fix.id, { ...others, [input.name]: raw }, { confirmed: true, override: true });
        const checked = validateInput(input, raw);
        // An optional input left empty is not given at all (the ESU fix then only activates).
        if (!input.required && raw === '') {
          expect(outcome.status, 'an empty optional input').not.toBe('invalid-input');
          continue;
        }
        if (!checked.ok) {
          expect(outcome, raw).toMatchObject({ status: 'invalid-input', input: input.name });
          if (outcome.status === 'invalid-input') {
            expect(outcome.message, raw).toMatch(new RegExp(`--${input.name}`));
            expect(outcome.message.length).toBeLessThan(400);
            expect(outcome.message).not.toMatch(/\n|at .*\.ts:\d+/);
          }
          expect(harness.invocations().length, `${raw} reached the shell`).toBe(invocationsBefore);
          continue;
        }
        accepted++;
        // Valid after normalisation: only our fixed command shapes reached the shell ...
        for (const line of harness.lines().slice(linesBefore)) expect(line, raw).toMatch(ALLOWED_LINE);
        // A valid value the fix still refuses (a non-Azure host for the Azure switch) changes nothing.
        if (outcome.status === 'refused') {
          expect(harness.invocations().slice(invocationsBefore).filter((i) => !i.key.startsWith('fix-licensing:get-')), raw).toEqual([]);
          continue;
        }
        // ... and the value arrived as data, exactly as normalised, never as code.
        const sent = harness.invocations().slice(invocationsBefore).map((i) => JSON.stringify(i.params));
        expect(sent.join('\n'), raw).toContain(JSON.stringify(checked.value).slice(1, -1).split(':')[0]);
      }
      // The corpus holds a few valid values on purpose (dash look-alikes, a bare IPv6 address).
      expect(accepted).toBeLessThan(corpus.length);
    }, 120_000);
  });
});

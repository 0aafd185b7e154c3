// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge } from '../../support/test-bridge';
import type { ScenarioHandlers } from '../../support/test-bridge';
import { FIX_LIST, planPreview, result, scenarioSnapshot, succeeded } from '../../browser/scenarios/common';
import { healthySnapshot } from '../../support/snapshot-builder';

beforeAll(() => {
  // jsdom has no <dialog> behaviour: give it the two methods the fix dialog uses.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function handlersFor(name: string, overrides: ScenarioHandlers = {}): ScenarioHandlers {
  const checked = result(scenarioSnapshot(name));
  return {
    getAppInfo: () => ({ name: 'Activation Doctor', version: '0.1.0', platform: 'win32', canProbeWindows: true }),
    getComputerStatus: () => ({ available: true, computerName: 'APP01', edition: 'Microsoft Windows Server 2019 Standard', activated: false, licenseStatusText: 'OOBGrace', channel: 'VOLUME_KMSCLIENT', partialProductKey: 'J464C' }),
    runCheck: async (request, tools) => {
      tools.emit({ runId: request.runId, probe: 'network.time', state: 'started', at: 1 });
      tools.emit({ runId: request.runId, probe: 'network.time', state: 'finished', at: 2, outcome: 'problem', summary: 'kms1.corp.example is 5 h 02 min ahead', reason: null, durationMs: 4 });
      tools.emit({ runId: 'another-run-0001', probe: 'windows.os', state: 'finished', at: 2, outcome: 'ok', summary: 'ignored: other run', reason: null, durationMs: 4 });
      return checked;
    },
    cancelCheck: () => ({ cancelled: true }),
    listFixes: () => FIX_LIST,
    previewFix: (request) => planPreview(checked.snapshot, request.fixId, request.inputs),
    runFix: (request) => ({ outcome: succeeded(request.fixId, ['resync the clock'], [{ label: 'Licence status', before: 'OOBGrace', after: 'Licensed' }]), after: result(healthySnapshot()) }),
    ...overrides,
  };
}

describe('check → diagnosis → fix', () => {
  it('shows live progress only for its own run, then the ranked diagnosis with evidence', async () => {
    const user = userEvent.setup();
    render(<App bridge={createTestBridge(handlersFor('f074-time-skew-plus-5h')).api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Windows is not activated' })).toBeInTheDocument();
    const first = screen.getAllByRole('article')[0]!;
    expect(within(first).getByRole('heading', { level: 3 })).toHaveTextContent('1. The clocks differ by more than 4 hours');
    const evidence = within(first).getByRole('table', { name: /Evidence for/ });
    expect(within(evidence).getByRole('row', { name: /Clock of kms1/ })).toHaveTextContent('5 h 02 min ahead of this computer');
    expect(screen.getByRole('heading', { name: 'What could not be checked, and why' })).toBeInTheDocument();
  });

  it('hides and shows the evidence with a disclosure button', async () => {
    const user = userEvent.setup();
    render(<App bridge={createTestBridge(handlersFor('f074-time-skew-plus-5h')).api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    const first = (await screen.findAllByRole('article'))[0]!;
    const toggle = within(first).getByRole('button', { name: 'Hide the evidence' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(within(first).getByRole('button', { name: 'Show the evidence' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('previews the fix, runs it on confirmation and shows before and after', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge(handlersFor('f074-time-skew-plus-5h'));
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    const first = (await screen.findAllByRole('article'))[0]!;
    await user.click(await within(first).findByRole('button', { name: /^Sync the clock\s*(\(recommended\))?$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Sync the clock' });
    expect(await within(dialog).findByLabelText('Equivalent commands')).toHaveTextContent('w32tm /resync /rediscover');
    expect(bridge.calls.filter((c) => c.name === 'runFix')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Apply this fix' }));
    expect(await within(dialog).findByText('Fixed.')).toBeInTheDocument();
    expect(within(dialog).getByRole('table', { name: 'Before and after' })).toHaveTextContent('OOBGrace');
    expect(bridge.calls.find((c) => c.name === 'runFix')?.request).toEqual({ fixId: 'sync-time', inputs: {}, override: false, source: 'this-computer', previewToken: 'ab'.repeat(32) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Windows is activated' })).toBeInTheDocument();
  });

  it('shows a refusal with its reason and needs the explicit override', async () => {
    const user = userEvent.setup();
    const refusal = { code: 'would-replace-working-activation' as const, message: 'Windows is activated with a MAK (key ending in J464C).', overridable: true };
    const bridge = createTestBridge(
      handlersFor('retail-key-where-kms-is-used', {
        previewFix: () => ({ kind: 'preview', preview: { fixId: 'install-gvlk', title: 'Install the KMS client key (GVLK)', summary: 'Installs the key.', changes: ['Replace the key'], commands: ['slmgr.vbs /ipk N69G4-B89J2-4G8F4-WWYCC-J464C'], inputs: {}, notes: [], refusal, needsElevation: true }, token: 'cd'.repeat(32) }),
      }),
    );
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    const first = (await screen.findAllByRole('article'))[0]!;
    await user.click(await within(first).findByRole('button', { name: 'Install the KMS client key (GVLK)' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(/activated with a MAK/)).toBeInTheDocument();
    // On screen even Microsoft's published key shows its last five only (screenshots); Copy carries it whole.
    const shown = within(dialog).getByLabelText('Equivalent commands');
    expect(shown).toHaveTextContent('slmgr.vbs /ipk *****-*****-*****-*****-J464C');
    expect(shown).not.toHaveTextContent('N69G4');
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(dialog).getByRole('button', { name: 'Copy the commands' }));
    expect(writeText).toHaveBeenCalledWith('slmgr.vbs /ipk N69G4-B89J2-4G8F4-WWYCC-J464C');
    const apply = within(dialog).getByRole('button', { name: 'Apply this fix' });
    expect(apply).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: /do it anyway/ }));
    expect(apply).toBeEnabled();
    await user.click(apply);
    expect(bridge.calls.find((c) => c.name === 'runFix')?.request).toMatchObject({ override: true });
  });

  it('validates inputs as the technician types and never sends an invalid one', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge(handlersFor('f074-stale-srv-beside-working'));
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    const first = (await screen.findAllByRole('article'))[0]!;
    await user.click(await within(first).findByRole('button', { name: 'Set the KMS host' }));
    const dialog = await screen.findByRole('dialog');
    const input = within(dialog).getByLabelText('KMS host');
    expect(input).toHaveValue('kms2.corp.example:1688');
    await user.clear(input);
    await user.type(input, '$(calc)');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/not a valid host name/);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
    const previews = bridge.calls.filter((c) => c.name === 'previewFix').map((c) => (c.request as { inputs: { host?: string } }).inputs.host);
    expect(previews).not.toContain('$(calc)');
  });

  it('says what failed and what to do when the check fails', async () => {
    const user = userEvent.setup();
    render(<App bridge={createTestBridge(handlersFor('healthy-kms-client', { runCheck: () => ({ ok: false, error: { code: 'failed', message: 'Windows PowerShell could not be started. Check that it is not blocked by policy.' } }) })).api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not blocked by policy');
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Back to start' })).toBeInTheDocument();
  });
});

describe('a snapshot from another computer', () => {
  it('shows its diagnosis with fixes that only show commands', async () => {
    const user = userEvent.setup();
    const remote = result(scenarioSnapshot('f074-port-refused'));
    const bridge = createTestBridge(
      handlersFor('healthy-kms-client', {
        openSnapshot: () => ({ opened: true, fileName: 'activation-doctor-SRV2012R2.json', source: 'collector', result: remote }),
        previewFix: (request) => {
          const planned = planPreview(remote.snapshot, request.fixId, request.inputs);
          return planned.kind === 'preview' ? { kind: 'preview', preview: { ...planned.preview, refusal: { code: 'not-applicable', message: 'Run these commands on that computer.', overridable: false } }, token: null } : planned;
        },
      }),
    );
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Open a snapshot from another computer/ }));
    await user.click(screen.getByRole('button', { name: 'Choose a snapshot file…' }));
    expect(await screen.findByText(/a snapshot of another computer/)).toHaveTextContent('activation-doctor-SRV2012R2.json');
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
    await act(async () => {});
  });
});

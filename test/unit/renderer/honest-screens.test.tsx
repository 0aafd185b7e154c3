// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/src/App';
import { FixDialog } from '../../../renderer/src/components/FixDialog';
import { hostSuggestion, oneEditApart, parseCount } from '../../../renderer/src/components/inputValidation';
import { commandsToCopy } from '../../../renderer/src/copyText';
import { createTestBridge, type ScenarioHandlers } from '../../support/test-bridge';
import { FIX_LIST, baseHandlers, planPreview, result, scenarioSnapshot } from '../../browser/scenarios/common';
import { handlers as smallShop } from '../../browser/scenarios/small-shop';
import { handlers as kmsSetup } from '../../browser/scenarios/kms-setup';

beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

/** A check that answers at once (no timed progress steps to wait for). */
function bridgeFor(name: string, overrides: ScenarioHandlers = {}) {
  const checked = result(scenarioSnapshot(name));
  return createTestBridge({ ...baseHandlers(checked), runCheck: () => checked, ...overrides });
}

async function diagnosisOf(name: string, overrides: ScenarioHandlers = {}) {
  const user = userEvent.setup();
  const bridge = bridgeFor(name, overrides);
  render(<App bridge={bridge.api} />);
  await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
  await screen.findByRole('heading', { level: 1, name: /activated|Cannot tell/ }, { timeout: 15_000 });
  return { user, bridge };
}

describe('the diagnosis strip and the recommended fix', () => {
  it('says what slmgr /dlv would, in plain words, with the most likely cause and its fix at the top', async () => {
    await diagnosisOf('f074-time-skew-plus-5h');
    const strip = screen.getByLabelText("This computer's licence, as slmgr /dlv would show it");
    expect(strip).toHaveTextContent('Windows Server 2019 Standard');
    expect(strip).toHaveTextContent('KMS client (volume licence)');
    expect(strip).toHaveTextContent(/Not activated.*initial grace period.*days of grace left/);
    expect(strip).toHaveTextContent('kms1.corp.example:1688 (discovered)');
    expect(strip).not.toHaveTextContent('Windows(R)');
    const verdict = screen.getByRole('heading', { level: 1 }).closest('section')!;
    expect(within(verdict).getByText(/Most likely cause:/).parentElement).toHaveTextContent('The clocks differ by more than 4 hours');
    // Fix buttons appear once the fix list has arrived (a separate answer from the check).
    expect(await within(verdict).findByRole('button', { name: /^Sync the clock\s*\(recommended\)$/ }, { timeout: 15_000 })).toBeInTheDocument();
    expect(within(verdict).getByText(/^\w{3} \d{1,2}, \d{4}|^\d{1,2} \w{3} \d{4}/)).toBeInTheDocument();
  });

  it('shows no internal finding ids anywhere', async () => {
    await diagnosisOf('f074-port-filtered');
    expect(document.body.textContent).not.toMatch(/kms-port-filtered|kms-srv-stale|no-product-key|gvlk-without-kms/);
  });

  it('gives guidance that contains a command its own copy button, copying only the command', async () => {
    const { user } = await diagnosisOf('f074-port-filtered');
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getAllByRole('button', { name: 'Copy the command Test-NetConnection kms1.corp.example -Port 1688' })[0]!);
    expect(writeText).toHaveBeenCalledWith('Test-NetConnection kms1.corp.example -Port 1688');
  });
});

describe('cannot tell', () => {
  it('never says "No problems found", and says the one shared cause once with its action', async () => {
    await diagnosisOf('linux-network-only');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Cannot tell');
    expect(screen.queryByText('No problems found')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: /Cannot tell yet/ })).toBeInTheDocument();
    const notChecked = screen.getByRole('heading', { name: 'What could not be checked, and why' }).closest('section')!;
    expect(within(notChecked).getAllByText(/^Not running on Windows: \d+ facts could not be read\.$/)).toHaveLength(1);
    expect(within(notChecked).getAllByText(/run the collector script/)).toHaveLength(1);
    expect(notChecked).toHaveTextContent(/\d+ possible causes could not be ruled out/);
    expect(notChecked).not.toHaveTextContent(/evaluation-edition|no-product-key/);
  });

  it('the start page pill says unknown, activated or not activated', async () => {
    const unknown = createTestBridge({ ...baseHandlers(result(scenarioSnapshot('licensing-unreadable'))), getComputerStatus: () => ({ available: false, reason: 'access denied' }) });
    const { unmount } = render(<App bridge={unknown.api} />);
    expect(await screen.findByText('Unknown')).toHaveClass('pill-unknown');
    unmount();
    render(<App bridge={bridgeFor('f074-port-filtered').api} />);
    expect(await screen.findByText('Not activated')).toHaveClass('pill-bad');
  });
});

describe('the live checklist', () => {
  it('says "Skipped" for a check not run on purpose, never doubles a reason, hides the KMS firewall row on a client, and leaves no spinner after a failure', async () => {
    const user = userEvent.setup();
    let fail: (() => void) | null = null;
    const bridge = createTestBridge({
      ...baseHandlers(result(scenarioSnapshot('f074-port-filtered'))),
      runCheck: (request, tools) => {
        const finished = (probe: 'network.activationEndpoints' | 'network.time' | 'windows.firewall', reason: 'not-applicable' | 'timed-out', summary: string) =>
          tools.emit({ runId: request.runId, probe, state: 'finished', at: 2, outcome: 'unavailable', summary, reason, durationMs: 5 });
        tools.emit({ runId: request.runId, probe: 'windows.os', state: 'started', at: 1 });
        finished('network.activationEndpoints', 'not-applicable', 'does not apply to this computer: contacted only when asked');
        finished('network.time', 'timed-out', 'timed out: timed out after 3 s');
        finished('windows.firewall', 'not-applicable', 'does not apply to this computer: not a KMS host');
        return new Promise((resolve) => {
          fail = () => resolve({ ok: false, error: { code: 'failed', message: 'The check stopped: PowerShell ended.' } });
        });
      },
    });
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Check this computer/ }));
    const online = (await screen.findByText("Microsoft's activation servers (HTTPS)")).closest('li')!;
    await waitFor(() => expect(online).toHaveTextContent('Skipped'));
    const time = screen.getByText('Clock offset to the KMS hosts').closest('li')!;
    expect(time).toHaveTextContent('Could not check');
    expect(time).not.toHaveTextContent('timed out: timed out');
    await waitFor(() => expect(screen.queryByText('KMS firewall rule (SPPSVC-In-TCP)')).toBeNull());
    expect(document.querySelectorAll('.check-running')).toHaveLength(1);
    fail!();
    expect(await screen.findByRole('alert')).toHaveTextContent('PowerShell ended');
    expect(document.querySelectorAll('.check-running, .check-waiting')).toHaveLength(0);
  });
});

describe('the fix dialog', () => {
  const preview = (fixId: string, inputs: Record<string, string>) => planPreview(scenarioSnapshot('f074-port-filtered'), fixId, inputs);

  it('never shows a stale preview: invalid or empty input says so and disables Copy and Apply', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge({ previewFix: (r) => preview(r.fixId, r.inputs) });
    const fix = FIX_LIST.find((f) => f.id === 'set-kms-host')!;
    render(<FixDialog bridge={bridge.api} fix={fix} initialInputs={{ host: 'kms2.corp.example' }} remote={false} onClose={() => {}} onFixed={() => {}} />);
    const commands = await screen.findByLabelText('Equivalent commands');
    expect(commands).toHaveTextContent('/skms kms2.corp.example');
    const input = screen.getByLabelText(fix.inputs[0]!.label);
    await user.clear(input);
    expect(screen.queryByLabelText('Equivalent commands')).toBeNull();
    expect(screen.getByText(/No preview yet: fill in the input above/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Copy the commands' })).toBeNull();
    await user.type(input, 'kms 2');
    expect(screen.getByText(/No preview yet: correct the input above/)).toBeInTheDocument();
    expect(screen.queryByText(/kms2\.corp\.example/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
  });

  it('copies exactly what would run, with the key the user typed (the screen shows only its last five)', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const bridge = createTestBridge({ previewFix: (r) => planPreview(scenarioSnapshot('small-shop-gvlk-without-kms'), r.fixId, r.inputs) });
    const fix = FIX_LIST.find((f) => f.id === 'install-key-and-activate')!;
    render(<FixDialog bridge={bridge.api} fix={fix} initialInputs={{ key: 'bcdfg-hjkmp-qrtvw-xy234-6789b' }} remote={false} onClose={() => {}} onFixed={() => {}} />);
    const commands = await screen.findByLabelText('Equivalent commands');
    expect(commands).toHaveTextContent('*****-*****-*****-*****-6789B');
    expect(commands).not.toHaveTextContent('BCDFG');
    await user.click(screen.getByRole('button', { name: 'Copy the commands' }));
    expect(writeText).toHaveBeenCalledWith('cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk BCDFG-HJKMP-QRTVW-XY234-6789B\r\ncscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato');
  });

  it('refuses a published GVLK in the MAK/retail key field at once, with the message main would give', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge({ previewFix: (r) => planPreview(scenarioSnapshot('small-shop-gvlk-without-kms'), r.fixId, r.inputs) });
    const fix = FIX_LIST.find((f) => f.id === 'install-key-and-activate')!;
    render(<FixDialog bridge={bridge.api} fix={fix} initialInputs={{}} remote={false} onClose={() => {}} onFixed={() => {}} />);
    await user.type(screen.getByLabelText(fix.inputs[0]!.label), 'W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(screen.getByText(/ending in T83GX is Microsoft's published KMS client setup key \(GVLK\)/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
  });

  it('asks "did you mean" for a host one edit from a known host, and for an IPv6 address with a port', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge({ previewFix: (r) => preview(r.fixId, r.inputs) });
    const fix = FIX_LIST.find((f) => f.id === 'set-kms-host')!;
    render(<FixDialog bridge={bridge.api} fix={fix} initialInputs={{ host: 'kms3.corp.example' }} knownHosts={['kms2.corp.example']} remote={false} onClose={() => {}} onFixed={() => {}} />);
    expect(await screen.findByText(/Did you mean kms2\.corp\.example\?/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use kms2.corp.example' }));
    expect(screen.getByLabelText(fix.inputs[0]!.label)).toHaveValue('kms2.corp.example');
    expect(screen.queryByText(/Did you mean/)).toBeNull();
    await user.clear(screen.getByLabelText(fix.inputs[0]!.label));
    await user.type(screen.getByLabelText(fix.inputs[0]!.label), '2001:db8::5:1688');
    expect(screen.getByText(/Did you mean \[2001:db8::5\]:1688\?/)).toBeInTheDocument();
  });
});

describe('focus and flow', () => {
  it('gives focus back to the button that opened a dialog', async () => {
    const { user } = await diagnosisOf('f074-time-skew-plus-5h');
    const first = screen.getAllByRole('article')[0]!;
    const opener = await within(first).findByRole('button', { name: /^Sync the clock\s*\(recommended\)$/ }, { timeout: 15_000 });
    await user.click(opener);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it('keeps the diagnosis one click away after "Back to start" and after cancelling a new check', async () => {
    const { user } = await diagnosisOf('f074-port-filtered');
    await user.click(screen.getByRole('button', { name: 'Back to start' }));
    await user.click(screen.getByRole('button', { name: /^Back to the diagnosis of APP01/ }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Windows is not activated');
  });

  it('a phone activation panel takes focus; confirmation-ID boxes advance as you type; success offers a re-check', async () => {
    const user = userEvent.setup();
    const bridge = createTestBridge(smallShop);
    render(<App bridge={bridge.api} />);
    await user.click(screen.getByRole('button', { name: /^Activate without a KMS host/ }));
    await user.type(screen.getByLabelText(/client PCs/), '4');
    await user.type(screen.getByLabelText(/Windows Servers/), '1');
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    await user.click(screen.getByRole('button', { name: 'Activate by phone' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Activate by phone' })).toHaveFocus());
    await user.click(screen.getByLabelText('A'));
    await user.keyboard('123456234567345678456789567890678901789012890123');
    expect(screen.getByLabelText('H')).toHaveValue('890123');
    expect(screen.getByLabelText('A')).toHaveValue('123456');
    await user.click(screen.getByRole('button', { name: 'Activate with this confirmation ID…' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Apply this fix' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'Check this computer again' })).toBeInTheDocument();
  });

  it('the KMS host plan waits for counts that are numbers, and says what is wrong with "abc" and "-3"', async () => {
    const user = userEvent.setup();
    render(<App bridge={createTestBridge(kmsSetup).api} />);
    await user.click(screen.getByRole('button', { name: /^Set up a KMS host/ }));
    const clients = await screen.findByLabelText('Windows clients that will use it', {}, { timeout: 15_000 });
    expect(screen.getByRole('list', { name: 'Compatibility' })).toBeInTheDocument();
    await user.clear(clients);
    await user.type(clients, 'abc');
    expect(screen.getByRole('alert')).toHaveTextContent('not a whole number');
    expect(screen.queryByRole('list', { name: 'Compatibility' })).toBeNull();
    await user.clear(clients);
    await user.type(clients, '-3');
    expect(screen.getByRole('alert')).toHaveTextContent('cannot be negative');
    await user.clear(clients);
    await user.type(clients, '30');
    expect(screen.getByRole('list', { name: 'Compatibility' })).toBeInTheDocument();
  });

  it('counts reject "abc" and "-3" instead of reading 0', () => {
    expect(parseCount('abc')).toMatchObject({ ok: false });
    expect(parseCount('-3')).toEqual({ ok: false, message: 'A count cannot be negative.' });
    expect(parseCount(' 25 ')).toEqual({ ok: true, value: 25 });
  });
});

describe('input helpers', () => {
  it('knows one edit from two', () => {
    expect(oneEditApart('kms2.corp.example', 'kms3.corp.example')).toBe(true);
    expect(oneEditApart('kms2.corp.exmple', 'kms2.corp.example')).toBe(true);
    expect(oneEditApart('kms22.corp.example', 'kms3.corp.example')).toBe(false);
    expect(hostSuggestion('host-port', 'kms3.corp.example:1688', ['kms2.corp.example'])?.value).toBe('kms2.corp.example:1688');
    expect(hostSuggestion('host-port', 'kms2.corp.example', ['kms2.corp.example'])).toBeNull();
  });

  it('copies a confirmation ID in full', () => {
    const text = commandsToCopy(['slmgr /atp <confirmation ID>'], [{ name: 'confirmation-id', label: 'c', hint: 'h', kind: 'confirmation-id', required: true, secret: false }], { 'confirmation-id': '123456234567345678456789567890678901789012890123' });
    expect(text).toBe('slmgr /atp 123456-234567-345678-456789-567890-678901-789012-890123');
  });
});

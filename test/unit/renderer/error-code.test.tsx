// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge } from '../../support/test-bridge';
import { baseHandlers, result, scenarioSnapshot } from '../../browser/scenarios/common';

async function openErrorCode() {
  const user = userEvent.setup();
  const checked = result(scenarioSnapshot('f074-port-filtered'), 0xc004f074);
  // The check answers at once: no recorded 15 ms steps between probes, nothing timed to wait for.
  const bridge = createTestBridge({ ...baseHandlers(checked), runCheck: () => checked });
  render(<App bridge={bridge.api} />);
  await user.click(screen.getByRole('button', { name: /^I have an error code/ }));
  return { user, bridge };
}

describe('I have an error code', () => {
  it('explains on Enter; Shift+Enter adds a line instead', async () => {
    const { user } = await openErrorCode();
    const box = screen.getByLabelText('Error code or message');
    await user.type(box, 'first line{Shift>}{Enter}{/Shift}0xC004F074');
    expect(box).toHaveValue('first line\n0xC004F074');
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
    await user.type(box, '{Enter}');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('0xC004F074');
  });

  it('puts "Check the causes now" before the steps to do by hand', async () => {
    const { user } = await openErrorCode();
    await user.type(screen.getByLabelText('Error code or message'), '0xC004F074{Enter}');
    const check = screen.getByRole('button', { name: 'Check the causes now' });
    const manual = screen.getByRole('heading', { name: 'What to do by hand' });
    expect(check.compareDocumentPosition(manual) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(check.compareDocumentPosition(screen.getByRole('heading', { name: 'Likely causes' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it.each(['0xC004F074', 'c004f074', '-1073418124', '3221549172', 'Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted.'])(
    'explains %s with Microsoft’s meaning, the causes and the next steps',
    async (input) => {
      const { user } = await openErrorCode();
      await user.type(screen.getByLabelText('Error code or message'), input);
      await user.click(screen.getByRole('button', { name: 'Explain' }));
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('0xC004F074 · SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
      expect(screen.getByRole('heading', { name: 'Likely causes' })).toBeInTheDocument();
      expect(screen.getByText(/clocks of the client and the KMS host differ by more than 4 hours/)).toBeInTheDocument();
    },
  );

  it('gives an honest answer for an unknown code, with the facility decoded', async () => {
    const { user } = await openErrorCode();
    await user.type(screen.getByLabelText('Error code or message'), '0x80070020');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent("0x80070020: not in Microsoft's activation error tables");
    expect(screen.getByText(/net helpmsg 32/)).toBeInTheDocument();
  });

  it('answers a code a digit short with "Did you mean" alone, and explains the suggestion in one click', async () => {
    const { user } = await openErrorCode();
    await user.type(screen.getByLabelText('Error code or message'), '0xC004F07{Enter}');
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(/^Did you mean 0xC004F074\b/);
    expect(screen.queryByText(/not a failure/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Explain 0xC004F074' }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('0xC004F074');
    expect(screen.getByRole('button', { name: 'Check the causes now' })).toBeInTheDocument();
  });

  it('says what is wrong with something that is not a code', async () => {
    const { user } = await openErrorCode();
    await user.type(screen.getByLabelText('Error code or message'), 'banana');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/not an error code/);
  });

  it('"Check the causes now" runs the diagnosis with the code as the reported code', async () => {
    const { user, bridge } = await openErrorCode();
    await user.type(screen.getByLabelText('Error code or message'), '0xC004F074');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    await user.click(screen.getByRole('button', { name: 'Check the causes now' }));
    // The diagnosis screen is a large render; on a loaded machine it can take longer than
    // findBy's default 1 s, which is what made this test flaky. Its own time limit bounds it.
    expect(await screen.findByRole('heading', { level: 1, name: 'Windows is not activated' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(bridge.calls.find((c) => c.name === 'runCheck')?.request).toMatchObject({ reportedCode: '0xC004F074' });
  });
});

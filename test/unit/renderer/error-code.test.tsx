// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge } from '../../support/test-bridge';
import { baseHandlers, result, scenarioSnapshot } from '../../browser/scenarios/common';

async function openErrorCode() {
  const user = userEvent.setup();
  const bridge = createTestBridge(baseHandlers(result(scenarioSnapshot('f074-port-filtered'), 0xc004f074)));
  render(<App bridge={bridge.api} />);
  await user.click(screen.getByRole('button', { name: /^I have an error code/ }));
  return { user, bridge };
}

describe('I have an error code', () => {
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
    expect(await screen.findByRole('heading', { level: 1, name: 'Windows is not activated' })).toBeInTheDocument();
    expect(bridge.calls.find((c) => c.name === 'runCheck')?.request).toMatchObject({ reportedCode: '0xC004F074' });
  });
});

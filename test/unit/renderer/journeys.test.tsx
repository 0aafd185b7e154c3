// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge } from '../../support/test-bridge';
import { handlers as smallShop } from '../../browser/scenarios/small-shop';
import { handlers as kmsSetup } from '../../browser/scenarios/kms-setup';

beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});

async function openNoKms() {
  const user = userEvent.setup();
  const bridge = createTestBridge(smallShop);
  render(<App bridge={bridge.api} />);
  await user.click(screen.getByRole('button', { name: /^Activate without a KMS host/ }));
  return { user, bridge };
}

describe('activate without a KMS host', () => {
  it('needs both counts before it recommends', async () => {
    const { user } = await openNoKms();
    const recommend = screen.getByRole('button', { name: 'Recommend' });
    expect(recommend).toBeDisabled();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), '12');
    await user.type(screen.getByLabelText('How many Windows Servers?'), 'x');
    expect(recommend).toBeDisabled();
    expect(screen.getByLabelText('How many Windows Servers?')).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    ['12', '0', 'Directly', 'Recommended: Activate online with a MAK or retail key'],
    ['40', '0', 'Directly', 'Recommended: Set up a KMS host'],
    ['12', '0', 'Through a proxy that asks for a login', 'Recommended: Activate by phone'],
    ['3', '0', 'Not at all', 'Recommended: Activate by phone'],
  ])('%s clients, %s servers, internet "%s" → %s', async (clients, servers, internet, heading) => {
    const { user } = await openNoKms();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), clients);
    await user.type(screen.getByLabelText('How many Windows Servers?'), servers);
    await user.click(screen.getByLabelText(internet));
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    expect(screen.getByRole('heading', { level: 2, name: heading })).toBeInTheDocument();
  });

  it('domain members below the thresholds → Active Directory-based activation, with a check of the forest', async () => {
    const { user } = await openNoKms();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), '12');
    await user.type(screen.getByLabelText('How many Windows Servers?'), '1');
    await user.click(screen.getByLabelText('Yes, all of them'));
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Recommended: Use Active Directory-based activation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check this computer: is the forest ready?' })).toBeInTheDocument();
  });

  it('phone: groups the installation ID, splits a pasted confirmation ID and validates each group', async () => {
    const { user, bridge } = await openNoKms();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), '3');
    await user.type(screen.getByLabelText('How many Windows Servers?'), '0');
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    await user.click(screen.getByRole('button', { name: 'Activate by phone' }));
    const iid = await screen.findByLabelText('Installation ID');
    expect(within(iid).getAllByText(/^\d{7}$/)).toHaveLength(9);
    await user.click(screen.getByLabelText('A'));
    await user.paste('123456 234567 345678 456789 567890 678901 789012 890123');
    expect(screen.getByLabelText('H')).toHaveValue('890123');
    await user.clear(screen.getByLabelText('D'));
    await user.type(screen.getByLabelText('D'), '45678a');
    expect(screen.getByRole('alert')).toHaveTextContent('group D of the confirmation ID may contain digits only');
    expect(screen.getByRole('button', { name: 'Activate with this confirmation ID…' })).toBeDisabled();
    await user.clear(screen.getByLabelText('D'));
    await user.type(screen.getByLabelText('D'), '456789');
    await user.click(screen.getByRole('button', { name: 'Activate with this confirmation ID…' }));
    // Nothing runs before the preview is confirmed.
    const dialog = await screen.findByRole('dialog', { name: 'Activate by phone' });
    expect(bridge.calls.filter((c) => c.name === 'runFix')).toHaveLength(0);
    await user.click(await within(dialog).findByRole('button', { name: 'Apply this fix' }));
    expect(await within(dialog).findByText('Fixed.')).toBeInTheDocument();
    expect(bridge.calls.find((c) => c.name === 'runFix')?.request).toEqual({ fixId: 'phone-activation', inputs: { 'confirmation-id': '123456-234567-345678-456789-567890-678901-789012-890123' }, override: false, source: 'this-computer', previewToken: 'ab'.repeat(32) });
  });

  it('online: validates the key as typed and names the problem', async () => {
    const { user } = await openNoKms();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), '3');
    await user.type(screen.getByLabelText('How many Windows Servers?'), '0');
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    await user.click(screen.getByRole('button', { name: 'Activate online with a key' }));
    await user.type(screen.getByLabelText('Product key (MAK or retail)'), 'AAAAA-');
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Install the key and activate…' })).toBeDisabled();
  });

  it('online: a published KMS client key (GVLK) or a placeholder is named as such, and cannot be installed', async () => {
    const { user } = await openNoKms();
    await user.type(screen.getByLabelText('How many Windows client PCs need volume activation?'), '3');
    await user.type(screen.getByLabelText('How many Windows Servers?'), '0');
    await user.click(screen.getByRole('button', { name: 'Recommend' }));
    await user.click(screen.getByRole('button', { name: 'Activate online with a key' }));
    const input = screen.getByLabelText('Product key (MAK or retail)');
    await user.type(input, 'W269N-WFGWX-YVC9B-4J6C9-T83GX');
    expect(screen.getByRole('alert')).toHaveTextContent(/published KMS client setup key \(GVLK\) for Windows 1[01] Pro/);
    expect(screen.getByRole('button', { name: 'Install the key and activate…' })).toBeDisabled();
    await user.clear(input);
    await user.type(input, 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX');
    expect(screen.getByRole('alert')).toHaveTextContent('placeholder');
    await user.clear(input);
    await user.type(input, 'QX7PT-2MB9D-KH4CR-J6W3F-8YGVN');
    expect(screen.getByText('Looks right: key ending in 8YGVN.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Install the key and activate…' })).toBeEnabled();
  });
});

describe('set up a KMS host', () => {
  it('shows whether this computer can serve the chosen clients and each setup step', async () => {
    const user = userEvent.setup();
    render(<App bridge={createTestBridge(kmsSetup).api} />);
    await user.click(screen.getByRole('button', { name: /^Set up a KMS host/ }));
    const plan = await screen.findByRole('list', { name: 'Compatibility' });
    expect(plan).toHaveTextContent('Windows Server 2022: yes, after KB5003646');
    await user.click(screen.getByLabelText('Windows Server 2025'));
    expect(screen.getByRole('list', { name: 'Compatibility' })).toHaveTextContent('Windows Server 2025: yes, after KB5034768');
    expect(screen.getByText('KMS host key (CSVLK) installed').closest('li')).toHaveTextContent('To do');
    await user.clear(screen.getByLabelText('Windows clients that will use it'));
    await user.type(screen.getByLabelText('Windows clients that will use it'), '10');
    await user.clear(screen.getByLabelText('Windows Servers that will use it'));
    await user.type(screen.getByLabelText('Windows Servers that will use it'), '2');
    expect(screen.getByText(/12 machines in one count .*not the 25 that Windows clients need/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'See the alternatives' })).toBeInTheDocument();
  });
});

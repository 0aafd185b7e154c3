// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge } from '../../support/test-bridge';

const ENTRY_TITLES = [
  'Check this computer',
  'I have an error code',
  'Activate without a KMS host',
  'Set up a KMS host',
  'Open a snapshot from another computer',
  'Check many computers',
];

function linuxBridge() {
  return createTestBridge({
    getAppInfo: () => ({ name: 'Activation Doctor', version: '0.1.0', platform: 'linux', canProbeWindows: false }),
  });
}

describe('start screen', () => {
  it('shows the product name and every entry point as a button', async () => {
    render(<App bridge={linuxBridge().api} />);
    expect(screen.getByText('Activation Doctor')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'What do you want to do?' });
    for (const title of ENTRY_TITLES) {
      expect(within(nav).getByRole('button', { name: new RegExp(`^${title}`) })).toBeInTheDocument();
    }
  });

  it('loads a one-line status of this computer at start', async () => {
    render(<App bridge={linuxBridge().api} />);
    expect(await screen.findByText(/running on Linux: Windows facts can only be read on Windows/)).toBeInTheDocument();
  });

  it('says so when the engine answers with an error, with a next step', async () => {
    const bridge = createTestBridge({ getAppInfo: () => ({ ok: false, error: { code: 'failed', message: 'The engine failed. Restart the app.' } }) });
    render(<App bridge={bridge.api} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Restart the app');
  });

  it('reaches every entry point by keyboard alone, in reading order', async () => {
    const user = userEvent.setup();
    render(<App bridge={linuxBridge().api} />);
    await screen.findByText(/running on Linux/);
    const reached: string[] = [];
    // Focus starts on the screen's heading, so the first Tab lands on the first entry point.
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    for (let i = 0; i < ENTRY_TITLES.length; i++) {
      await user.tab();
      reached.push((document.activeElement as HTMLElement).querySelector('.entry-title')?.textContent ?? '');
    }
    expect(reached).toEqual(ENTRY_TITLES);
  });

  it('opens an entry point with Enter and comes back', async () => {
    const user = userEvent.setup();
    render(<App bridge={linuxBridge().api} />);
    screen.getByRole('button', { name: /^I have an error code/ }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 1, name: 'I have an error code' })).toHaveFocus();
    await user.click(screen.getAllByRole('button', { name: 'Back to start' })[0]!);
    expect(screen.getByRole('heading', { level: 1, name: /Why won.t Windows activate/ })).toBeInTheDocument();
  });

  it('explains itself when opened without the app bridge', () => {
    render(<App bridge={null} />);
    expect(screen.getByRole('heading', { name: /cannot reach its engine/ })).toBeInTheDocument();
  });
});

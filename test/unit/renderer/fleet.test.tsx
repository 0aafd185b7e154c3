// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App';
import { createTestBridge, type ScenarioHandlers } from '../../support/test-bridge';
import { fleetAnswer, fleetHandlers, FLEET_SIZE } from '../../browser/scenarios/fleet';
import { fleetView } from '../../../shared/fleet/view';
import { buildFleetDiagnosis } from '../../../shared/fleet';
import { FINDING_IDS, FLEET_FINDING_IDS } from '../../../shared/ids';

async function openFleet(handlers: ScenarioHandlers = fleetHandlers()) {
  const user = userEvent.setup();
  const bridge = createTestBridge(handlers);
  render(<App bridge={bridge.api} />);
  await user.click(screen.getByRole('button', { name: /^Check many computers/ }));
  expect(screen.getByRole('heading', { level: 1, name: 'Check many computers' })).toHaveFocus();
  expect(screen.getByText(/activation-doctor fleet collect --computers computers.txt/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Choose a folder of snapshots…' }));
  return { user, bridge };
}

describe('Check many computers', () => {
  it('shows the totals, the causes by count (blockers first) and what shows across machines, without internal ids', async () => {
    await openFleet();
    expect(await screen.findByRole('heading', { level: 1, name: 'Many computers: fleet-20261207' })).toBeInTheDocument();
    const { view } = fleetAnswer();
    expect(screen.getByText(new RegExp(`^${FLEET_SIZE} computers read from ${FLEET_SIZE + 2} files: ${view.totals.healthy} healthy, ${view.totals.problems} with problems, 0 cannot tell; 2 files could not be read`))).toBeInTheDocument();
    const verdicts = screen.getByRole('list', { name: 'Computers by verdict' });
    expect(within(verdicts).getByText(`Not activated: ${view.verdicts.find((v) => v.kind === 'not-activated')!.count}`)).toBeInTheDocument();

    const causes = screen.getByRole('heading', { name: 'Causes, by computers affected' }).parentElement!;
    const rows = within(causes).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(view.causes.length);
    const first = within(rows[0]!).getAllByRole('cell');
    expect(first[0]).toHaveTextContent(view.causes[0]!.title);
    expect(first[1]).toHaveTextContent('Blocks activation');
    expect(first[2]).toHaveTextContent('10');

    const across = screen.getByRole('heading', { name: 'What shows across machines' }).parentElement!;
    const cards = within(across).getAllByRole('article');
    expect(cards.length).toBe(view.fleetFindings.length);
    expect(within(across).getAllByRole('heading', { name: /share one client machine ID/ })).toHaveLength(2);
    expect(within(across).getByRole('heading', { name: /split the count/ })).toBeInTheDocument();
    expect(across).toHaveTextContent('PC00020');

    expect(screen.getByRole('heading', { name: 'Files that could not be read (2)' }).parentElement).toHaveTextContent('shortcut.json: a link, not a file; links are not followed');
    // Titles on screen, never the ids behind them.
    const text = document.body.textContent ?? '';
    for (const id of [...FINDING_IDS, ...FLEET_FINDING_IDS].filter((i) => i.includes('-'))) expect(text).not.toContain(id);
    expect(text).not.toContain('No problems found');
  });

  it('drills into a machine read-only and comes back to the fleet in one click, same filter, without reading the folder again', async () => {
    const { user, bridge } = await openFleet();
    const list = (await screen.findByRole('heading', { name: 'Computers' })).parentElement!;
    await user.type(within(list).getByLabelText('Filter by name, domain, verdict or cause'), 'split.corp');
    expect(within(list).getAllByRole('row')).toHaveLength(11);
    expect(within(list).getByRole('status')).toHaveTextContent('10 computers match.');
    await user.click(within(list).getByRole('button', { name: 'PC00003' }));
    expect(bridge.calls.filter((c) => c.name === 'openFleetMachine').map((c) => c.request)).toEqual([{ machine: 3 }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Windows is not activated' })).toHaveFocus();
    expect(screen.getByText(/a snapshot of another computer/)).toHaveTextContent('PC00003.json');
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /Back to the fleet \(fleet-20261207\)/ }));
    expect(screen.getByRole('heading', { level: 1, name: 'Many computers: fleet-20261207' })).toHaveFocus();
    expect(screen.getByLabelText('Filter by name, domain, verdict or cause')).toHaveValue('split.corp');
    expect(screen.getByText('10 computers match.', { exact: false })).toBeInTheDocument();
    expect(bridge.calls.filter((c) => c.name === 'openFleetFolder')).toHaveLength(1);
    await act(async () => {});
  });

  it('lists the machines with problems first', async () => {
    await openFleet();
    const list = (await screen.findByRole('heading', { name: 'Computers' })).parentElement!;
    const verdicts = within(list)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[2]!.textContent);
    expect(verdicts.slice(0, 10)).toEqual(Array(10).fill('Not activated'));
    const firstCauses = within(list).getAllByRole('row')[11]!;
    expect(firstCauses).toHaveTextContent('PC00010');
    expect(within(list).getAllByRole('row')[40]!).toHaveTextContent('None');
  });

  it('says so when a machine cannot be opened', async () => {
    const handlers = fleetHandlers();
    const { user } = await openFleet({ ...handlers, openFleetMachine: () => ({ ok: false, error: { code: 'failed', message: 'PC00001.json cannot be opened now: a link, not a file.' } }) });
    await user.click(await screen.findByRole('button', { name: 'PC00001' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('PC00001.json cannot be opened now');
  });

  it('an empty folder says nothing was checked, not that all is well', async () => {
    const empty = fleetView(buildFleetDiagnosis([], []), 0);
    await openFleet({ ...fleetHandlers(), openFleetFolder: () => ({ opened: true, folderName: 'empty', fleet: empty }) });
    expect(await screen.findByText(/This folder has no \.json files, so nothing was checked/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Computers' })).toBeNull();
    expect(screen.queryByText(/Every computer is activated/)).toBeNull();
  });

  it('a folder of nothing readable says so and lists why', async () => {
    const junk = fleetView(buildFleetDiagnosis([], [{ source: 'a.json', reason: 'the file is not JSON (Unexpected token)' }]), 1);
    await openFleet({ ...fleetHandlers(), openFleetFolder: () => ({ opened: true, folderName: 'junk', fleet: junk }) });
    expect(await screen.findByText(/None of the 1 file could be read as a snapshot, so nothing was checked/)).toBeInTheDocument();
    expect(screen.getByText(/the file is not JSON/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'What shows across machines' })).toBeNull();
  });

  it('a cancelled dialog stays on the explanation; a failure is said', async () => {
    const handlers = fleetHandlers();
    await openFleet({ ...handlers, openFleetFolder: () => ({ opened: false }) });
    expect(await screen.findByRole('button', { name: 'Choose a folder of snapshots…' })).toBeEnabled();
    expect(screen.getByRole('heading', { level: 1, name: 'Check many computers' })).toBeInTheDocument();
  });

  it('shows a folder-level failure as an alert', async () => {
    await openFleet({ ...fleetHandlers(), openFleetFolder: () => ({ ok: false, error: { code: 'failed', message: 'The folder cannot be read: /x does not exist.' } }) });
    expect(await screen.findByRole('alert')).toHaveTextContent('does not exist');
  });
});

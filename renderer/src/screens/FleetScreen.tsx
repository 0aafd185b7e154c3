import { useMemo, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import type { FleetView } from '../../../shared/fleet/view';

/** A folder opened with "Check many computers": what main answered, kept by App across drill-ins. */
export interface OpenedFleet {
  folderName: string;
  fleet: FleetView;
  /** The machine list's filter, kept so "Back to the fleet" returns to the same rows. */
  filter: string;
}

export interface FleetScreenProps {
  bridge: BridgeApi;
  opened: OpenedFleet | null;
  onOpened: (opened: OpenedFleet) => void;
  /** One machine's diagnosis, to show read-only like a snapshot file (named by its file). */
  onMachine: (result: CheckResult, fileName: string) => void;
}

const SEVERITY_TEXT = { blocker: 'Blocks activation', warning: 'Warning', info: 'Info' } as const;
/** Rows drawn at once; the filter finds the rest (a folder can hold 20,000 machines). */
const ROWS_SHOWN = 200;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** The machine list puts the worst first: a folder of 20,000 shows its first 200 rows. */
const VERDICT_RANK = { 'not-activated': 0, 'cannot-tell': 1, 'activated-renewal-failing': 2, 'activated-expiring': 3, activated: 4 } as const;
const didNotAnswer = { ok: false as const, error: { code: 'failed' as const, message: 'Activation Doctor did not answer. Try again.' } };

/** "Check many computers": a folder of snapshots, grouped by cause, each machine one click from its diagnosis. */
export function FleetScreen({ bridge, opened, onOpened, onMachine }: FleetScreenProps) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'opening' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const choose = async () => {
    setState({ kind: 'opening' });
    const reply = await bridge.openFleetFolder().catch(() => didNotAnswer);
    if (!reply.ok) return setState({ kind: 'error', message: reply.error.message });
    setState({ kind: 'idle' });
    if (reply.value.opened) onOpened({ folderName: reply.value.folderName, fleet: reply.value.fleet, filter: '' });
  };

  const chooseButton = (
    <button type="button" className={opened ? 'button button-quiet' : 'button'} onClick={() => void choose()} disabled={state.kind === 'opening'}>
      {state.kind === 'opening' ? 'Reading the folder…' : opened ? 'Choose another folder…' : 'Choose a folder of snapshots…'}
    </button>
  );

  return (
    <div className="fleet">
      <section className="panel" aria-labelledby="fleet-title">
        <h1 id="fleet-title" tabIndex={-1}>
          {opened ? `Many computers: ${opened.folderName}` : 'Check many computers'}
        </h1>
        {opened ? (
          <Totals fleet={opened.fleet} />
        ) : (
          <>
            <p>
              Choose a folder of snapshot or collector files, one per computer. Activation Doctor diagnoses each one, groups the computers by cause, and finds what only
              shows across machines: cloned images sharing one client machine ID, KMS hosts that split the count, hosts in DNS that are dead, machines that stopped
              renewing, and retail keys among volume ones.
            </p>
            <p className="muted">
              To gather the folder on Windows: <code>activation-doctor fleet collect --computers computers.txt --out fleet</code> runs the collector on each computer through
              PowerShell remoting. With Intune, ConfigMgr or an RMM tool, run the collector script unattended (see docs/fleet.md).
            </p>
          </>
        )}
        <p>{chooseButton}</p>
        {state.kind === 'error' ? (
          <p role="alert" className="callout callout-bad">
            {state.message}
          </p>
        ) : null}
      </section>
      {opened ? <FleetBody bridge={bridge} fleet={opened.fleet} filter={opened.filter} onFilter={(filter) => onOpened({ ...opened, filter })} onMachine={onMachine} /> : null}
    </div>
  );
}

function Totals({ fleet }: { fleet: FleetView }) {
  const t = fleet.totals;
  if (t.files === 0) {
    return (
      <p className="callout callout-warn" role="status">
        This folder has no .json files, so nothing was checked. Choose the folder the collector or <code>activation-doctor fleet collect</code> wrote into.
      </p>
    );
  }
  if (t.machines === 0) {
    return (
      <p className="callout callout-bad" role="status">
        None of the {plural(t.files, 'file')} could be read as a snapshot, so nothing was checked. The reasons are listed below.
      </p>
    );
  }
  const allWell = t.healthy === t.machines && t.unreadable === 0 && fleet.fleetFindings.every((f) => f.severity === 'info');
  return (
    <>
      <p role="status">
        {`${plural(t.machines, 'computer')} read from ${plural(t.files, 'file')}: ${t.healthy.toLocaleString('en-US')} healthy, ${t.problems.toLocaleString('en-US')} with problems, ${t.cannotTell.toLocaleString('en-US')} cannot tell`}
        {t.unreadable > 0 ? `; ${plural(t.unreadable, 'file')} could not be read` : ''}.
      </p>
      <ul className="fleet-verdicts" aria-label="Computers by verdict">
        {fleet.verdicts.map((v) => (
          <li key={v.kind} className={`pill ${v.kind === 'activated' ? 'pill-good' : v.kind === 'cannot-tell' ? 'pill-unknown' : 'pill-bad'}`}>
            {v.title}: {v.count.toLocaleString('en-US')}
          </li>
        ))}
      </ul>
      {allWell ? <p className="callout callout-good">Every computer is activated with nothing to fix, and nothing shows across machines.</p> : null}
      {fleet.capped.map((line) => (
        <p key={line} className="callout callout-warn">
          {line}
        </p>
      ))}
    </>
  );
}

interface ListProps {
  bridge: BridgeApi;
  fleet: FleetView;
  filter: string;
  onFilter: (filter: string) => void;
  onMachine: FleetScreenProps['onMachine'];
}

function FleetBody(props: ListProps) {
  const { fleet } = props;
  return (
    <>
      {fleet.totals.machines > 0 ? (
        <>
          <section aria-labelledby="fleet-causes-title">
            <h2 id="fleet-causes-title">Causes, by computers affected</h2>
            {fleet.causes.length === 0 ? (
              <p>No computer has a problem of its own.</p>
            ) : (
              <table className="evidence fleet-causes">
                <thead>
                  <tr>
                    <th scope="col">Cause</th>
                    <th scope="col">How serious</th>
                    <th scope="col" className="num">
                      Computers
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fleet.causes.map((c) => (
                    <tr key={c.findingId}>
                      <td>
                        <details>
                          <summary>{c.title}</summary>
                          <span className="fleet-names">
                            {c.machines.join(', ')}
                            {c.count > c.machines.length ? ` and ${(c.count - c.machines.length).toLocaleString('en-US')} more` : ''}
                          </span>
                        </details>
                      </td>
                      <td className={c.severity === 'blocker' ? 'bad' : ''}>{SEVERITY_TEXT[c.severity]}</td>
                      <td className="num">{c.count.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="fleet-across-title">
            <h2 id="fleet-across-title">What shows across machines</h2>
            {fleet.fleetFindings.length === 0 ? <p>Nothing: no shared client machine IDs, split KMS counts, dead hosts in DNS, stopped renewals or retail keys among volume ones.</p> : null}
            {fleet.fleetFindings.map((f, i) => (
              <article key={`${f.id}-${i}`} className={`finding finding-${f.severity}`} aria-labelledby={`fleet-finding-${i}`}>
                <div className="finding-head">
                  <span className={`badge badge-${f.severity}`}>{SEVERITY_TEXT[f.severity]}</span>
                  <h3 id={`fleet-finding-${i}`}>{f.title}</h3>
                </div>
                <p>{f.explanation}</p>
                <p>
                  <strong>{plural(f.machineCount, 'computer')}</strong>
                  {f.scope ? ` in ${f.scope}` : ''}: <span className="fleet-names">{f.machines.join(', ')}</span>
                  {f.machineCount > f.machines.length ? ` and ${(f.machineCount - f.machines.length).toLocaleString('en-US')} more` : ''}
                </p>
                <details>
                  <summary>Evidence and what to do</summary>
                  {f.evidence.length > 0 ? (
                    <table className="evidence">
                      <caption className="visually-hidden">Evidence for: {f.title}</caption>
                      <thead>
                        <tr>
                          <th scope="col">What</th>
                          <th scope="col">Seen</th>
                          <th scope="col">Expected</th>
                        </tr>
                      </thead>
                      <tbody>
                        {f.evidence.map((e, j) => (
                          <tr key={j}>
                            <td>{e.label}</td>
                            <td className="fleet-names">{e.observed}</td>
                            <td>{e.limit ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {f.guidance.length > 0 ? (
                    <ul>
                      {f.guidance.map((g) => (
                        <li key={g}>{g}</li>
                      ))}
                    </ul>
                  ) : null}
                </details>
              </article>
            ))}
          </section>
        </>
      ) : null}

      {fleet.unreadable.length > 0 ? (
        <section aria-labelledby="fleet-unreadable-title">
          <h2 id="fleet-unreadable-title">Files that could not be read ({fleet.totals.unreadable.toLocaleString('en-US')})</h2>
          <ul className="fleet-unreadable">
            {fleet.unreadable.map((u) => (
              <li key={u.fileName}>
                <strong className="fleet-names">{u.fileName}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {fleet.machines.length > 0 ? <MachineList {...props} /> : null}
    </>
  );
}

function MachineList({ bridge, fleet, filter, onFilter, onMachine }: ListProps) {
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  const ordered = useMemo(
    () => [...fleet.machines].sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || b.topFindings.length - a.topFindings.length || a.id - b.id),
    [fleet.machines],
  );
  const matching = useMemo(() => {
    const words = filter.trim().toLowerCase();
    if (words === '') return ordered;
    return ordered.filter((m) => [m.name, m.fileName, m.domain ?? '', m.verdictTitle, ...m.topFindings].some((text) => text.toLowerCase().includes(words)));
  }, [ordered, filter]);

  const open = async (id: number) => {
    setOpening(id);
    setError(null);
    const reply = await bridge.openFleetMachine({ machine: id }).catch(() => didNotAnswer);
    setOpening(null);
    if (!reply.ok) return setError(reply.error.message);
    onMachine(reply.value.result, reply.value.fileName);
  };

  return (
    <section aria-labelledby="fleet-machines-title">
      <h2 id="fleet-machines-title">Computers</h2>
      <div className="field">
        <label htmlFor="fleet-filter">Filter by name, domain, verdict or cause</label>
        <input id="fleet-filter" type="search" value={filter} onChange={(e) => onFilter(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <p className="muted" role="status">
        {matching.length > ROWS_SHOWN
          ? `Showing the first ${ROWS_SHOWN} of ${plural(matching.length, 'computer')}; type to narrow the list.`
          : `${plural(matching.length, 'computer')}${filter.trim() ? ' match' : ''}.`}{' '}
        Choose one to see its diagnosis.
      </p>
      {error ? (
        <p role="alert" className="callout callout-bad">
          {error}
        </p>
      ) : null}
      <table className="evidence fleet-machines">
        <thead>
          <tr>
            <th scope="col">Computer</th>
            <th scope="col">Domain</th>
            <th scope="col">Verdict</th>
            <th scope="col">Main causes</th>
          </tr>
        </thead>
        <tbody>
          {matching.slice(0, ROWS_SHOWN).map((m) => (
            <tr key={m.id}>
              <td>
                <button type="button" className="link-button fleet-names" onClick={() => void open(m.id)} disabled={opening !== null} aria-describedby={`fleet-verdict-${m.id}`}>
                  {opening === m.id ? `Opening ${m.name}…` : m.name}
                </button>
              </td>
              <td className="fleet-names">{m.domain ?? '—'}</td>
              <td id={`fleet-verdict-${m.id}`} className={m.verdict === 'activated' ? 'good' : m.verdict === 'cannot-tell' ? '' : 'bad'}>
                {m.verdictTitle}
              </td>
              <td>{m.topFindings.length > 0 ? m.topFindings.join('; ') : 'None'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

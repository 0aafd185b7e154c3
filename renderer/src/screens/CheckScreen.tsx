import { useEffect, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import { PROBES, isHiddenFact, type ProbeEvent, type ProbeId } from '../../../shared/probes';
import type { UnavailableReason } from '../../../shared/snapshot';
import { SKIPPED_REASONS, reasonAndDetail } from '../../../shared/summary';
import { formatMs, newRunId } from '../format';

type Finished = { state: 'ok' | 'problem' | 'unavailable' | 'skipped'; summary: string; durationMs: number; reason: UnavailableReason | null };
type Row = { state: 'waiting' } | { state: 'running' } | { state: 'stopped' } | Finished;

/** The same status words as the CLI's progress lines (main/cli/progress.ts). */
const STATE_LABEL: Record<Row['state'], string> = { waiting: 'Waiting', running: 'Running', stopped: 'Stopped', ok: 'OK', problem: 'Problem', unavailable: 'Could not check', skipped: 'Skipped' };

function finishedRow(event: Extract<ProbeEvent, { state: 'finished' }>): Finished {
  const skipped = event.outcome === 'unavailable' && event.reason !== null && SKIPPED_REASONS.has(event.reason);
  // The summary of an unavailable check already starts with its reason: said once, not twice.
  const summary = event.outcome === 'unavailable' && event.reason !== null ? reasonAndDetail(event.reason, event.summary) : event.summary;
  return { state: skipped ? 'skipped' : event.outcome, summary, durationMs: event.durationMs, reason: event.reason };
}

/** A Windows fact that does not apply here (the KMS firewall rule on a client) has no row. */
function hidden(probe: ProbeId, row: Row): boolean {
  return 'reason' in row && isHiddenFact(probe, row.reason);
}

export interface CheckRequest {
  reportedCode: string | null;
  kms: string | null;
  domain: string | null;
}

/** Runs every probe with a live checklist, then hands the result to the diagnosis screen. */
export interface CheckScreenProps {
  bridge: BridgeApi;
  request: CheckRequest;
  onDone: (result: CheckResult) => void;
  onCancel: () => void;
  /** Set when an earlier diagnosis exists: cancelling or a failure never loses it. */
  onBackToDiagnosis?: (() => void) | undefined;
}

export function CheckScreen({ bridge, request, onDone, onCancel, onBackToDiagnosis }: CheckScreenProps) {
  const [rows, setRows] = useState<Record<string, Row>>(() => Object.fromEntries(PROBES.map((p) => [p.id, { state: 'waiting' } as Row])));
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const runId = useRef(newRunId());

  useEffect(() => {
    let live = true;
    const id = runId.current;
    const unsubscribe = bridge.onProbeProgress((event: ProbeEvent) => {
      if (!live || event.runId !== id) return;
      setRows((current) => ({
        ...current,
        [event.probe]: event.state === 'started' ? { state: 'running' } : finishedRow(event),
      }));
    });
    bridge
      .runCheck({ runId: id, kms: request.kms, domain: request.domain, reportedCode: request.reportedCode })
      .then((reply) => {
        if (!live) return;
        if (reply.ok) onDone(reply.value);
        else fail(reply.error.message);
      })
      .catch(() => live && fail('Activation Doctor did not answer. Restart the app and try again.'));
    // A check that stopped leaves no spinner running: whatever had not finished is marked stopped.
    function fail(message: string) {
      setError(message);
      setRows((current) => Object.fromEntries(Object.entries(current).map(([k, r]) => [k, r.state === 'running' || r.state === 'waiting' ? { state: 'stopped' } : r])));
    }
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge, request, onDone]);

  const cancel = async () => {
    setCancelling(true);
    await bridge.cancelCheck({ runId: runId.current }).catch(() => undefined);
    (onBackToDiagnosis ?? onCancel)();
  };

  const visible = PROBES.filter((p) => !hidden(p.id, rows[p.id] ?? { state: 'waiting' }));
  const finished = visible.filter((p) => ['ok', 'problem', 'unavailable', 'skipped'].includes(rows[p.id]?.state ?? 'waiting')).length;

  return (
    <section className="panel" aria-labelledby="check-title">
      <h1 id="check-title" tabIndex={-1}>
        Checking this computer
      </h1>
      <p className="muted">
        Every check runs at the same time and stops after a few seconds. {request.reportedCode ? `The causes of ${request.reportedCode} are checked first.` : ''}
      </p>
      <p role="status" aria-live="polite" className="progress-line">
        {error ? 'The check stopped.' : `${finished} of ${visible.length} checks done`}
      </p>
      <progress max={visible.length} value={finished} aria-label="Checks done" />
      <ol className="checklist">
        {visible.map((probe) => {
          const row = rows[probe.id] ?? { state: 'waiting' };
          return (
            <li key={probe.id} className={`check-row check-${row.state}`} data-probe={probe.id as ProbeId}>
              <span className="check-state" aria-hidden="true" />
              <span className="check-title">{probe.title}</span>
              <span className="check-outcome">
                <span className="check-label">{STATE_LABEL[row.state]}</span>
                {'summary' in row ? (
                  <span className="check-summary">
                    {' — '}
                    {row.summary} ({formatMs(row.durationMs)})
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      {error ? (
        <div role="alert" className="callout callout-bad">
          <p>{error}</p>
          <div className="actions">
            {onBackToDiagnosis ? (
              <button type="button" className="button" onClick={onBackToDiagnosis}>
                Back to the last diagnosis
              </button>
            ) : null}
            <button type="button" className={onBackToDiagnosis ? 'button button-quiet' : 'button'} onClick={onCancel}>
              Back to start
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button button-quiet" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : onBackToDiagnosis ? 'Cancel, back to the last diagnosis' : 'Cancel the check'}
          </button>
        </div>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import { PROBES, type ProbeEvent, type ProbeId } from '../../../shared/probes';
import { UNAVAILABLE_REASON_TEXT } from '../../../shared/snapshot';
import { formatMs, newRunId } from '../format';

type Row = { state: 'waiting' } | { state: 'running' } | { state: 'ok' | 'problem' | 'unavailable'; summary: string; durationMs: number; reason: string | null };

const STATE_LABEL: Record<Row['state'], string> = { waiting: 'Waiting', running: 'Running', ok: 'OK', problem: 'Problem', unavailable: 'Could not check' };

export interface CheckRequest {
  reportedCode: string | null;
  kms: string | null;
  domain: string | null;
}

/** Runs every probe with a live checklist, then hands the result to the diagnosis screen. */
export function CheckScreen({ bridge, request, onDone, onCancel }: { bridge: BridgeApi; request: CheckRequest; onDone: (result: CheckResult) => void; onCancel: () => void }) {
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
        [event.probe]: event.state === 'started' ? { state: 'running' } : { state: event.outcome, summary: event.summary, durationMs: event.durationMs, reason: event.reason },
      }));
    });
    bridge
      .runCheck({ runId: id, kms: request.kms, domain: request.domain, reportedCode: request.reportedCode })
      .then((reply) => {
        if (!live) return;
        if (reply.ok) onDone(reply.value);
        else setError(reply.error.message);
      })
      .catch(() => live && setError('Activation Doctor did not answer. Restart the app and try again.'));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge, request, onDone]);

  const cancel = async () => {
    setCancelling(true);
    await bridge.cancelCheck({ runId: runId.current }).catch(() => undefined);
    onCancel();
  };

  const finished = Object.values(rows).filter((r) => r.state === 'ok' || r.state === 'problem' || r.state === 'unavailable').length;

  return (
    <section className="panel" aria-labelledby="check-title">
      <h1 id="check-title" tabIndex={-1}>
        Checking this computer
      </h1>
      <p className="muted">
        Every check runs at the same time and stops after a few seconds. {request.reportedCode ? `The causes of ${request.reportedCode} are checked first.` : ''}
      </p>
      <p role="status" aria-live="polite" className="progress-line">
        {error ? 'The check stopped.' : `${finished} of ${PROBES.length} checks done`}
      </p>
      <progress max={PROBES.length} value={finished} aria-label="Checks done" />
      <ol className="checklist">
        {PROBES.map((probe) => {
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
                    {row.state === 'unavailable' && row.reason ? `${UNAVAILABLE_REASON_TEXT[row.reason as keyof typeof UNAVAILABLE_REASON_TEXT] ?? row.reason}: ` : ''}
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
          <button type="button" className="button" onClick={onCancel}>
            Back to start
          </button>
        </div>
      ) : (
        <button type="button" className="button button-quiet" onClick={cancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel the check'}
        </button>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import type { FixInfo } from '../../../shared/fix-types';
import { FindingCard } from '../components/FindingCard';
import { LICENSE_CHANNEL_TABLE } from '../../../shared/knowledge/licensing';
import { FixDialog } from '../components/FixDialog';
import { findingsHeading } from '../../../shared/diagnosis/format';

const VERDICT_CLASS: Record<string, string> = {
  activated: 'verdict-good',
  'activated-renewal-failing': 'verdict-warn',
  'activated-expiring': 'verdict-warn',
  'not-activated': 'verdict-bad',
  'cannot-tell': 'verdict-unknown',
};

export interface DiagnosisScreenProps {
  bridge: BridgeApi;
  result: CheckResult;
  /** Set when the diagnosis comes from a snapshot file of another computer. */
  remoteFile: string | null;
  onResult: (result: CheckResult) => void;
  onCheckAgain: () => void;
}

export function DiagnosisScreen({ bridge, result, remoteFile, onResult, onCheckAgain }: DiagnosisScreenProps) {
  const { diagnosis } = result;
  const [fixes, setFixes] = useState<FixInfo[]>([]);
  const [dialog, setDialog] = useState<{ fix: FixInfo; inputs: Record<string, string> } | null>(null);
  const [exportState, setExportState] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void bridge.listFixes().then((reply) => live && reply.ok && setFixes(reply.value));
    return () => {
      live = false;
    };
  }, [bridge]);

  const problems = diagnosis.findings.filter((f) => f.severity !== 'info');
  const infos = diagnosis.findings.filter((f) => f.severity === 'info');

  const exportReport = async (format: 'html' | 'json') => {
    setExportState('Saving…');
    try {
      const reply = await bridge.exportReport({ format });
      if (!reply.ok) setExportState(reply.error.message);
      else setExportState(reply.value.saved ? `Saved to ${reply.value.path}` : 'Not saved.');
    } catch {
      setExportState('Activation Doctor did not answer, so nothing was saved. Try again.');
    }
  };

  return (
    <div className="diagnosis">
      <section className={`verdict ${VERDICT_CLASS[diagnosis.verdict.kind] ?? ''}`} aria-labelledby="verdict-title">
        <h1 id="verdict-title" tabIndex={-1}>
          {diagnosis.verdict.title}
        </h1>
        <p>{diagnosis.verdict.detail}</p>
        <p className="muted">
          {diagnosis.computerName ? `${diagnosis.computerName} · ` : ''}
          {diagnosis.product ? `${diagnosis.product.name} · ${diagnosis.product.channel} · key ends in ${diagnosis.product.partialProductKey ?? '—'}` : 'Licence state not read'}
          {diagnosis.reportedCode ? ` · checked for ${diagnosis.reportedCode.code}` : ''}
        </p>
        {diagnosis.product ? <ChannelLine channel={diagnosis.product.channel} /> : null}
        {remoteFile ? (
          <p className="callout callout-info">
            This diagnosis comes from <strong>{remoteFile}</strong>, a snapshot of another computer. Fixes cannot run from here: each fix shows the commands to run on that computer.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="findings-title">
        <h2 id="findings-title">{findingsHeading(diagnosis)}</h2>
        {problems.map((f, i) => (
          <FindingCard key={f.id} finding={f} rank={i + 1} fixes={fixes} onFix={(fixId, inputs) => {
            const fix = fixes.find((x) => x.id === fixId);
            if (fix) setDialog({ fix, inputs });
          }} />
        ))}
        {infos.map((f) => (
          <p key={f.id} className="info-line">
            <span className="badge badge-info">Info</span> {f.title}: {f.explanation}
          </p>
        ))}
      </section>

      <section aria-labelledby="not-checked-title" className="panel">
        <h2 id="not-checked-title">What could not be checked, and why</h2>
        {diagnosis.notChecked.length === 0 ? (
          <p>Every check ran.</p>
        ) : (
          <ul>
            {diagnosis.notChecked.map((n) => (
              <li key={n.probe}>
                <strong>{n.title}</strong>: {n.detail}
                {n.affects.length > 0 ? <span className="muted"> (so these could not be ruled out: {n.affects.join(', ')})</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Next" className="actions">
        <button type="button" className="button" onClick={() => void exportReport('html')}>
          Export the report (HTML)
        </button>
        <button type="button" className="button button-quiet" onClick={() => void exportReport('json')}>
          Export snapshot and diagnosis (JSON)
        </button>
        {remoteFile ? null : (
          <button type="button" className="button button-quiet" onClick={onCheckAgain}>
            Check again
          </button>
        )}
        {exportState ? (
          <p role="status" className="muted">
            {exportState}
          </p>
        ) : null}
      </section>

      {dialog ? (
        <FixDialog
          bridge={bridge}
          fix={dialog.fix}
          initialInputs={dialog.inputs}
          remote={remoteFile !== null}
          onClose={() => setDialog(null)}
          onFixed={(after) => after && onResult(after)}
        />
      ) : null}
    </div>
  );
}

/** The "what is this?" line for the licence channel, which technicians meet as VOLUME_KMSCLIENT etc. */
function ChannelLine({ channel }: { channel: string }) {
  const record = LICENSE_CHANNEL_TABLE.find((c) => c.channel === channel);
  if (!record) return null;
  return (
    <p className="muted what-is">
      <strong>What is {channel}?</strong> {record.meaning}
    </p>
  );
}

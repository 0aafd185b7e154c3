import { useEffect, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import type { FixInfo } from '../../../shared/fix-types';
import { FindingCard } from '../components/FindingCard';
import { LICENSE_CHANNEL_TABLE } from '../../../shared/knowledge/licensing';
import { FixDialog } from '../components/FixDialog';
import { findingsHeading } from '../../../shared/diagnosis/format';
import { DiagnosisStrip } from '../components/DiagnosisStrip';
import { findingQuestions, groupNotChecked, plainVerdictDetail, reasonAndDetail } from '../../../shared/summary';
import { knownHosts } from '../knownHosts';
import { useReturnFocus } from '../focus';

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
  // What opened the dialog: focus goes back there when it closes (or to the verdict if it is gone).
  const verdictRef = useRef<HTMLHeadingElement>(null);
  const focus = useReturnFocus(verdictRef);

  useEffect(() => {
    let live = true;
    void bridge.listFixes().then((reply) => live && reply.ok && setFixes(reply.value));
    return () => {
      live = false;
    };
  }, [bridge]);

  const problems = diagnosis.findings.filter((f) => f.severity !== 'info');
  const infos = diagnosis.findings.filter((f) => f.severity === 'info');
  const top = problems[0];
  const cannotTell = diagnosis.verdict.kind === 'cannot-tell';
  const questions = findingQuestions(diagnosis);

  const openFix = (fixId: FixInfo['id'], inputs: Record<string, string>) => {
    const fix = fixes.find((x) => x.id === fixId);
    if (!fix) return;
    focus.remember();
    setDialog({ fix, inputs });
  };

  const closeDialog = () => {
    setDialog(null);
    focus.restore();
  };

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

  const topFixes = top ? top.fixes.filter((s) => fixes.some((f) => f.id === s.fixId)) : [];

  return (
    <div className="diagnosis">
      <section className={`verdict ${VERDICT_CLASS[diagnosis.verdict.kind] ?? ''}`} aria-labelledby="verdict-title">
        <h1 id="verdict-title" tabIndex={-1} ref={verdictRef}>
          {diagnosis.verdict.title}
        </h1>
        <p>{plainVerdictDetail(result.snapshot, diagnosis)}</p>
        <DiagnosisStrip result={result} remoteFile={remoteFile} />
        {diagnosis.reportedCode ? <p className="muted">Checked first for the causes of {diagnosis.reportedCode.code}.</p> : null}
        {top ? (
          <div className="top-cause">
            <p>
              <strong>Most likely cause:</strong> {top.title}
            </p>
            {topFixes.length > 0 ? (
              <div className="fix-buttons">
                {topFixes.map((s, i) => (
                  <button key={s.fixId} type="button" className={i === 0 ? 'button' : 'button button-quiet'} onClick={() => openFix(s.fixId, s.inputs)} title={s.reason}>
                    {fixes.find((f) => f.id === s.fixId)!.title}
                    {i === 0 && topFixes.length > 1 ? <span className="recommended"> (recommended)</span> : null}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
        {diagnosis.product ? <ChannelLine channel={diagnosis.product.channel} /> : null}
        {remoteFile ? (
          <p className="callout callout-info">
            This diagnosis comes from <strong>{remoteFile}</strong>, a snapshot of another computer. Fixes cannot run from here: each fix shows the commands to run on that computer.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="findings-title">
        <h2 id="findings-title">{problems.length === 0 && cannotTell ? 'Cannot tell yet: the facts that decide it could not be read' : findingsHeading(diagnosis)}</h2>
        {problems.length === 0 && cannotTell ? <p>Nothing here means &ldquo;all is well&rdquo;: see below what could not be read and the one thing to do about it.</p> : null}
        {problems.map((f, i) => (
          <FindingCard key={f.id} finding={f} rank={i + 1} fixes={fixes} onFix={openFix} />
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
          <ul className="not-checked">
            {groupNotChecked(diagnosis.notChecked).map((group) =>
              group.reason !== null ? (
                <li key={group.reason} className="shared-cause">
                  <strong>{group.headline}</strong> <span className="muted">{group.items.map((n) => n.title).join('; ')}.</span>
                  {group.action ? <p className="callout callout-info">{group.action}</p> : null}
                  <OpenQuestions ids={group.items.flatMap((n) => n.affects)} questions={questions} />
                </li>
              ) : (
                group.items.map((n) => (
                  <li key={n.probe}>
                    <strong>{n.title}</strong>: {reasonAndDetail(n.reason, n.detail)}
                    <OpenQuestions ids={n.affects} questions={questions} />
                  </li>
                ))
              ),
            )}
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
          knownHosts={knownHosts(result.snapshot)}
          onClose={closeDialog}
          onFixed={(after) => after && onResult(after)}
        />
      ) : null}
    </div>
  );
}

/** The causes a missing fact leaves open, as plain questions (never internal ids), behind a disclosure. */
function OpenQuestions({ ids, questions }: { ids: readonly string[]; questions: ReadonlyMap<string, string> }) {
  const list = [...new Set(ids)].map((id) => questions.get(id)).filter((q): q is string => q !== undefined);
  if (list.length === 0) return null;
  return (
    <details className="open-questions">
      <summary>
        {list.length} possible cause{list.length === 1 ? '' : 's'} could not be ruled out
      </summary>
      <ul>
        {list.map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
    </details>
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

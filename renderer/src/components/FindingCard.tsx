import { useId, useState } from 'react';
import { findCommand } from '../../../shared/command-text';
import { copyToClipboard } from '../copyText';
import type { Finding } from '../../../shared/diagnosis/types';
import type { FixInfo } from '../../../shared/fix-types';
import { PRODUCT_NAMES } from '../../../shared/ids';

const SEVERITY_TEXT: Record<Finding['severity'], string> = { blocker: 'Blocks activation', warning: 'Warning', info: 'Info' };

export function FindingCard({ finding, rank, fixes, onFix }: { finding: Finding; rank: number; fixes: FixInfo[]; onFix: (fixId: FixInfo['id'], inputs: Record<string, string>) => void }) {
  const [open, setOpen] = useState(rank === 1);
  const evidenceId = useId();
  const titleId = useId();
  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={titleId}>
      <header className="finding-head">
        <span className={`badge badge-${finding.severity}`}>{SEVERITY_TEXT[finding.severity]}</span>
        <span className={`badge badge-product badge-product-${finding.product}`}>{PRODUCT_NAMES[finding.product]}</span>
        <h3 id={titleId}>
          {rank}. {finding.title}
        </h3>
        {finding.explainsCode ? <span className="badge badge-code">Explains the error code</span> : null}
      </header>
      <p>{finding.explanation}</p>
      {finding.evidence.length > 0 ? (
        <>
          <button type="button" className="button button-quiet disclosure" aria-expanded={open} aria-controls={evidenceId} onClick={() => setOpen(!open)}>
            {open ? 'Hide the evidence' : 'Show the evidence'}
          </button>
          <div id={evidenceId} hidden={!open}>
            <table className="evidence">
              <caption className="visually-hidden">Evidence for: {finding.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Fact</th>
                  <th scope="col">Observed</th>
                  <th scope="col">Limit</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {finding.evidence.map((e, i) => (
                  <tr key={`${e.fact}-${i}`}>
                    <th scope="row">{e.label}</th>
                    <td>{e.observed}</td>
                    <td>{e.limit ?? '—'}</td>
                    <td className={e.ok === false ? 'bad' : e.ok === true ? 'good' : ''}>{e.ok === false ? 'Outside the limit' : e.ok === true ? 'Within the limit' : 'Context'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {finding.guidance.length > 0 ? (
        <ul className="guidance">
          {finding.guidance.map((g) => (
            <li key={g}>
              <Guidance text={g} />
            </li>
          ))}
        </ul>
      ) : null}
      {finding.fixes.length > 0 ? (
        <div className="fix-buttons">
          {finding.fixes.map((s, i) => {
            // Shown once the fix list has arrived, so a button always carries its plain title.
            const info = fixes.find((f) => f.id === s.fixId);
            return info ? (
              <button key={s.fixId} type="button" className={i === 0 ? 'button' : 'button button-quiet'} onClick={() => onFix(s.fixId, s.inputs)} title={s.reason}>
                {info.title}
                {i === 0 && finding.fixes.length > 1 ? <span className="recommended"> (recommended)</span> : null}
              </button>
            ) : null;
          })}
        </div>
      ) : null}
    </article>
  );
}

/** A line of advice; a command inside it is shown as code with its own copy button. */
function Guidance({ text }: { text: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const found = findCommand(text);
  if (!found) return <>{text}</>;
  return (
    <>
      {found.before}
      <code className="inline-command">{found.command}</code>
      {found.after}{' '}
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={`Copy the command ${found.command}`}
        onClick={() => void copyToClipboard(found.command).then((ok) => setCopied(ok ? 'Copied.' : 'The clipboard could not be used.'))}
      >
        Copy
      </button>
      {copied ? (
        <span role="status" className="muted">
          {' '}
          {copied}
        </span>
      ) : null}
    </>
  );
}

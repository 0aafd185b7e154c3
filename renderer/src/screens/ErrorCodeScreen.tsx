import { useId, useState } from 'react';
import { explainError, type Explanation } from '../../../shared/knowledge/explain';
import { resolveSource, type SourceTag } from '../../../shared/knowledge/sources';

const TYPE_TEXT: Record<string, string> = { mak: 'MAK', 'kms-client': 'KMS client', 'kms-host': 'KMS host', retail: 'Retail', avma: 'AVMA' };

/**
 * "I have an error code": the technician types or pastes a code (any form, or a whole message);
 * the explanation comes straight from the knowledge tables, and "check the causes now" runs the
 * diagnosis with that code first.
 */
export function ErrorCodeScreen({ onCheck }: { onCheck: (code: string) => void }) {
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Explanation | null>(null);
  const inputId = useId();

  const explain = () => setAnswer(text.trim() === '' ? null : explainError(text));

  return (
    <div className="journey">
      <section className="panel" aria-labelledby="code-title">
        <h1 id="code-title" tabIndex={-1}>
          I have an error code
        </h1>
        <form
          className="code-form"
          onSubmit={(e) => {
            e.preventDefault();
            explain();
          }}
        >
          <label htmlFor={inputId}>Error code or message</label>
          <textarea
            id={inputId}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter explains, as in any one-field form; Shift+Enter still starts a new line.
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                explain();
              }
            }}
            aria-describedby={`${inputId}-hint`}
            placeholder="0xC004F074, C004F074, -1073418124, or the whole message from slmgr or Settings"
            spellCheck={false}
          />
          <p className="hint" id={`${inputId}-hint`}>
            Paste the whole message if you like: the code is found in it. Enter explains it; Shift+Enter adds a line.
          </p>
          <button type="submit" className="button">
            Explain
          </button>
        </form>
      </section>
      {answer ? (
        <Answer
          answer={answer}
          onCheck={onCheck}
          onPick={(code) => {
            setText(code);
            setAnswer(explainError(code));
          }}
        />
      ) : null}
    </div>
  );
}

function Answer({ answer, onCheck, onPick }: { answer: Explanation; onCheck: (code: string) => void; onPick: (code: string) => void }) {
  if (answer.kind === 'invalid') {
    return (
      <p role="alert" className="callout callout-bad">
        {answer.message}
      </p>
    );
  }
  if (answer.kind === 'unknown' && answer.nearMissOnly) {
    // A digit short or doubled: the decoding of what was typed describes a code nobody got.
    return (
      <section className="panel" aria-labelledby="answer-title" aria-live="polite">
        <h2 id="answer-title">Did you mean {answer.didYouMean.join(' or ')}?</h2>
        <p>{answer.code} is not a code Windows reports; a known activation code is one digit away.</p>
        <p>
          {answer.didYouMean.map((code) => (
            <button key={code} type="button" className="button" onClick={() => onPick(code)}>
              Explain {code}
            </button>
          ))}
        </p>
      </section>
    );
  }
  if (answer.kind === 'unknown') {
    const d = answer.decoded;
    return (
      <section className="panel" aria-labelledby="answer-title" aria-live="polite">
        <h2 id="answer-title">{answer.code}: not in Microsoft's activation error tables</h2>
        <p>
          This is {d.failure ? 'a failure' : 'not a failure'} code from {d.facilityName ? `the ${d.facilityName} facility` : `facility ${d.facility}`}
          {d.win32Error !== null ? ` (Windows error ${d.win32Error})` : ''}.
        </p>
        <p>
          <button type="button" className="button" onClick={() => onCheck(answer.code)}>
            Check this computer now
          </button>
        </p>
        <h3>Where to look next</h3>
        <ul>
          {answer.advice.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      </section>
    );
  }
  const r = answer.record;
  return (
    <section className="panel" aria-labelledby="answer-title" aria-live="polite">
      <h2 id="answer-title">
        {r.code}
        {r.symbol ? ` · ${r.symbol}` : ''}
      </h2>
      <blockquote className="ms-message">{r.message}</blockquote>
      <p>{r.explanation}</p>
      <p className="muted">Applies to: {r.appliesTo.map((t) => TYPE_TEXT[t] ?? t).join(', ') || 'token-based activation'}</p>
      <p>
        <button type="button" className="button" onClick={() => onCheck(r.code)}>
          Check the causes now
        </button>{' '}
        <span className="muted">Activation Doctor checks each cause below on this computer, this code&rsquo;s first.</span>
      </p>
      <h3>Likely causes</h3>
      <ul>
        {r.causes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <h3>What to do by hand</h3>
      <ol>
        {r.nextSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="muted">
        Source:{' '}
        {r.sources.slice(0, 3).map((tag: SourceTag, i) => {
          const source = resolveSource(tag);
          return (
            <span key={tag}>
              {i > 0 ? ', ' : ''}
              <a href={source.url} target="_blank" rel="noreferrer noopener">
                {source.title}
              </a>
            </span>
          );
        })}
      </p>
    </section>
  );
}

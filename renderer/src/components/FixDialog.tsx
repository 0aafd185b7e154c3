import { useEffect, useId, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import type { FixInfo, FixOutcome, FixPreview } from '../../../shared/fix-types';
import { hostSuggestion, validateFixInput } from './inputValidation';
import { commandsToCopy, copyToClipboard } from '../copyText';
import { maskProductKeysInText } from '../../../shared/report/redact';

type Phase =
  | { kind: 'invalid' }
  | { kind: 'loading' }
  | { kind: 'ready'; preview: FixPreview; token: string | null }
  | { kind: 'running'; preview: FixPreview }
  | { kind: 'done'; outcome: FixOutcome }
  | { kind: 'error'; message: string };

export interface FixDialogProps {
  bridge: BridgeApi;
  fix: FixInfo;
  initialInputs: Record<string, string>;
  /** A snapshot from another computer: show the commands, never run. */
  remote: boolean;
  /** KMS host names this computer knows of, for "did you mean" on a host input. */
  knownHosts?: readonly string[];
  onClose: () => void;
  onFixed: (after: CheckResult | null) => void;
  /** Every outcome of a run, for a journey that shows the result beside its own steps. */
  onOutcome?: (outcome: FixOutcome) => void;
}

/**
 * Shows exactly what a fix will change and the equivalent commands, lets the technician adjust
 * the prefilled inputs (validated as they type), asks for confirmation, runs it, and shows the
 * result with the facts before and after.
 */
export function FixDialog({ bridge, fix, initialInputs, remote, knownHosts = [], onClose, onFixed, onOutcome }: FixDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [inputs, setInputs] = useState<Record<string, string>>(initialInputs);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [override, setOverride] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  const errors = Object.fromEntries(fix.inputs.map((i) => [i.name, validateFixInput(i, inputs[i.name] ?? '')]));
  const inputsValid = fix.inputs.every((i) => errors[i.name] === null || (!i.required && (inputs[i.name] ?? '') === ''));

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
  }, []);

  // Refresh the preview whenever the inputs are valid; invalid inputs never reach main, and the
  // preview of earlier inputs is never left on screen as if it were for these.
  useEffect(() => {
    setCopied(null);
    if (!inputsValid) {
      setPhase({ kind: 'invalid' });
      return;
    }
    let live = true;
    // A preview belongs to exactly these inputs: until the new one is back, nothing can be applied.
    setPhase({ kind: 'loading' });
    setOverride(false);
    bridge
      .previewFix({ fixId: fix.id, inputs: cleaned(inputs), source: remote ? 'snapshot' : 'this-computer' })
      .then((reply) => {
        if (!live) return;
        if (!reply.ok) setPhase({ kind: 'error', message: reply.error.message });
        else if (reply.value.kind === 'invalid') setPhase({ kind: 'error', message: reply.value.message });
        else setPhase({ kind: 'ready', preview: reply.value.preview, token: reply.value.token });
      })
      .catch(() => live && setPhase({ kind: 'error', message: 'Activation Doctor did not answer. Close this dialog and try again.' }));
    return () => {
      live = false;
    };
  }, [bridge, fix.id, inputs, inputsValid, remote]);

  const run = async () => {
    if (phase.kind !== 'ready' || phase.token === null) return;
    setPhase({ kind: 'running', preview: phase.preview });
    try {
      const reply = await bridge.runFix({ fixId: fix.id, inputs: cleaned(inputs), override, source: remote ? 'snapshot' : 'this-computer', previewToken: phase.token });
      if (!reply.ok) return setPhase({ kind: 'error', message: reply.error.message });
      setPhase({ kind: 'done', outcome: reply.value.outcome });
      onOutcome?.(reply.value.outcome);
      onFixed(reply.value.after);
    } catch {
      setPhase({ kind: 'error', message: 'Activation Doctor did not answer while the fix ran. Check this computer again to see what changed.' });
    }
  };

  const copyCommands = async (commands: string[]) => {
    const ok = await copyToClipboard(commandsToCopy(commands, fix.inputs, inputs));
    setCopied(ok ? 'Copied, with the values you typed.' : 'The clipboard could not be used: select the commands and copy them by hand.');
  };

  // Only ever the preview of exactly the inputs on screen.
  const preview = inputsValid && (phase.kind === 'ready' || phase.kind === 'running') ? phase.preview : null;
  const refusal = preview?.refusal ?? null;
  const blocked = refusal !== null && !(refusal.overridable && override);

  return (
    <dialog
      ref={dialogRef}
      className="fix-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // While a fix runs the dialog stays open, so its result is never missed.
        if (phase.kind === 'running') e.preventDefault();
        else onClose();
      }}
    >
      <div className="dialog-body">
      <h2 id={titleId}>{fix.title}</h2>
      <p className="muted">{fix.summary}</p>

      {fix.inputs.length > 0 ? (
        <fieldset className="fix-inputs" disabled={phase.kind === 'running' || phase.kind === 'done'}>
          <legend>What to use</legend>
          {fix.inputs.map((input) => {
            const id = `fix-input-${input.name}`;
            const error = inputs[input.name] ? errors[input.name] : null;
            const suggestion = hostSuggestion(input.kind, inputs[input.name] ?? '', knownHosts);
            return (
              <div key={input.name} className="field">
                <label htmlFor={id}>{input.label}</label>
                <input
                  id={id}
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  value={inputs[input.name] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}${suggestion ? ` ${id}-suggestion` : ''}`}
                  onChange={(e) => setInputs({ ...inputs, [input.name]: e.target.value })}
                />
                <p id={`${id}-hint`} className="hint">
                  {input.hint}
                </p>
                {error ? (
                  <p id={`${id}-error`} className="field-error" role="alert">
                    {error}
                  </p>
                ) : null}
                {suggestion ? (
                  <p id={`${id}-suggestion`} className="suggestion" role="status">
                    {suggestion.text}{' '}
                    <button type="button" className="button button-quiet button-small" onClick={() => setInputs({ ...inputs, [input.name]: suggestion.value })}>
                      Use {suggestion.value}
                    </button>
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ) : null}

      {phase.kind === 'loading' ? <p role="status">Preparing the preview…</p> : null}
      {phase.kind === 'invalid' ? (
        <p role="status" className="callout callout-warn preview-waiting">
          No preview yet: {fix.inputs.some((i) => (inputs[i.name] ?? '').trim() === '' && i.required) ? 'fill in' : 'correct'} the input above, and the commands that would run appear here.
        </p>
      ) : null}

      {preview ? (
        <section aria-label="What will change">
          <h3>It will</h3>
          <ul>
            {preview.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <h3>Equivalent commands</h3>
          <pre className="commands" aria-label="Equivalent commands" tabIndex={0}>
            {/* Every product key on screen by its last five, the published GVLKs too (screenshots, screen-sharing); Copy carries the real ones. */}
            <code>{preview.commands.map(maskProductKeysInText).join('\n')}</code>
          </pre>
          <button type="button" className="button button-quiet" onClick={() => void copyCommands(preview.commands)} disabled={phase.kind !== 'ready' && phase.kind !== 'running'}>
            Copy the commands
          </button>
          {copied ? (
            <span role="status" className="muted copy-state">
              {' '}
              {copied}
            </span>
          ) : null}
          {preview.notes.map((n) => (
            <p key={n} className="note">
              {n}
            </p>
          ))}
          {refusal ? (
            <div className="callout callout-warn" role="alert">
              <p>
                <strong>{refusal.overridable ? 'Careful: ' : 'Not possible here: '}</strong>
                {refusal.message}
              </p>
              {refusal.overridable ? (
                <label className="checkbox">
                  <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> I understand; do it anyway
                </label>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {phase.kind === 'running' ? (
        <p role="status" className="progress-line">
          Running… Windows may take up to a minute to answer.
        </p>
      ) : null}
      {phase.kind === 'error' ? (
        <p role="alert" className="callout callout-bad">
          {phase.message}
        </p>
      ) : null}
      {phase.kind === 'done' ? <FixResult outcome={phase.outcome} /> : null}
      </div>

      <div className="dialog-buttons">
        {phase.kind === 'done' || remote ? null : (
          <button type="button" className="button" onClick={() => void run()} disabled={phase.kind !== 'ready' || blocked || !inputsValid}>
            Apply this fix
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onClose} disabled={phase.kind === 'running'}>
          {phase.kind === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </dialog>
  );
}

function cleaned(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v.trim() !== ''));
}

function FixResult({ outcome }: { outcome: FixOutcome }) {
  if (outcome.status !== 'succeeded' && outcome.status !== 'failed') {
    return (
      <p role="alert" className="callout callout-warn">
        {outcome.message}
      </p>
    );
  }
  const gone = outcome.verification.problemGone;
  return (
    <section aria-label="Result" className={`callout ${outcome.status === 'succeeded' && gone !== false ? 'callout-good' : 'callout-bad'}`}>
      <p role="status">
        <strong>{outcome.status === 'succeeded' ? (gone === true ? 'Fixed.' : gone === false ? 'Done, but the problem is still there.' : 'Done.') : 'The fix did not work.'}</strong> {outcome.message}
      </p>
      <p>{outcome.verification.note}</p>
      {outcome.verification.changes.length > 0 ? (
        <table className="before-after">
          <caption>Before and after</caption>
          <thead>
            <tr>
              <th scope="col">Fact</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {outcome.verification.changes.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

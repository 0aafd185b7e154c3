import { useEffect, useId, useRef, useState } from 'react';
import type { BridgeApi } from '../../../shared/ipc/contract';
import type { FixInfo } from '../../../shared/fix-types';
import { recommendActivation, type DomainMembers, type InternetAccess, type Recommendation } from '../../../shared/journeys/activation-choice';
import { CONFIRMATION_ID_GROUPS, parseConfirmationId, validateConfirmationIdGroup } from '../../../shared/inputs';
import { normaliseProductKey } from '../../../shared/knowledge/product-key';
import { refuseKeyFor } from '../../../shared/knowledge/key-purpose';
import type { EndpointCheck } from '../../../shared/snapshot';
import { FixDialog } from '../components/FixDialog';
import { parseCount } from '../components/inputValidation';
import { newRunId } from '../format';
import { useFocusWhenOpened, useReturnFocus } from '../focus';
import type { FixOutcome } from '../../../shared/fix-types';

type Step = 'decide' | 'online' | 'phone';

/** "Activate without a KMS host": decide, then activate online with a key, or by phone. */
export function NoKmsScreen({ bridge, onSetUpKms, onCheck }: { bridge: BridgeApi; onSetUpKms: () => void; onCheck: () => void }) {
  const [step, setStep] = useState<Step>('decide');
  const [recommendation, setRecommendation] = useState<Recommendation | null>(null);
  return (
    <div className="journey">
      <section className="panel" aria-labelledby="nokms-title">
        <h1 id="nokms-title" tabIndex={-1}>
          Activate without a KMS host
        </h1>
        <p>Answer five questions to see which way to activate fits your site, then do it here.</p>
        <DecisionAid onResult={setRecommendation} />
      </section>
      {recommendation ? (
        <section className="panel" aria-labelledby="rec-title" aria-live="polite">
          <h2 id="rec-title">Recommended: {recommendation.title}</h2>
          <ul>
            {recommendation.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {recommendation.alternatives.map((a) => (
            <p key={a.method} className="muted">
              Also possible: {a.why}
            </p>
          ))}
          <div className="actions">
            {recommendation.method === 'set-up-kms-host' ? (
              <button type="button" className="button" onClick={onSetUpKms}>
                Set up a KMS host
              </button>
            ) : null}
            {recommendation.method === 'use-existing' ? (
              <button type="button" className="button" onClick={onCheck}>
                Check this computer against your KMS host
              </button>
            ) : null}
            {recommendation.method === 'adba' ? (
              <button type="button" className="button" onClick={onCheck}>
                Check this computer: is the forest ready?
              </button>
            ) : null}
            <button type="button" className={recommendation.method === 'mak-online' ? 'button' : 'button button-quiet'} onClick={() => setStep('online')}>
              Activate online with a key
            </button>
            <button type="button" className={recommendation.method === 'phone' ? 'button' : 'button button-quiet'} onClick={() => setStep('phone')}>
              Activate by phone
            </button>
          </div>
        </section>
      ) : null}
      {step === 'online' ? <OnlineActivation bridge={bridge} onCheck={onCheck} /> : null}
      {step === 'phone' ? <PhoneActivation bridge={bridge} onCheck={onCheck} /> : null}
    </div>
  );
}

function DecisionAid({ onResult }: { onResult: (r: Recommendation) => void }) {
  const [clients, setClients] = useState('');
  const [servers, setServers] = useState('');
  const [existing, setExisting] = useState<'yes' | 'no'>('no');
  const [internet, setInternet] = useState<InternetAccess>('direct');
  const [members, setMembers] = useState<DomainMembers>('none');
  const ids = { clients: useId(), servers: useId() };
  const count = (text: string) => {
    const r = parseCount(text);
    return r.ok ? r.value : null;
  };
  const valid = count(clients) !== null && count(servers) !== null;
  const errorOf = (text: string) => {
    const r = parseCount(text);
    return text === '' || r.ok ? null : r.message;
  };
  return (
    <form
      className="decision"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onResult(recommendActivation({ clients: count(clients)!, servers: count(servers)!, volumeActivationExists: existing === 'yes', internet, domainMembers: members }));
      }}
    >
      <div className="field">
        <label htmlFor={ids.clients}>How many Windows client PCs need volume activation?</label>
        <CountInput id={ids.clients} value={clients} onChange={setClients} error={errorOf(clients)} />
      </div>
      <div className="field">
        <label htmlFor={ids.servers}>How many Windows Servers?</label>
        <CountInput id={ids.servers} value={servers} onChange={setServers} error={errorOf(servers)} />
      </div>
      <fieldset>
        <legend>Is there already a KMS host or Active Directory-based activation?</legend>
        {(['no', 'yes'] as const).map((v) => (
          <label key={v} className="checkbox">
            <input type="radio" name="existing" value={v} checked={existing === v} onChange={() => setExisting(v)} /> {v === 'yes' ? 'Yes' : 'No'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Are they members of an Active Directory domain (Windows 8 / Server 2012 or later)?</legend>
        {(
          [
            ['none', 'No domain'],
            ['all', 'Yes, all of them'],
            ['some', 'Some of them'],
          ] as const
        ).map(([v, label]) => (
          <label key={v} className="checkbox">
            <input type="radio" name="members" value={v} checked={members === v} onChange={() => setMembers(v)} /> {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>How does this computer reach the internet?</legend>
        {(
          [
            ['direct', 'Directly'],
            ['proxy', 'Through a proxy'],
            ['proxy-with-login', 'Through a proxy that asks for a login'],
            ['none', 'Not at all'],
          ] as const
        ).map(([v, label]) => (
          <label key={v} className="checkbox">
            <input type="radio" name="internet" value={v} checked={internet === v} onChange={() => setInternet(v)} /> {label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={!valid}>
        Recommend
      </button>
    </form>
  );
}

/** A count field that says what is wrong with `abc` or `-3` instead of reading it as 0. */
export function CountInput({ id, value, onChange, error }: { id: string; value: string; onChange: (v: string) => void; error: string | null }) {
  return (
    <>
      <input id={id} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** After a fix from a journey: the result, and the way to check the computer again. */
function JourneyResult({ outcome, onCheck }: { outcome: FixOutcome; onCheck: () => void }) {
  const good = outcome.status === 'succeeded' && (outcome.verification.problemGone ?? true);
  return (
    <div className={`callout ${good ? 'callout-good' : 'callout-bad'} result-panel`} role="status">
      <p>
        <strong>{good ? 'Done.' : 'Not done.'}</strong> {outcome.message}
      </p>
      {'verification' in outcome ? <p>{outcome.verification.note}</p> : null}
      <button type="button" className="button" onClick={onCheck}>
        Check this computer again
      </button>
    </div>
  );
}

function useFixInfo(bridge: BridgeApi, id: FixInfo['id']): FixInfo | null {
  const [info, setInfo] = useState<FixInfo | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.listFixes().then((r) => live && r.ok && setInfo(r.value.find((f) => f.id === id) ?? null));
    return () => {
      live = false;
    };
  }, [bridge, id]);
  return info;
}

function OnlineActivation({ bridge, onCheck }: { bridge: BridgeApi; onCheck: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusWhenOpened(true, headingRef);
  const focus = useReturnFocus(headingRef);
  const [outcome, setOutcome] = useState<FixOutcome | null>(null);
  const [reach, setReach] = useState<{ kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; checks: EndpointCheck[]; detail: string | null } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const [key, setKey] = useState('');
  const [dialog, setDialog] = useState(false);
  const fix = useFixInfo(bridge, 'install-key-and-activate');
  const keyId = useId();
  const shape = key.trim() === '' ? null : normaliseProductKey(key);
  // A well-formed key that Microsoft publishes (a GVLK, an AVMA key, an example placeholder) is
  // never the MAK or retail key meant here: say what it is now, not only when the fix refuses it.
  const refusal = shape?.ok ? refuseKeyFor('mak-or-retail', key) : null;
  const parsed = shape?.ok && refusal ? { ok: false as const, reason: `${refusal[0]!.toUpperCase()}${refusal.slice(1)}.` } : shape;

  const checkReach = async () => {
    setReach({ kind: 'checking' });
    const reply = await bridge.runCheck({ runId: newRunId(), kms: null, domain: null, reportedCode: null, checkOnline: true }).catch(() => ({ ok: false as const, error: { code: 'failed' as const, message: 'Activation Doctor did not answer. Try again.' } }));
    if (!reply.ok) return setReach({ kind: 'error', message: reply.error.message });
    const fact = reply.value.snapshot.network.activationEndpoints;
    setReach(fact.status === 'ok' ? { kind: 'done', checks: fact.value, detail: null } : { kind: 'done', checks: [], detail: fact.detail });
  };

  const reachable = reach.kind === 'done' ? reach.checks.filter((c) => c.result === 'reachable').length : 0;
  const proxy = reach.kind === 'done' ? (reach.checks.find((c) => c.proxy)?.proxy ?? null) : null;

  return (
    <section className="panel" aria-labelledby="online-title">
      <h2 id="online-title" tabIndex={-1} ref={headingRef}>
        Activate online with a MAK or retail key
      </h2>
      <h3>1. Can this computer reach Microsoft?</h3>
      <button type="button" className="button button-quiet" onClick={() => void checkReach()} disabled={reach.kind === 'checking'}>
        {reach.kind === 'checking' ? 'Checking…' : "Check Microsoft's activation servers"}
      </button>
      {reach.kind === 'done' ? (
        <div role="status" className={`callout ${reachable > 0 ? 'callout-good' : 'callout-bad'}`}>
          {reach.detail ? (
            <p>{reach.detail}</p>
          ) : (
            <p>
              {reachable} of {reach.checks.length} activation servers answer{proxy ? ` through the proxy ${proxy}` : ' directly'}.
              {reachable === 0 ? ` Online activation will fail${proxy ? `: check that the proxy ${proxy} lets this computer through` : ''}; activate by phone instead.` : ''}
            </p>
          )}
          {reach.checks.length > 0 ? (
            <ul>
              {reach.checks.map((c) => (
                <li key={c.host}>
                  {c.host}: {c.result}
                  {c.error ? ` (${c.error})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {reach.kind === 'error' ? (
        <p role="alert" className="callout callout-bad">
          {reach.message}
        </p>
      ) : null}
      <h3>2. Enter the key</h3>
      <div className="field">
        <label htmlFor={keyId}>Product key (MAK or retail)</label>
        <input id={keyId} className="key-input" value={key} onChange={(e) => setKey(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={parsed && !parsed.ok ? true : undefined} aria-describedby={`${keyId}-msg`} />
        <p id={`${keyId}-msg`} className={parsed && !parsed.ok ? 'field-error' : 'hint'} role={parsed && !parsed.ok ? 'alert' : undefined}>
          {parsed === null ? 'Five groups of five characters. Dashes, spaces and lower case are fine.' : parsed.ok ? `Looks right: key ending in ${parsed.last5}.` : parsed.reason}
        </p>
      </div>
      <button
        type="button"
        className="button"
        disabled={!parsed?.ok || !fix}
        onClick={() => {
          focus.remember();
          setDialog(true);
        }}
      >
        Install the key and activate…
      </button>
      {outcome ? <JourneyResult outcome={outcome} onCheck={onCheck} /> : null}
      {dialog && fix && parsed?.ok ? (
        <FixDialog
          bridge={bridge}
          fix={fix}
          initialInputs={{ key: parsed.key }}
          remote={false}
          onClose={() => {
            setDialog(false);
            focus.restore();
          }}
          onFixed={() => {}}
          onOutcome={setOutcome}
        />
      ) : null}
    </section>
  );
}

const GROUP_LETTERS = 'ABCDEFGH';

/** Phone activation: also reused by the KMS host setup to activate the host key by phone. */
export function PhoneActivation({ bridge, onCheck }: { bridge: BridgeApi; onCheck: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusWhenOpened(true, headingRef);
  const focus = useReturnFocus(headingRef);
  const [outcome, setOutcome] = useState<FixOutcome | null>(null);
  const boxes = useRef<Array<HTMLInputElement | null>>([]);
  const [iid, setIid] = useState<{ kind: 'loading' } | { kind: 'ok'; groups: string[]; id: string } | { kind: 'error'; reason: string }>({ kind: 'loading' });
  const [groups, setGroups] = useState<string[]>(() => Array.from({ length: CONFIRMATION_ID_GROUPS }, () => ''));
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const fix = useFixInfo(bridge, 'phone-activation');

  useEffect(() => {
    let live = true;
    bridge
      .getInstallationId()
      .then((r) => {
        if (!live) return;
        if (!r.ok) setIid({ kind: 'error', reason: r.error.message });
        else if (!r.value.ok) setIid({ kind: 'error', reason: r.value.reason });
        else setIid({ kind: 'ok', groups: r.value.groups, id: r.value.installationId });
      })
      .catch(() => live && setIid({ kind: 'error', reason: 'Activation Doctor did not answer. Restart it and try again.' }));
    return () => {
      live = false;
    };
  }, [bridge]);

  const errors = groups.map((g, i) => (g === '' ? null : validateConfirmationIdGroup(g, i)));
  const complete = errors.every((e) => e?.ok === true);

  const setGroup = (index: number, value: string) => {
    // A whole confirmation ID pasted into any box is split over all eight.
    const whole = parseConfirmationId(value);
    if (whole.ok) return setGroups(whole.value);
    const next = groups.map((g, i) => (i === index ? value.trim() : g));
    setGroups(next);
    // A complete, valid group moves on to the next box, as the digits are read out on the phone.
    if (validateConfirmationIdGroup(next[index]!, index).ok && index + 1 < CONFIRMATION_ID_GROUPS) boxes.current[index + 1]?.focus();
  };


  return (
    <section className="panel" aria-labelledby="phone-title">
      <h2 id="phone-title" tabIndex={-1} ref={headingRef}>
        Activate by phone
      </h2>
      <h3>1. Read this installation ID to Microsoft</h3>
      {iid.kind === 'loading' ? <p role="status">Reading the installation ID…</p> : null}
      {iid.kind === 'error' ? (
        <p role="alert" className="callout callout-bad">
          {iid.reason}
        </p>
      ) : null}
      {iid.kind === 'ok' ? (
        <>
          <p className="iid" aria-label="Installation ID">
            {iid.groups.map((g, i) => (
              <span key={`${g}-${i}`} className="iid-group">
                {g}
              </span>
            ))}
          </p>
          <button
            type="button"
            className="button button-quiet"
            onClick={() =>
              void navigator.clipboard.writeText(iid.id).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy the installation ID'}
          </button>
        </>
      ) : null}
      <p>
        The phone number for your country is on Microsoft&rsquo;s{' '}
        <a href="https://www.microsoft.com/licensing/existing-customer/activation-centers" target="_blank" rel="noreferrer noopener">
          Volume Licensing activation centres page
        </a>{' '}
        and in <code>%SystemRoot%\System32\sppui\phone.inf</code> on this computer.
      </p>
      <h3>2. Type the confirmation ID you are given</h3>
      <fieldset className="cid">
        <legend>Confirmation ID (8 groups of 6 digits)</legend>
        {groups.map((g, i) => {
          const error = errors[i];
          const id = `cid-${GROUP_LETTERS[i]}`;
          return (
            <div key={id} className="cid-group">
              <label htmlFor={id}>{GROUP_LETTERS[i]}</label>
              <input
                id={id}
                ref={(el) => {
                  boxes.current[i] = el;
                }}
                inputMode="numeric"
                autoComplete="off"
                value={g}
                maxLength={80}
                aria-invalid={error && !error.ok ? true : undefined}
                aria-describedby={error && !error.ok ? `${id}-error` : undefined}
                onChange={(e) => setGroup(i, e.target.value)}
              />
              {error && !error.ok ? (
                <span id={`${id}-error`} className="field-error" role="alert">
                  {error.message}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <button
        type="button"
        className="button"
        disabled={!complete || iid.kind !== 'ok' || !fix}
        onClick={() => {
          focus.remember();
          setConfirming(true);
        }}
      >
        Activate with this confirmation ID…
      </button>
      {outcome ? <JourneyResult outcome={outcome} onCheck={onCheck} /> : null}
      {confirming && fix ? (
        <FixDialog
          bridge={bridge}
          fix={fix}
          initialInputs={{ 'confirmation-id': groups.join('-') }}
          remote={false}
          onClose={() => {
            setConfirming(false);
            focus.restore();
          }}
          onFixed={() => {}}
          onOutcome={setOutcome}
        />
      ) : null}
    </section>
  );
}

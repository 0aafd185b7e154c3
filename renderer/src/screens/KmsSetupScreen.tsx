import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';
import type { FixInfo } from '../../../shared/fix-types';
import { CLIENT_CHOICES, planKmsHost, setupSteps, type SetupStep } from '../../../shared/journeys/kms-host';
import { productLabel, type ProductId } from '../../../shared/knowledge/products';
import { GVLK_RECORDS } from '../../../shared/knowledge/gvlk';
import { factValue } from '../../../shared/snapshot';
import { FixDialog } from '../components/FixDialog';
import { CountInput, PhoneActivation } from './NoKmsScreen';
import { newRunId } from '../format';
import { parseCount } from '../components/inputValidation';
import { useReturnFocus } from '../focus';

/** Which fix moves each step forward. */
const STEP_FIX: Partial<Record<SetupStep['id'], FixInfo['id']>> = {
  'host-key': 'install-kms-host-key',
  'host-activated': 'activate',
  service: 'restart-sppsvc-host',
  firewall: 'enable-kms-firewall-rule',
};
const STATE_TEXT: Record<SetupStep['state'], string> = { done: 'Done', 'to-do': 'To do', unknown: 'Not known yet' };

/** "Set up a KMS host": can this computer serve the clients, then each step with a live status, then the client guide. */
export function KmsSetupScreen({ bridge, onNoKms }: { bridge: BridgeApi; onNoKms: () => void }) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; result: CheckResult } | { kind: 'error'; message: string }>({ kind: 'loading' });
  const [fixes, setFixes] = useState<FixInfo[]>([]);
  const [clients, setClients] = useState<ProductId[]>(['win11', 'server-2022']);
  const [counts, setCounts] = useState({ clients: '30', servers: '6' });
  const [dialog, setDialog] = useState<FixInfo | null>(null);
  const [phone, setPhone] = useState(false);
  const [role, setRole] = useState<{ state: 'installed' | 'not-installed' | 'unknown'; detail: string }>({ state: 'unknown', detail: 'reading…' });

  const refresh = useCallback(async () => {
    try {
      const [reply, roleReply] = await Promise.all([bridge.runCheck({ runId: newRunId(), kms: null, domain: null, reportedCode: null }), bridge.getVolumeActivationRole()]);
      setState(reply.ok ? { kind: 'ready', result: reply.value } : { kind: 'error', message: reply.error.message });
      setRole(roleReply.ok ? roleReply.value : { state: 'unknown', detail: roleReply.error.message });
    } catch {
      setState({ kind: 'error', message: 'Activation Doctor did not answer. Restart it and try again.' });
    }
  }, [bridge]);

  useEffect(() => {
    void refresh();
    void bridge.listFixes().then((r) => r.ok && setFixes(r.value));
  }, [bridge, refresh]);

  const os = state.kind === 'ready' ? factValue(state.result.snapshot.windows.os) : undefined;
  const clientCount = parseCount(counts.clients);
  const serverCount = parseCount(counts.servers);
  // A count that is not a number is a mistake to correct, never 0: no plan until both are numbers.
  const plan = os && clientCount.ok && serverCount.ok ? planKmsHost(os, clients, { clients: clientCount.value, servers: serverCount.value }) : null;
  const hostLabel = plan?.hostLabel ?? (os ? planKmsHost(os, clients, { clients: 0, servers: 0 }).hostLabel : '');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const focus = useReturnFocus(titleRef);
  const openDialog = (fix: FixInfo) => {
    focus.remember();
    setDialog(fix);
  };
  const steps = state.kind === 'ready' ? setupSteps(state.result.snapshot) : [];
  const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
  const ready = ['host-key', 'host-activated', 'service', 'firewall', 'dns'].every((id) => byId[id]?.state === 'done');

  return (
    <div className="journey">
      <section className="panel" aria-labelledby="kms-title">
        <h1 id="kms-title" tabIndex={-1} ref={titleRef}>
          Set up a KMS host
        </h1>
        {state.kind === 'loading' ? <p role="status">Reading this computer…</p> : null}
        {state.kind === 'error' ? (
          <p role="alert" className="callout callout-bad">
            {state.message}
          </p>
        ) : null}
        {state.kind === 'ready' && !os ? (
          <p role="alert" className="callout callout-bad">
            This computer&rsquo;s Windows version could not be read, so whether it can be a KMS host cannot be checked. Run Activation Doctor on the future KMS host itself, as an administrator.
          </p>
        ) : null}
        {os ? (
          <>
            <h2>1. Can this computer be the KMS host?</h2>
            <p>
              This computer runs <strong>{hostLabel}</strong>. Which Windows versions must it activate?
            </p>
            <fieldset className="choices">
              <legend>Clients to activate</legend>
              {CLIENT_CHOICES.map((c) => (
                <label key={c} className="checkbox">
                  <input type="checkbox" checked={clients.includes(c)} onChange={(e) => setClients(e.target.checked ? [...clients, c] : clients.filter((x) => x !== c))} /> {productLabel(c)}
                </label>
              ))}
            </fieldset>
            <div className="decision">
              <div className="field">
                <label htmlFor="kms-clients">Windows clients that will use it</label>
                <CountInput id="kms-clients" value={counts.clients} onChange={(v) => setCounts({ ...counts, clients: v })} error={clientCount.ok ? null : clientCount.message} />
              </div>
              <div className="field">
                <label htmlFor="kms-servers">Windows Servers that will use it</label>
                <CountInput id="kms-servers" value={counts.servers} onChange={(v) => setCounts({ ...counts, servers: v })} error={serverCount.ok ? null : serverCount.message} />
              </div>
            </div>
            {plan ? (
              <>
                <ul className="plan" aria-label="Compatibility">
                  {plan.perClient.map((p) => (
                    <li key={p.client} className={p.answer.answer === 'no' ? 'bad' : p.answer.answer === 'yes' ? 'good' : 'warn'}>
                      <strong>{p.label}:</strong> {p.answer.answer === 'yes' ? 'yes' : p.answer.answer === 'no' ? 'no' : `yes, after ${p.answer.kb}`}. {p.answer.reason}
                    </li>
                  ))}
                </ul>
                {plan.warnings.map((w) => (
                  <p key={w} className="callout callout-warn">
                    {w}{' '}
                    {w.includes('threshold') ? (
                      <button type="button" className="button button-quiet" onClick={onNoKms}>
                        See the alternatives
                      </button>
                    ) : null}
                  </p>
                ))}
              </>
            ) : null}
          </>
        ) : null}
      </section>

      {state.kind === 'ready' ? (
        <section className="panel" aria-labelledby="steps-title">
          <h2 id="steps-title">2. Set it up, step by step</h2>
          {ready ? (
            <p role="status" className="callout callout-good">
              <strong>Host ready</strong>, count {factValue(state.result.snapshot.windows.licensing)?.service.kmsCurrentCount ?? 0} of {factValue(state.result.snapshot.windows.licensing)?.service.requiredClientCount ?? 0}.
            </p>
          ) : null}
          <ol className="setup-steps">
            <li className={`setup-step step-${role.state === 'installed' ? 'done' : role.state === 'not-installed' ? 'to-do' : 'unknown'}`}>
              <span className="setup-state">{role.state === 'installed' ? 'Done' : role.state === 'not-installed' ? 'To do' : 'Not known yet'}</span>
              <span>
                <strong>Volume Activation Services role</strong> (Windows Server): {role.detail}
              </span>
              {role.state === 'installed' ? null : <StepButton fixes={fixes} id="install-volume-activation-role" onOpen={openDialog} />}
            </li>
            {steps.map((s) => (
              <li key={s.id} className={`setup-step step-${s.state}`}>
                <span className="setup-state">{STATE_TEXT[s.state]}</span>
                <span>
                  <strong>{s.title}</strong>: {s.detail}
                </span>
                <span className="step-buttons">
                  {s.state !== 'done' && STEP_FIX[s.id] ? <StepButton fixes={fixes} id={STEP_FIX[s.id]!} onOpen={openDialog} /> : null}
                  {s.id === 'host-activated' && s.state === 'to-do' && byId['host-key']?.state === 'done' ? (
                    <button type="button" className="button button-quiet" onClick={() => setPhone(true)}>
                      Activate by phone…
                    </button>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
          <button type="button" className="button button-quiet" onClick={() => void refresh()}>
            Check the steps again
          </button>
        </section>
      ) : null}

      {phone ? <PhoneActivation bridge={bridge} onCheck={() => void refresh()} /> : null}

      <ClientGuide clients={clients} />

      {dialog ? (
        <FixDialog
          bridge={bridge}
          fix={dialog}
          initialInputs={{}}
          remote={false}
          onClose={() => {
            setDialog(null);
            focus.restore();
          }}
          onFixed={(after) => {
            if (after) setState({ kind: 'ready', result: after });
            void bridge.getVolumeActivationRole().then((r) => r.ok && setRole(r.value), () => undefined);
          }}
        />
      ) : null}
    </div>
  );
}

function StepButton({ fixes, id, onOpen }: { fixes: FixInfo[]; id: FixInfo['id']; onOpen: (fix: FixInfo) => void }) {
  const fix = fixes.find((f) => f.id === id);
  return fix ? (
    <button type="button" className="button button-quiet" onClick={() => onOpen(fix)} data-fix={fix.id}>
      {fix.title}…
    </button>
  ) : null;
}

/** The one-page guide for the client side, generated from the key tables. */
function ClientGuide({ clients }: { clients: ProductId[] }) {
  // Azure Edition activates against Azure, never against your KMS host: it has no place here.
  const keys = GVLK_RECORDS.filter((r) => clients.includes(r.productId) && !r.onlyInOlderCopy && !r.edition.includes('Azure'));
  return (
    <section className="panel client-guide" aria-labelledby="guide-title">
      <h2 id="guide-title">3. Bring the clients over</h2>
      <ol>
        <li>Volume-licensed media already carry the KMS client key. Otherwise install it on each client (as an administrator):</li>
      </ol>
      <table className="evidence">
        <caption>KMS client keys (GVLK) for the Windows versions you chose</caption>
        <thead>
          <tr>
            <th scope="col">Windows</th>
            <th scope="col">Edition</th>
            <th scope="col">Command</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={`${k.productId}-${k.edition}-${k.key}`}>
              <th scope="row">{k.product}</th>
              <td>{k.edition}</td>
              <td>
                <code>slmgr.vbs /ipk {k.key}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol start={2}>
        <li>
          Clients find the host through DNS (<code>_vlmcs._tcp</code>). Where that does not work, point them at it: <code>slmgr.vbs /skms kms-host.example:1688</code>.
        </li>
        <li>Make sure clients keep time with the domain (more than 4 hours apart and the host refuses them): <code>w32tm /resync</code>.</li>
        <li>
          Activate: <code>slmgr.vbs /ato</code>. Until the host's one count of machines (clients and servers together) reaches 5 for servers or 25 for Windows clients, they get 0xC004F038, which proves they reach it.
        </li>
      </ol>
      <p className="muted print-hint">Print this section (Ctrl+P) for the technicians who set up the clients.</p>
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { AppInfo, BridgeApi, ComputerStatus } from '../../../shared/ipc/contract';
import { ENTRY_POINTS, type Route } from '../routes';

type InfoState = { kind: 'loading' } | { kind: 'ready'; info: AppInfo; status: ComputerStatus | null } | { kind: 'error'; message: string };

export interface StartScreenProps {
  bridge: BridgeApi;
  onNavigate: (route: Route) => void;
  /** The computer (or snapshot file) of the last diagnosis, when there is one to go back to. */
  lastDiagnosis?: string | null;
  onBackToDiagnosis?: (() => void) | undefined;
}

export function StartScreen({ bridge, onNavigate, lastDiagnosis = null, onBackToDiagnosis }: StartScreenProps) {
  const [info, setInfo] = useState<InfoState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    bridge
      .getAppInfo()
      .then(async (reply) => {
        if (!reply.ok) return live && setInfo({ kind: 'error', message: reply.error.message });
        // The licence line needs PowerShell on Windows: show the app line first, then fill it in.
        if (live) setInfo({ kind: 'ready', info: reply.value, status: null });
        const status = await bridge.getComputerStatus();
        if (live) setInfo({ kind: 'ready', info: reply.value, status: status.ok ? status.value : { available: false, reason: status.error.message } });
      })
      .catch(() => live && setInfo({ kind: 'error', message: 'Activation Doctor did not answer. Restart the app.' }));
    return () => {
      live = false;
    };
  }, [bridge]);

  const [primary, ...others] = ENTRY_POINTS;

  return (
    <div className="start">
      <section className="hero" aria-labelledby="start-title">
        <h1 id="start-title" tabIndex={-1}>
          Why won&rsquo;t Windows activate?
        </h1>
        <p className="lead">
          Activation Doctor reads this computer&rsquo;s licence state, checks the path to your KMS host and the clock, and tells
          you the cause in plain words, with the fix one click away. It shows every command before it runs.
        </p>
        <StatusLine state={info} />
        {lastDiagnosis && onBackToDiagnosis ? (
          <p className="back-to-diagnosis">
            <button type="button" className="button" onClick={onBackToDiagnosis}>
              Back to the diagnosis of {lastDiagnosis}
            </button>
          </p>
        ) : null}
      </section>

      <nav aria-label="What do you want to do?" className="entry-points">
        {primary ? (
          <button type="button" className="entry entry-primary" onClick={() => onNavigate(primary.route)}>
            <span className="entry-title">{primary.title}</span>
            <span className="entry-description">{primary.description}</span>
            <span className="entry-audience">{primary.audience}</span>
          </button>
        ) : null}
        <div className="entry-grid">
          {others.map((entry) => (
            <button key={entry.route} type="button" className="entry" onClick={() => onNavigate(entry.route)}>
              <span className="entry-title">{entry.title}</span>
              <span className="entry-description">{entry.description}</span>
              <span className="entry-audience">{entry.audience}</span>
            </button>
          ))}
        </div>
      </nav>

      <footer className="start-footer">
        <p>
          Legitimate activation only: Activation Doctor works with your organisation&rsquo;s own KMS host, Azure&rsquo;s KMS on
          Azure virtual machines, and Microsoft&rsquo;s activation services. Product keys are shown and logged by their last five
          characters only.
        </p>
      </footer>
    </div>
  );
}

function StatusLine({ state }: { state: InfoState }) {
  if (state.kind === 'loading') {
    return (
      <p className="status-line" role="status">
        Reading this computer&hellip;
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <p className="status-line status-error" role="alert">
        {state.message}
      </p>
    );
  }
  const { info, status } = state;
  if (!info.canProbeWindows) {
    return (
      <p className="status-line" role="status">
        {`Activation Doctor ${info.version} is running on ${platformName(info.platform)}: Windows facts can only be read on Windows, but network checks and snapshots from other computers work here.`}
      </p>
    );
  }
  if (status === null) {
    return (
      <p className="status-line" role="status">
        Reading this computer&rsquo;s licence state&hellip;
      </p>
    );
  }
  if (!status.available) {
    return (
      <p className="status-line status-unknown" role="status">
        <span className="pill pill-unknown">Unknown</span> This computer&rsquo;s licence state could not be read: {status.reason}
      </p>
    );
  }
  return (
    <p className={`status-line ${status.activated ? 'status-activated' : 'status-not-activated'}`} role="status">
      <span className={`pill ${status.activated ? 'pill-good' : 'pill-bad'}`}>{status.activated ? 'Activated' : 'Not activated'}</span>{' '}
      {`This computer: ${status.edition}${status.activated ? '' : ` (${status.licenseStatusText})`}${status.channel ? `, ${status.channel}` : ''}${status.partialProductKey ? `, key ends in ${status.partialProductKey}` : ''}.`}
    </p>
  );
}

function platformName(platform: AppInfo['platform']): string {
  return platform === 'linux' ? 'Linux' : platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : 'this system';
}

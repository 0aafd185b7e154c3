import { useState } from 'react';
import type { BridgeApi, CheckResult } from '../../../shared/ipc/contract';

/** Opens a snapshot taken on another computer (app snapshot or collector script output). */
export function OpenSnapshotScreen({ bridge, onOpened }: { bridge: BridgeApi; onOpened: (result: CheckResult, fileName: string) => void }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'opening' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const open = async () => {
    setState({ kind: 'opening' });
    const reply = await bridge.openSnapshot().catch(() => ({ ok: false as const, error: { code: 'failed' as const, message: 'Activation Doctor did not answer. Try again.' } }));
    if (!reply.ok) return setState({ kind: 'error', message: reply.error.message });
    if (!reply.value.opened) return setState({ kind: 'idle' });
    onOpened(reply.value.result, reply.value.fileName);
  };

  return (
    <section className="panel" aria-labelledby="open-title">
      <h1 id="open-title" tabIndex={-1}>
        Open a snapshot from another computer
      </h1>
      <p>
        For a computer the app cannot run on (Windows Server 2012 R2, 2008 R2, Windows 7), or one you cannot reach: create the collector script with{' '}
        <code>activation-doctor collector --out collector.ps1</code>, run it there as an administrator (
        <code>powershell -ExecutionPolicy Bypass -File .\collector.ps1</code>), and open the file it writes here.
      </p>
      <p className="muted">You get the same diagnosis. Fixes do not run from here; each shows the commands to run on that computer.</p>
      <button type="button" className="button" onClick={() => void open()} disabled={state.kind === 'opening'}>
        {state.kind === 'opening' ? 'Opening…' : 'Choose a snapshot file…'}
      </button>
      {state.kind === 'error' ? (
        <p role="alert" className="callout callout-bad">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}

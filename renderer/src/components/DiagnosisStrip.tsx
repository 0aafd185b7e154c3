import type { CheckResult } from '../../../shared/ipc/contract';
import { localTime, productStrip } from '../../../shared/summary';

/**
 * What `slmgr /dlv` would say, in one strip and plain words: edition, channel, licence state, days
 * left, the KMS host in use, and when the facts were taken (for a snapshot file, on which computer).
 */
export function DiagnosisStrip({ result, remoteFile }: { result: CheckResult; remoteFile: string | null }) {
  const s = productStrip(result.snapshot, result.diagnosis);
  const kms = [s.configuredKmsHost ? `${s.configuredKmsHost} (set by hand)` : null, s.discoveredKmsHost && s.discoveredKmsHost !== s.configuredKmsHost ? `${s.discoveredKmsHost} (discovered)` : null].filter(Boolean).join('; ');
  return (
    <dl className="strip" aria-label="This computer's licence, as slmgr /dlv would show it">
      <div>
        <dt>Edition</dt>
        <dd>{s.edition ?? 'Not known'}</dd>
      </div>
      <div>
        <dt>Channel</dt>
        <dd>
          {s.channel ?? 'Not known'}
          {s.partialKey ? <span className="muted">, key ending in {s.partialKey}</span> : null}
        </dd>
      </div>
      <div>
        <dt>Licence</dt>
        <dd>
          <span className={`pill pill-${s.licence.kind === 'activated' ? 'good' : s.licence.kind === 'not-activated' ? 'bad' : 'unknown'}`}>{s.licence.kind === 'activated' ? 'Activated' : s.licence.kind === 'not-activated' ? 'Not activated' : 'Unknown'}</span>{' '}
          {[/^Not activated \((.*)\)$/.exec(s.licence.text)?.[1] ?? (s.licence.kind === 'unknown' ? 'not read' : null), s.daysLeft].filter(Boolean).join(', ')}
        </dd>
      </div>
      <div>
        <dt>KMS host</dt>
        <dd>{kms || (s.kmsFromDns.length > 0 ? `None set; DNS lists ${s.kmsFromDns.join(', ')}` : 'None set, none discovered')}</dd>
      </div>
      <div>
        <dt>Facts taken</dt>
        <dd>
          <time dateTime={s.takenAt}>{localTime(s.takenAt)}</time>
          {remoteFile ? (
            <span className="muted">
              {' '}
              on {s.computerName ?? 'another computer'}, from {remoteFile}
            </span>
          ) : s.computerName ? (
            <span className="muted"> on {s.computerName}</span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

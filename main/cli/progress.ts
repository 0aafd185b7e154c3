/**
 * The progress lines `snapshot` and `diagnose` print while the checks run: one status word set
 * for both, the same words the wizard's live checklist uses.
 */
import { isHiddenFact, type ProbeEvent } from '../../shared/probes';
import { SKIPPED_REASONS, reasonAndDetail } from '../../shared/summary';

export type StatusWord = 'ok' | 'problem' | 'could not check' | 'skipped';

const WIDTH = 'could not check'.length;

export function statusWord(event: Extract<ProbeEvent, { state: 'finished' }>): StatusWord {
  if (event.outcome === 'ok') return 'ok';
  if (event.outcome === 'problem') return 'problem';
  return event.reason !== null && SKIPPED_REASONS.has(event.reason) ? 'skipped' : 'could not check';
}

/** One line per finished check; null for a check that does not apply here and says nothing useful (the KMS host firewall rule on a client). */
export function progressLine(event: ProbeEvent, titles: ReadonlyMap<string, string>): string | null {
  if (event.state !== 'finished') return null;
  if (isHiddenFact(event.probe, event.reason)) return null;
  const word = statusWord(event);
  const summary = event.outcome === 'unavailable' && event.reason !== null ? reasonAndDetail(event.reason, event.summary) : event.summary;
  return `  ${word.padEnd(WIDTH)}  ${titles.get(event.probe) ?? event.probe}: ${summary}\n`;
}

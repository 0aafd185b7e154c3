/** (a) The header: which computer, when, collected by what, and the verdict in one banner. */
import type { Diagnosis } from '../../diagnosis/types';
import type { Snapshot } from '../../snapshot';
import { formatTime } from '../format';
import { kvTable } from '../layout';
import { html, type Html } from '../markup';

const COLLECTOR_KIND: Record<Snapshot['collector']['kind'], string> = {
  app: 'the Activation Doctor app',
  cli: 'the Activation Doctor command line',
  'collector-script': 'the Activation Doctor collector script',
};

/** The name the technician knows the computer by: Windows' own, else the collector's host name. */
export function computerNameOf(snapshot: Snapshot, diagnosis: Diagnosis): string {
  if (snapshot.windows.os.status === 'ok' && snapshot.windows.os.value.computerName.trim() !== '') return snapshot.windows.os.value.computerName;
  return diagnosis.computerName ?? snapshot.collector.hostname ?? 'unknown computer';
}

export function collectorText(collector: Snapshot['collector']): string {
  const where = collector.hostname === null ? '' : `, host name ${collector.hostname}`;
  return `${COLLECTOR_KIND[collector.kind]} ${collector.version} (platform ${collector.platform}${where})`;
}

export function verdictBanner(verdict: Diagnosis['verdict']): Html {
  return html`<div class="verdict verdict-${verdict.kind}">
<p class="verdict-title"><span class="verdict-label">Verdict:</span> ${verdict.title}</p>
<p class="verdict-detail">${verdict.detail}</p>
</div>
`;
}

export function renderHeader(snapshot: Snapshot, diagnosis: Diagnosis, generatedAt: string, appVersion: string): Html {
  return html`<header class="report-header">
<p class="kicker">Activation Doctor · Windows activation report</p>
<h1>${computerNameOf(snapshot, diagnosis)}</h1>
${kvTable([
  ['Computer', computerNameOf(snapshot, diagnosis)],
  ['Facts collected', `${formatTime(snapshot.takenAt)} (took ${Math.round(snapshot.durationMs / 100) / 10} s)`],
  ['Collected by', collectorText(snapshot.collector)],
  ['Report made', `${formatTime(generatedAt)} by Activation Doctor ${appVersion}`],
])}
${verdictBanner(diagnosis.verdict)}
</header>
`;
}

/** (b) The summary: the verdict, the product in one table, and the top findings in rank order. */
import type { Diagnosis } from '../../diagnosis/types';
import { licenseStatusText, minutesWithDays } from '../format';
import { gridTable, kvTable, none, section } from '../layout';
import { html, code, type Html } from '../markup';
import { lastFiveOfKey } from '../redact';
import { findingAnchor, productBadge, severityBadge } from './finding-words';

/** How many findings the summary lists; the findings section has them all. */
const TOP_FINDINGS = 5;

function countsLine(d: Diagnosis): string {
  const count = (s: string) => d.findings.filter((f) => f.severity === s).length;
  const parts = [`${count('blocker')} blocking`, `${count('warning')} ${count('warning') === 1 ? 'warning' : 'warnings'}`, `${count('info')} for information`];
  const notChecked = d.notChecked.length === 0 ? 'every check ran' : `${d.notChecked.length} ${d.notChecked.length === 1 ? 'check' : 'checks'} could not run`;
  return `${d.findings.length} ${d.findings.length === 1 ? 'finding' : 'findings'} (${parts.join(', ')}); ${notChecked}.`;
}

function productTable(d: Diagnosis): Html | null {
  const p = d.product;
  if (!p) return null;
  return kvTable([
    ['Windows product', p.name],
    ['Licence channel', p.channel],
    ['Product key ends in', p.partialProductKey === null ? 'no key installed' : lastFiveOfKey(p.partialProductKey)],
    ['Licence status', licenseStatusText(p.licenseStatus)],
    p.gracePeriodRemainingMinutes === null ? null : ['Time remaining', minutesWithDays(p.gracePeriodRemainingMinutes)],
    ['KMS host in use', p.kmsTarget ?? 'none'],
  ]);
}

function reportedCode(d: Diagnosis): Html | null {
  const r = d.reportedCode;
  if (!r) return null;
  const text = `${r.code}${r.symbol ? ` ${r.symbol}` : ''}${r.message ? `: ${r.message}` : r.known ? '' : " (not in Activation Doctor's error table)"}`;
  return html`<p class="reported-code"><strong>Error code the technician reported:</strong> ${text}</p>
`;
}

export function renderSummary(d: Diagnosis): Html {
  const top = d.findings.slice(0, TOP_FINDINGS);
  const findingsTable =
    top.length === 0
      ? none('Nothing was found that needs attention.')
      : gridTable(
          [{ title: 'Rank', width: 'w-8' }, { title: 'Finding' }, { title: 'Severity', width: 'w-15' }, { title: 'Explains the error code?', width: 'w-15' }],
          top.map((f, i) => [String(i + 1), html`${productBadge(f.product)} <a href="#${findingAnchor(f, i + 1)}">${f.title}</a> ${code(f.id)}`, severityBadge(f.severity), f.explainsCode ? 'yes' : 'no']),
          d.findings.length > TOP_FINDINGS ? `The ${TOP_FINDINGS} most likely causes, most likely first (${d.findings.length} in all below)` : 'Most likely first',
        );
  return section(
    'summary',
    html`<p class="verdict-line"><strong>Verdict: ${d.verdict.title}.</strong> ${d.verdict.detail}</p>
${reportedCode(d)}${productTable(d)}<p>${countsLine(d)}</p>
${findingsTable}`,
  );
}

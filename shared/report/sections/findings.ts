/**
 * (c) Every finding, ranked: the explanation, the evidence (observed against the limit), the
 * fixes Activation Doctor suggests with their prefilled inputs, what to do by hand, and the
 * Microsoft pages behind it.
 */
import type { Diagnosis, Evidence, Finding, FixSuggestion } from '../../diagnosis/types';
import { SOURCES } from '../../knowledge/sources';
import { bullets, gridTable, none, section } from '../layout';
import { code, html, link, type Html } from '../markup';
import { findingAnchor, productBadge, severityBadge } from './finding-words';
import { fixCommandLine } from '../../command-line';

const SOURCE_TITLES = new Map<string, string>(Object.values(SOURCES).map((s) => [s.url, s.title]));

const evidenceResult = (ok: Evidence['ok']): Html =>
  ok === null ? html`<span class="res res-context">context</span>` : ok ? html`<span class="res res-ok">ok</span>` : html`<span class="res res-bad">not ok</span>`;

function evidenceTable(evidence: readonly Evidence[]): Html {
  if (evidence.length === 0) return none('No evidence recorded for this finding.');
  return gridTable(
    [{ title: 'Evidence', width: 'w-25' }, { title: 'Observed' }, { title: 'Limit', width: 'w-20' }, { title: 'Result', width: 'w-10' }],
    evidence.map((e) => [html`${e.label}<br /><span class="fact-path">${e.fact}</span>`, e.observed, e.limit ?? '—', evidenceResult(e.ok)]),
    'Evidence',
  );
}

/** The CLI line a technician can run on that computer for the same fix, quoted for cmd.exe. */
function cliLine(fix: FixSuggestion): Html {
  const line = fixCommandLine(fix, 'cmd');
  return line === null ? html`not shown: a prefilled value is not a valid input for this fix` : code(line);
}

function fixItem(fix: FixSuggestion): Html {
  const inputs = Object.entries(fix.inputs);
  return html`${code(fix.fixId)} — ${fix.reason}${
    inputs.length === 0 ? html`<br />Inputs: none` : html`<br />Inputs: ${inputs.map(([name, value], i) => html`${i > 0 ? ', ' : null}${name} = ${code(value)}`)}`
  }<br />Command line (Command Prompt): ${cliLine(fix)}`;
}

function sourceItem(url: string): Html {
  const title = SOURCE_TITLES.get(url);
  return title === undefined ? link(url) : html`${title}: ${link(url)}`;
}

function renderFinding(f: Finding, rank: number): Html {
  return html`<article class="finding" id="${findingAnchor(f, rank)}">
<h3>${rank}. ${f.title}</h3>
<p class="finding-meta">${severityBadge(f.severity)} ${productBadge(f.product)} ${code(f.id)}${f.explainsCode ? ' · one of the documented causes of the error code' : null}</p>
<p>${f.explanation}</p>
${evidenceTable(f.evidence)}
${f.fixes.length === 0 ? null : html`<h4>Fixes suggested</h4>${bullets(f.fixes.map(fixItem))}`}
${f.guidance.length === 0 ? null : html`<h4>What to do</h4>${bullets(f.guidance)}`}
${f.sources.length === 0 ? null : html`<h4>Sources</h4>${bullets(f.sources.map(sourceItem), 'list sources')}`}
</article>
`;
}

export function renderFindings(d: Diagnosis): Html {
  return section('findings', d.findings.length === 0 ? none('No findings.') : d.findings.map((f, i) => renderFinding(f, i + 1)));
}

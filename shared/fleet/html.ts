/**
 * The fleet report: one self-contained HTML page with the same CSP, style sheet, escaping and
 * product-key masking as the single-machine report (shared/report). No scripts, nothing loaded.
 * Sections: totals, findings across machines, causes with their machines, domains, every machine,
 * files that could not be read.
 */
import { REPORT_CSP } from '../report/html';
import { bullets, gridTable, kvTable, none } from '../report/layout';
import { code, html, link, trustedCss, type Html, type Interpolation } from '../report/markup';
import { maskProductKeysInText } from '../report/redact';
import { REPORT_CSS } from '../report/style';
import type { FleetDiagnosis, FleetFinding } from './types';

export const FLEET_SECTIONS = {
  summary: 'Summary',
  fleetFindings: 'Findings across machines',
  causes: 'Causes, with the machines they affect',
  domains: 'Domains',
  machines: 'Every machine',
  unreadable: 'Files that could not be read',
} as const;
type FleetSectionId = keyof typeof FLEET_SECTIONS;

const FLEET_CSS = `
.machines { column-width: 14em; column-gap: 1.5em; margin: 0.3em 0; padding-left: 1.2em; }
`;

function section(id: FleetSectionId, body: Interpolation): Html {
  return html`<section id="${id}" class="report-section" aria-labelledby="${id}-title">
<h2 id="${id}-title">${FLEET_SECTIONS[id]}</h2>
${body}
</section>
`;
}

const badge = (severity: string): Html => html`<span class="badge sev-${severity}">${severity}</span>`;

function fleetFinding(f: FleetFinding): Html {
  return html`<article class="finding" id="fleet-${f.id}">
<h3>${badge(f.severity)} ${f.title}</h3>
<p class="finding-meta">${code(f.id)}${f.scope === null ? null : html` · ${f.scope}`} · ${f.machines.length} machine${f.machines.length === 1 ? '' : 's'}</p>
<p>${f.explanation}</p>
${gridTable([{ title: 'Evidence', width: 'w-30' }, { title: 'Observed' }, { title: 'Limit', width: 'w-25' }], f.evidence.map((e) => [e.label, e.observed, e.limit ?? '—']), 'Evidence')}${
    f.guidance.length === 0 ? null : html`<h4>What to do</h4>
${bullets(f.guidance)}`
  }<h4>Machines</h4>
${bullets(f.machines, 'machines')}${f.sources.length === 0 ? null : html`<h4>Sources</h4>
${bullets(f.sources.map((u) => link(u)))}`}
</article>
`;
}

export function renderFleetHtml(fleet: FleetDiagnosis, meta: { generatedAt: string; appVersion: string }): string {
  const t = fleet.totals;
  const document = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
<meta name="referrer" content="no-referrer" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light" />
<meta name="generator" content="Activation Doctor ${meta.appVersion}" />
<title>Activation fleet report: ${t.machines} machines (${meta.generatedAt})</title>
<style>${trustedCss(REPORT_CSS + FLEET_CSS)}</style>
</head>
<body>
<header>
<p class="kicker">Activation Doctor fleet report</p>
<h1>${t.machines} machine${t.machines === 1 ? '' : 's'}: ${t.healthy} healthy, ${t.problems} with problems, ${t.cannotTell} cannot tell</h1>
</header>
<main>
${section(
    'summary',
    kvTable([
      ['Machines', t.machines],
      ['Healthy (activated, nothing to fix)', t.healthy],
      ['With problems', t.problems],
      ['Cannot tell (licence state not readable)', t.cannotTell],
      ['Files that could not be read', t.unreadable],
      ['Findings across machines', fleet.fleetFindings.length],
      ['Generated', meta.generatedAt],
    ]),
  )}${section('fleetFindings', fleet.fleetFindings.length === 0 ? none('Nothing found that only shows across machines.') : fleet.fleetFindings.map(fleetFinding))}${section(
    'causes',
    fleet.causes.length === 0
      ? none('No machine has a warning or a blocker.')
      : gridTable(
          [{ title: 'Cause', width: 'w-30' }, { title: 'Severity', width: 'w-10' }, { title: 'Count', width: 'w-8' }, { title: 'Machines' }],
          fleet.causes.map((c) => [html`${c.title}<br />${code(c.findingId)}`, badge(c.severity), c.count, bullets(c.machines, 'machines')]),
        ),
  )}${section(
    'domains',
    gridTable(
      [{ title: 'Domain' }, { title: 'Machines', width: 'w-10' }, { title: 'Healthy', width: 'w-10' }, { title: 'Problems', width: 'w-10' }, { title: 'Cannot tell', width: 'w-10' }],
      fleet.domains.map((d) => [d.domain ?? '(unknown)', d.machines, d.healthy, d.problems, d.cannotTell]),
    ),
  )}${section(
    'machines',
    gridTable(
      [{ title: 'Machine', width: 'w-20' }, { title: 'Domain', width: 'w-20' }, { title: 'Verdict', width: 'w-15' }, { title: 'Findings' }],
      fleet.machines.map((m) => [html`${m.name}<br /><span class="fact-path">${m.source}</span>`, m.domain ?? '—', m.verdict, m.findings.filter((f) => f.severity !== 'info').map((f, i) => html`${i > 0 ? html`<br />` : null}${badge(f.severity)} ${code(f.id)} ${f.title}`)]),
    ),
  )}${section(
    'unreadable',
    fleet.unreadable.length === 0 ? none('Every file was read.') : gridTable([{ title: 'File', width: 'w-35' }, { title: 'Why' }], fleet.unreadable.map((u) => [u.source, u.reason])),
  )}</main>
<footer class="report-footer"><p>Generated by Activation Doctor ${meta.appVersion}. Each machine's full diagnosis: activation-doctor diagnose --snapshot &lt;file&gt;.</p></footer>
</body>
</html>
`;
  return maskProductKeysInText(document.markup);
}

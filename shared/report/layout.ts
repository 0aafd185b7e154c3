/**
 * The report's building blocks: sections, key/value tables, column tables and the "not available"
 * line. Sections and their headings are listed once here, so the renderer, the tests and anyone
 * linking into a report agree on them.
 */
import type { Fact } from '../snapshot';
import { unavailableText } from './format';
import { html, type Html, type Interpolation } from './markup';

export const REPORT_SECTIONS = {
  summary: 'Summary',
  findings: 'Findings',
  notChecked: 'What could not be checked, and why',
  licensing: 'Licensing facts (slmgr /dlv)',
  windows: 'Windows facts',
  office: 'Office',
  events: 'Activation events (Software Protection)',
  network: 'Network checks',
  fixes: 'Fixes applied',
  about: 'About this report',
} as const;
export type ReportSectionId = keyof typeof REPORT_SECTIONS;

export function section(id: ReportSectionId, body: Interpolation): Html {
  return html`<section id="${id}" class="report-section" aria-labelledby="${id}-title">
<h2 id="${id}-title">${REPORT_SECTIONS[id]}</h2>
${body}
</section>
`;
}

/** One row of a key/value table: what the fact is, and its value (null rows are left out). */
export type KvRow = readonly [label: string, value: Interpolation] | null;

export function kvTable(rows: readonly KvRow[], caption?: string): Html {
  const present = rows.filter((row): row is readonly [string, Interpolation] => row !== null);
  return html`<table class="kv">${caption === undefined ? null : html`<caption>${caption}</caption>`}<tbody>
${present.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>
`)}</tbody></table>
`;
}

export interface Column {
  title: string;
  /** A width class from the style sheet (w-10 … w-40), so fixed-layout tables fit an A4 page. */
  width?: string;
}

export function gridTable(columns: readonly Column[], rows: readonly (readonly Interpolation[])[], caption?: string): Html {
  return html`<table class="grid">${caption === undefined ? null : html`<caption>${caption}</caption>`}<thead><tr>${columns.map(
    (c) => html`<th scope="col"${c.width === undefined ? null : html` class="${c.width}"`}>${c.title}</th>`,
  )}</tr></thead><tbody>
${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>
`)}</tbody></table>
`;
}

/** A paragraph for an empty list ("No 12288 events in the log."). */
export const none = (text: string): Html => html`<p class="none">${text}</p>
`;

export const unavailable = (text: string): Html => html`<p class="unavailable">${text}</p>
`;

/** Renders a fact's value, or the "not available: reason — detail" line in its place. */
export function factBlock<T>(fact: Fact<T>, show: (value: T) => Html): Html {
  return fact.status === 'ok' ? show(fact.value) : unavailable(unavailableText(fact.reason, fact.detail));
}

/** A short bulleted list inside a cell or a finding. */
export function bullets(items: readonly Interpolation[], className = 'list'): Html {
  return html`<ul class="${className}">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
}

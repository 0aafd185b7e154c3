/**
 * renderHtmlReport: the support report a technician exports and sends to Microsoft Support or a
 * colleague. One self-contained HTML5 file: inline styles only, no scripts, nothing loaded from
 * the network (a strict CSP in the file itself says so to the browser), readable offline and
 * printable on A4. Sections, in order: header and verdict, summary, findings, what could not be
 * checked, the slmgr /dlv facts, Windows facts, SPP events, network checks, fixes applied, footer.
 *
 * Every value is escaped on its way in (markup.ts); the finished text then goes through one more
 * pass that masks anything shaped like a full product key.
 */
import { formatTime } from './format';
import { html, trustedCss, type Html } from './markup';
import { maskProductKeysInText } from './redact';
import { renderAbout } from './sections/about';
import { renderEventsSection } from './sections/events';
import { renderFindings } from './sections/findings';
import { renderFixesApplied } from './sections/fixes-applied';
import { computerNameOf, renderHeader } from './sections/header';
import { renderLicensingSection } from './sections/licensing';
import { renderNetworkSection } from './sections/network';
import { renderNotChecked } from './sections/not-checked';
import { renderOfficeSection } from './sections/office';
import { renderSummary } from './sections/summary';
import { renderWindowsSection } from './sections/windows';
import { REPORT_CSS } from './style';
import type { ReportInput } from './types';

/** No scripts, no remote anything: only the inline style sheet and (unused) data: images; no <base> to redirect relative links, no form to submit anywhere. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The <head> of every HTML report (one computer or a fleet): the CSP, no referrer, the inline style sheet. */
export function reportHead(title: string, css: string, appVersion: string): Html {
  return html`<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
<meta name="referrer" content="no-referrer" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light" />
<meta name="generator" content="Activation Doctor ${appVersion}" />
<title>${title}</title>
<style>${trustedCss(css)}</style>
</head>`;
}

export function renderHtmlReport(input: ReportInput): string {
  const { snapshot, diagnosis, audit, auditRejected = 0, auditTruncated = false, generatedAt, appVersion } = input;
  const computer = computerNameOf(snapshot, diagnosis);
  const document = html`<!DOCTYPE html>
<html lang="en">
${reportHead(`Activation report: ${computer} (${formatTime(snapshot.takenAt)})`, REPORT_CSS, appVersion)}
<body>
${renderHeader(snapshot, diagnosis, generatedAt, appVersion)}<main>
${renderSummary(diagnosis)}${renderFindings(diagnosis)}${renderNotChecked(diagnosis)}${renderLicensingSection(snapshot)}${renderWindowsSection(snapshot)}${renderOfficeSection(snapshot)}${renderEventsSection(
    snapshot,
  )}${renderNetworkSection(snapshot)}${renderFixesApplied(audit, { rejected: auditRejected, truncated: auditTruncated })}</main>
${renderAbout(generatedAt, appVersion)}</body>
</html>
`;
  return maskProductKeysInText(document.markup);
}

/**
 * The report's one style sheet, inlined so the file is self-contained. Light theme on screen and
 * paper, system fonts only (nothing is loaded), tables with a fixed layout that wrap long names
 * instead of running off an A4 page, and a page break before each major section when printed.
 *
 * It must not contain `<` or `&` (checked by trustedCss): inside <style> they could end the
 * element or break XML parsing.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #ffffff; color: #1b1b1b; }
body {
  margin: 0 auto; padding: 24px 32px 48px; max-width: 1100px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.45;
}
code, .raw, .fact-path {
  font-family: ui-monospace, "Cascadia Mono", "Cascadia Code", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: 0.92em; overflow-wrap: anywhere; word-break: break-word;
}
code { background: #f3f4f6; border-radius: 3px; padding: 0 3px; }
.raw { white-space: pre-wrap; }
.fact-path { color: #5b5b5b; font-size: 0.8em; }
h1 { font-size: 1.7em; margin: 0.1em 0 0.4em; }
h2 { font-size: 1.35em; margin: 1.6em 0 0.5em; padding-bottom: 4px; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.1em; margin: 1.3em 0 0.4em; }
h4 { font-size: 1em; margin: 0.9em 0 0.3em; }
p { margin: 0.4em 0; }
a { color: #0b57d0; overflow-wrap: anywhere; }
.kicker { color: #5b5b5b; margin: 0; text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.85em; }
.what, .none { color: #454545; }
.unavailable { color: #6b3d00; background: #fff8e6; border-left: 4px solid #b26b00; padding: 6px 10px; }

table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.5em 0 1em; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: #454545; }
th, td { border: 1px solid #d0d7de; padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
thead th { background: #f3f4f6; }
table.kv th { width: 34%; background: #f8f9fa; font-weight: 600; }
.w-8 { width: 8%; } .w-10 { width: 10%; } .w-15 { width: 15%; } .w-20 { width: 20%; }
.w-25 { width: 25%; } .w-30 { width: 30%; } .w-35 { width: 35%; } .w-40 { width: 40%; }
ul.list { margin: 0.2em 0; padding-left: 1.2em; }
ul.fields { list-style: none; padding-left: 0; }

.verdict { margin: 12px 0; padding: 10px 14px; border: 1px solid #d0d7de; border-left-width: 8px; border-radius: 4px; }
.verdict-title { font-size: 1.2em; font-weight: 700; margin: 0; }
.verdict-detail { margin: 4px 0 0; }
.verdict-activated { background: #e9f6ec; border-color: #1e7b34; }
.verdict-activated-expiring, .verdict-activated-renewal-failing { background: #fff6e0; border-color: #b26b00; }
.verdict-not-activated { background: #fdecea; border-color: #b3261e; }
.verdict-cannot-tell { background: #f1f3f4; border-color: #5f6368; }

.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 0.85em; font-weight: 600; border: 1px solid currentColor; }
.sev-blocker { color: #b3261e; }
.sev-warning { color: #8a5300; }
.sev-info { color: #1f5fa8; }
.product-windows { color: #374151; }
.product-office { color: #9a3412; }
.res-ok { color: #1e7b34; font-weight: 600; }
.res-bad { color: #b3261e; font-weight: 600; }
.res-context { color: #5b5b5b; }
.finding { border-top: 1px solid #d0d7de; padding-top: 4px; margin-top: 1.2em; }
.finding-meta { color: #454545; }
.report-footer { margin-top: 2em; padding-top: 8px; border-top: 2px solid #d0d7de; color: #333333; font-size: 0.92em; }

@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .report-section { break-before: page; }
  #summary, .report-footer { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, .verdict, .finding-meta { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: underline; }
  th, td { padding: 3px 5px; }
}
`;

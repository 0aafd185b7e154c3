// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { containsFullProductKey, REPORT_SECTIONS, renderHtmlReport, renderJsonExport } from '../../../shared/report';
import { SCENARIOS } from '../diagnosis/scenarios';
import { all, parseHtml, sectionByHeading, text, xmlParseErrors } from './dom';
import { reportInput, sampleAudit } from './inputs';

describe('a report for every diagnosis scenario', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const input = reportInput(scenario.snapshot, { reportedCode: scenario.reportedCode, audit: sampleAudit() });
    const html = renderHtmlReport(input);
    expect(xmlParseErrors(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(containsFullProductKey(html)).toBe(false);

    const doc = parseHtml(html);
    expect(all(doc, 'h2').map(text)).toEqual(Object.values(REPORT_SECTIONS));
    const findings = text(sectionByHeading(doc, 'Findings'));
    for (const finding of input.diagnosis.findings) expect(findings).toContain(finding.title.replace(/\s+/g, ' '));
    expect(text(doc.querySelector('header .verdict'))).toContain(input.diagnosis.verdict.title);

    const json = renderJsonExport(input);
    // Masking must never touch data: the export reads back exactly as it went in.
    const parsed = JSON.parse(json) as { snapshot: unknown; diagnosis: unknown; fixesApplied: unknown };
    expect(parsed.snapshot).toEqual(input.snapshot);
    expect(parsed.diagnosis).toEqual(input.diagnosis);
    expect(parsed.fixesApplied).toEqual(input.audit);
    expect(containsFullProductKey(json)).toBe(false);
  });
});

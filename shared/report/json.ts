/**
 * renderJsonExport: the machine-readable twin of the HTML report, for a colleague's tools or to
 * diagnose again elsewhere: the snapshot, the diagnosis and the fixes applied, as they are, in one
 * pretty-printed document. The same product-key masking pass runs over the finished text (masking
 * only ever replaces letters and digits inside a JSON string, so the document stays valid JSON).
 */
import { maskProductKeysInText } from './redact';
import type { ReportInput } from './types';

export const REPORT_FORMAT = 'activation-doctor/report';
export const REPORT_VERSION = 1;

export function renderJsonExport(input: ReportInput): string {
  const { snapshot, diagnosis, audit, generatedAt, appVersion } = input;
  const document = { format: REPORT_FORMAT, version: REPORT_VERSION, generatedAt, appVersion, snapshot, diagnosis, fixesApplied: audit };
  return `${maskProductKeysInText(JSON.stringify(document, null, 2))}\n`;
}

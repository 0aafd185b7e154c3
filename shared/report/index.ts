/** The support report: a printable, script-free HTML document and its JSON twin. */
export { renderHtmlReport, REPORT_CSP } from './html';
export { renderJsonExport, REPORT_FORMAT, REPORT_VERSION } from './json';
export { REPORT_SECTIONS, type ReportSectionId } from './layout';
export { escapeHtml } from './escape';
export { maskProductKeysInText, containsFullProductKey, MASKED_KEY_PREFIX } from './redact';
export type { ReportInput, ReportAuditRecord, ReportAuditBefore, ReportAuditAfter, ReportAuditState } from './types';

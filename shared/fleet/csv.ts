/**
 * The fleet as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the
 * ANSI code page), CRLF line ends, one row per machine and finding (a machine with no finding
 * above "info" gets one row with its verdict), then one row per machine and fleet finding.
 *
 * CSV injection: a cell that begins with = + - @, a tab or a carriage return is a formula to
 * Excel; such cells get a leading apostrophe, so a hostile computer name is shown, never run.
 */
import type { FleetDiagnosis } from './types';

export const CSV_BOM = '\uFEFF';
export const FLEET_CSV_COLUMNS = ['machine', 'source', 'domain', 'verdict', 'kind', 'finding', 'severity', 'title'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised if Excel would read it as a formula, quoted when it needs to be. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export function renderFleetCsv(fleet: FleetDiagnosis): string {
  const parts: string[] = [CSV_BOM, row(FLEET_CSV_COLUMNS)];
  for (const m of fleet.machines) {
    const base = [m.name, m.source, m.domain ?? '', m.verdict];
    const findings = m.findings.filter((f) => f.severity !== 'info');
    if (findings.length === 0) parts.push(row([...base, 'machine', '', '', m.findings[0]?.title ?? '']));
    for (const f of findings) parts.push(row([...base, 'machine', f.id, f.severity, f.title]));
  }
  const byName = new Map(fleet.machines.map((m) => [m.name, m] as const));
  for (const f of fleet.fleetFindings) {
    for (const name of f.machines) {
      const m = byName.get(name);
      parts.push(row([name, m?.source ?? '', m?.domain ?? f.scope ?? '', m?.verdict ?? '', 'fleet', f.id, f.severity, f.title]));
    }
  }
  for (const u of fleet.unreadable) parts.push(row(['', u.source, '', 'unreadable', 'file', '', '', u.reason]));
  return parts.join('');
}

/**
 * The fleet diagnosis for a terminal: totals, the findings only a fleet shows (with their
 * machines and evidence), the per-machine causes grouped with counts, the domains, and the files
 * that could not be read. Names come from snapshot files: control characters are shown as '?'.
 */
import type { FleetDiagnosis } from '../../shared/fleet';

const SEVERITY_MARK = { blocker: 'BLOCKER', warning: 'WARNING', info: 'INFO' } as const;

/** Text from a file, safe on a terminal: no escape sequences or other control characters. */
function clean(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : ch;
  }
  return out;
}

/** At most `max` names on one line, then how many more. */
function names(list: readonly string[], max = 10): string {
  const shown = list.slice(0, max).map(clean).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

export function formatFleet(fleet: FleetDiagnosis): string {
  const t = fleet.totals;
  const lines: string[] = [];
  lines.push(`${t.machines} machine${t.machines === 1 ? '' : 's'}: ${t.healthy} healthy, ${t.problems} with problems, ${t.cannotTell} cannot tell${t.unreadable > 0 ? `; ${t.unreadable} file${t.unreadable === 1 ? '' : 's'} could not be read` : ''}`);
  lines.push('');

  if (fleet.fleetFindings.length === 0) lines.push('Across machines: nothing found.');
  else lines.push(`Across machines (${fleet.fleetFindings.length}):`);
  for (const f of fleet.fleetFindings) {
    lines.push(`  ${SEVERITY_MARK[f.severity]}  ${clean(f.title)} [${f.id}]`);
    lines.push(`    Machines (${f.machines.length}): ${names(f.machines)}`);
    for (const e of f.evidence.slice(0, 8)) lines.push(`    - ${clean(e.label)}: ${clean(e.observed)}${e.limit ? ` (limit: ${clean(e.limit)})` : ''}`);
    if (f.evidence.length > 8) lines.push(`    - and ${f.evidence.length - 8} more lines of evidence (--json or --html)`);
    for (const g of f.guidance) lines.push(`    Next: ${clean(g)}`);
  }
  lines.push('');

  if (fleet.causes.length === 0) lines.push('Per machine: no warnings or blockers.');
  else lines.push('Per machine, by cause:');
  for (const c of fleet.causes) {
    lines.push(`  ${String(c.count).padStart(5)}  ${SEVERITY_MARK[c.severity].padEnd(7)}  ${c.findingId}: ${clean(c.title)}`);
    lines.push(`         ${names(c.machines)}`);
  }
  lines.push('');

  lines.push('By domain:');
  for (const d of fleet.domains) lines.push(`  ${clean(d.domain ?? '(unknown)').padEnd(32)}  ${d.machines} machines, ${d.healthy} healthy, ${d.problems} with problems, ${d.cannotTell} cannot tell`);

  if (fleet.unreadable.length > 0) {
    lines.push('');
    lines.push('Could not be read:');
    for (const u of fleet.unreadable) lines.push(`  ${clean(u.source)}: ${clean(u.reason)}`);
  }
  lines.push('');
  lines.push("One machine's full diagnosis: activation-doctor diagnose --snapshot <folder>/<file>");
  return `${lines.join('\n')}\n`;
}

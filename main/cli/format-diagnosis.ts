/**
 * Human-readable diagnosis for a terminal: verdict, ranked findings with their evidence and
 * fixes, and what could not be checked. Plain text, no colour codes, wraps nothing itself.
 */
import type { Diagnosis, Finding } from '../../shared/diagnosis/types';
import { findingsHeading } from '../../shared/diagnosis/format';
import { fixCommandLine } from '../../shared/command-line';

const SEVERITY_MARK: Record<Finding['severity'], string> = { blocker: 'BLOCKER', warning: 'WARNING', info: 'INFO' };

export function formatDiagnosis(d: Diagnosis): string {
  const lines: string[] = [];
  lines.push(`${d.verdict.title}${d.computerName ? ` (${d.computerName})` : ''}`);
  lines.push(`  ${d.verdict.detail}`);
  if (d.product) {
    lines.push(`  Product: ${d.product.name} | channel ${d.product.channel} | key ends in ${d.product.partialProductKey ?? '-'} | ${d.product.licenseStatusText}`);
    if (d.product.kmsTarget) lines.push(`  KMS host: ${d.product.kmsTarget}`);
  }
  if (d.reportedCode) {
    lines.push(`  Reported code: ${d.reportedCode.code}${d.reportedCode.symbol ? ` ${d.reportedCode.symbol}` : ''}${d.reportedCode.known ? '' : ' (not in the error table)'}`);
  }
  lines.push('');

  const problems = d.findings.filter((f) => f.severity !== 'info');
  const infos = d.findings.filter((f) => f.severity === 'info');
  if (problems.length === 0) lines.push(`${findingsHeading(d)}.`);
  problems.forEach((f, i) => lines.push(...formatFinding(f, i + 1), ''));
  for (const f of infos) lines.push(`INFO  ${f.title} [${f.id}]`);
  if (infos.length > 0) lines.push('');

  if (d.notChecked.length > 0) {
    lines.push('Could not be checked:');
    for (const n of d.notChecked) {
      lines.push(`  - ${n.title}: ${n.detail}${n.affects.length > 0 ? ` (so ${n.affects.join(', ')} could not be ruled out)` : ''}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function formatFinding(f: Finding, rank: number): string[] {
  const out = [`${rank}. ${SEVERITY_MARK[f.severity]}  ${f.title} [${f.id}]${f.explainsCode ? ' (explains the error code)' : ''}`];
  out.push(`   ${f.explanation}`);
  for (const e of f.evidence) {
    const mark = e.ok === false ? 'x' : e.ok === true ? 'ok' : '-';
    out.push(`   [${mark}] ${e.label}: ${e.observed}${e.limit ? ` (limit: ${e.limit})` : ''}`);
  }
  for (const fix of f.fixes) {
    // Quoted for the Command Prompt; a value that fails its grammar is never printed as a command.
    const line = fixCommandLine(fix, 'cmd');
    out.push(line === null ? `   Fix: ${fix.fixId} (not shown as a command: a prefilled value is not valid)   (${fix.reason})` : `   Fix: ${line}   (${fix.reason})`);
  }
  for (const g of f.guidance) out.push(`   Next: ${g}`);
  return out;
}

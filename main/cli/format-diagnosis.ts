/**
 * Human-readable diagnosis for a terminal: what `slmgr /dlv` would say in plain words, the
 * verdict, ranked findings with their evidence and fixes, and what could not be checked (a cause
 * shared by many facts said once, with its one action). Plain text, no colour codes; wrapping to
 * the terminal's width happens at the output boundary (./terminal), which never breaks a line that
 * is a command to paste, so every command is printed on a line of its own.
 */
import type { Diagnosis, Finding } from '../../shared/diagnosis/types';
import { findingsHeading } from '../../shared/diagnosis/format';
import { fixCommandLine } from '../../shared/command-line';
import type { Snapshot } from '../../shared/snapshot';
import { findCommand } from '../../shared/command-text';
import { findingQuestions, groupNotChecked, localTime, plainVerdictDetail, productStrip, reasonAndDetail } from '../../shared/summary';
import { PRODUCT_NAMES } from '../../shared/ids';

const SEVERITY_MARK: Record<Finding['severity'], string> = { blocker: 'BLOCKER', warning: 'WARNING', info: 'INFO' };

function stripLines(d: Diagnosis, snapshot: Snapshot): string[] {
  const s = productStrip(snapshot, d);
  const lines: string[] = [];
  lines.push(`  Edition:   ${s.edition ?? 'not known'}${s.channel ? `, ${s.channel}` : ''}${s.partialKey ? `, key ending in ${s.partialKey}` : ''}`);
  lines.push(`  Licence:   ${s.licence.text}${s.daysLeft ? `, ${s.daysLeft}` : ''}`);
  if (s.configuredKmsHost || s.discoveredKmsHost) {
    const parts = [s.configuredKmsHost ? `${s.configuredKmsHost} (set by hand)` : null, s.discoveredKmsHost && s.discoveredKmsHost !== s.configuredKmsHost ? `${s.discoveredKmsHost} (discovered)` : null].filter(Boolean);
    lines.push(`  KMS host:  ${parts.join('; ')}`);
  } else if (s.kmsFromDns.length > 0) lines.push(`  KMS host:  none set; DNS lists ${s.kmsFromDns.join(', ')}`);
  const from = snapshot.collector.kind === 'collector-script' ? `, by the collector script on ${s.computerName ?? 'that computer'}` : '';
  lines.push(`  Facts:     taken ${localTime(s.takenAt)}${from}`);
  return lines;
}

export function formatDiagnosis(d: Diagnosis, snapshot?: Snapshot): string {
  const lines: string[] = [];
  lines.push(`${d.verdict.title}${d.computerName ? ` (${d.computerName})` : ''}`);
  lines.push(`  ${snapshot ? plainVerdictDetail(snapshot, d) : d.verdict.detail}`);
  if (snapshot) lines.push(...stripLines(d, snapshot));
  if (d.reportedCode) {
    lines.push(`  Reported code: ${d.reportedCode.code}${d.reportedCode.symbol ? ` ${d.reportedCode.symbol}` : ''}${d.reportedCode.known ? '' : ' (not in the error table)'}`);
  }
  lines.push('');

  const problems = d.findings.filter((f) => f.severity !== 'info');
  const infos = d.findings.filter((f) => f.severity === 'info');
  if (problems.length === 0) {
    // "No problems found" only when the facts that decide it were read (findingsHeading).
    lines.push(d.verdict.kind === 'cannot-tell' ? 'Cannot tell: the facts that decide it could not be read (see below), so no problem could be ruled out.' : `${findingsHeading(d)}.`);
    lines.push('');
  }
  problems.forEach((f, i) => lines.push(...formatFinding(f, i + 1), ''));
  for (const f of infos) lines.push(`INFO  ${PRODUCT_NAMES[f.product]}: ${f.title}`);
  if (infos.length > 0) lines.push('');

  if (d.notChecked.length > 0) {
    const questions = findingQuestions(d);
    const openCount = (affects: readonly string[]) => new Set(affects.filter((a) => questions.has(a))).size;
    lines.push('Could not be checked:');
    for (const group of groupNotChecked(d.notChecked)) {
      if (group.reason !== null) {
        lines.push(`  - ${group.headline} ${group.items.map((n) => n.title).join('; ')}.`);
        if (group.action) lines.push(`    What to do: ${group.action}`);
        const open = openCount(group.items.flatMap((n) => n.affects));
        if (open > 0) lines.push(`    So ${open} possible cause${open === 1 ? '' : 's'} could not be ruled out.`);
        continue;
      }
      for (const n of group.items) {
        const open = openCount(n.affects);
        lines.push(`  - ${n.title}: ${reasonAndDetail(n.reason, n.detail)}${open > 0 ? ` (so ${open} possible cause${open === 1 ? '' : 's'} could not be ruled out)` : ''}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function formatFinding(f: Finding, rank: number): string[] {
  const out = [`${rank}. ${SEVERITY_MARK[f.severity]}  ${PRODUCT_NAMES[f.product]}: ${f.title}${f.explainsCode ? ' (explains the error code)' : ''}`];
  out.push(`   ${f.explanation}`);
  for (const e of f.evidence) {
    const mark = e.ok === false ? 'x' : e.ok === true ? 'ok' : '-';
    out.push(`   [${mark}] ${e.label}: ${e.observed}${e.limit ? ` (limit: ${e.limit})` : ''}`);
  }
  f.fixes.forEach((fix, i) => {
    out.push(`   ${f.fixes.length > 1 && i === 0 ? 'Recommended fix' : 'Fix'}: ${fix.reason}`);
    // Quoted for the Command Prompt; a value that fails its grammar is never printed as a command.
    const line = fixCommandLine(fix, 'cmd');
    out.push(line === null ? `     (${fix.fixId}: not shown as a command, because a prefilled value is not valid)` : `     ${line}`);
  });
  for (const g of f.guidance) out.push(...guidanceLines(g));
  return out;
}

/** A piece of advice; a command inside it goes on a line of its own, so it is never broken. */
function guidanceLines(text: string): string[] {
  const found = findCommand(text);
  if (!found) return [`   Next: ${text}`];
  const before = found.before.trim().replace(/:$/, '');
  const after = found.after.trim().replace(/^\((.*)\)\.?$/, '$1').replace(/^[.,;]\s*/, '');
  return [`   Next: ${before || 'run'}:`, `     ${found.command}`, ...(after ? [`     ${after}`] : [])];
}

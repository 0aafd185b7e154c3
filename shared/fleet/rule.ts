/**
 * A fleet rule: one small, named unit that looks across every machine's summary and reports what
 * no single machine shows. Like shared/diagnosis/rules, each rule carries its id, the question it
 * asks and the Microsoft sources behind it; the finding names the machines and the evidence.
 */
import type { FleetFindingId } from '../ids';
import type { SourceTag } from '../knowledge/sources';
import type { FleetEvidence, FleetFinding, MachineSummary } from './types';

export interface FleetFindingDraft {
  severity: FleetFinding['severity'];
  title: string;
  explanation: string;
  scope: string | null;
  machines: string[];
  evidence: FleetEvidence[];
  guidance?: string[];
}

export interface FleetRule {
  id: FleetFindingId;
  question: string;
  sources: SourceTag[];
  evaluate(machines: readonly MachineSummary[]): FleetFindingDraft[];
}

export const fleetEvidence = (label: string, observed: string, limit: string | null = null): FleetEvidence => ({ label, observed, limit });

/** Machines by their domain (null: unknown), in first-seen order. */
export function byDomain(machines: readonly MachineSummary[]): Map<string | null, MachineSummary[]> {
  const groups = new Map<string | null, MachineSummary[]>();
  for (const m of machines) {
    const list = groups.get(m.domain);
    if (list) list.push(m);
    else groups.set(m.domain, [m]);
  }
  return groups;
}

/** At most `max` names, then "and N more", for evidence lines. */
export function nameList(names: readonly string[], max = 12): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export const scopeText = (domain: string | null): string => domain ?? 'machines with no known domain';

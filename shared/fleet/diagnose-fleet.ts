/**
 * diagnoseFleet: many snapshots → one fleet diagnosis. Snapshots arrive one at a time (an async
 * iterable, or `add` on an accumulator); each is diagnosed with the single-machine engine at once
 * and only its small summary is kept, so 10,000 machines never sit in memory as snapshots. The
 * cross-machine rules then run over the summaries.
 */
import { diagnose } from '../diagnosis/engine';
import { VerdictKindSchema, type Severity, type VerdictKind } from '../diagnosis/types';
import type { FindingId } from '../ids';
import { sourceUrl } from '../knowledge/sources';
import type { Snapshot } from '../snapshot';
import type { FleetRule } from './rule';
import { FLEET_RULES } from './rules';
import { isHealthy, summariseMachine } from './summary';
import { FLEET_FORMAT, FLEET_VERSION, type CauseGroup, type DomainGroup, type FleetDiagnosis, type FleetFinding, type MachineSummary, type Unreadable } from './types';

/** One file of the fleet: its snapshot, or why it could not be read. */
export type FleetInput = { source: string; ok: true; snapshot: Snapshot } | { source: string; ok: false; reason: string };

export interface FleetAccumulator {
  /** Diagnoses one snapshot and keeps its summary (returned); an unreadable one is listed. */
  add(input: FleetInput): MachineSummary | null;
  finish(): FleetDiagnosis;
}

const SEVERITY_ORDER: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

export function createFleetAccumulator(rules: readonly FleetRule[] = FLEET_RULES): FleetAccumulator {
  const machines: MachineSummary[] = [];
  const unreadable: Unreadable[] = [];
  return {
    add(input) {
      if (!input.ok) {
        unreadable.push({ source: input.source, reason: input.reason });
        return null;
      }
      const summary = summariseMachine(input.snapshot, diagnose(input.snapshot), input.source);
      machines.push(summary);
      return summary;
    },
    finish: () => buildFleetDiagnosis(machines, unreadable, rules),
  };
}

export async function diagnoseFleet(inputs: AsyncIterable<FleetInput> | Iterable<FleetInput>, rules: readonly FleetRule[] = FLEET_RULES): Promise<FleetDiagnosis> {
  const acc = createFleetAccumulator(rules);
  for await (const input of inputs) acc.add(input);
  return acc.finish();
}

function runRules(machines: readonly MachineSummary[], rules: readonly FleetRule[]): FleetFinding[] {
  const findings: FleetFinding[] = [];
  for (const rule of rules) {
    let drafts;
    try {
      drafts = rule.evaluate(machines);
    } catch {
      // A bug in one rule must not take the fleet's answer away; the others still report.
      continue;
    }
    const sources = rule.sources.map(sourceUrl).filter((u): u is string => u !== null);
    for (const d of drafts) findings.push({ id: rule.id, severity: d.severity, title: d.title, explanation: d.explanation, scope: d.scope, machines: d.machines, evidence: d.evidence.slice(0, 200), guidance: d.guidance ?? [], sources });
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.machines.length - a.machines.length);
}

function causeGroups(machines: readonly MachineSummary[]): CauseGroup[] {
  const groups = new Map<FindingId, CauseGroup>();
  for (const m of machines) {
    for (const f of m.findings) {
      if (f.severity === 'info') continue;
      const group = groups.get(f.id);
      if (group) {
        if (group.machines[group.machines.length - 1] === m.name) continue;
        group.count++;
        group.machines.push(m.name);
        if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[group.severity]) group.severity = f.severity;
      } else {
        groups.set(f.id, { findingId: f.id, severity: f.severity, title: f.title, count: 1, machines: [m.name] });
      }
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function domainGroups(machines: readonly MachineSummary[]): DomainGroup[] {
  const groups = new Map<string | null, DomainGroup>();
  for (const m of machines) {
    const g = groups.get(m.domain) ?? { domain: m.domain, machines: 0, healthy: 0, problems: 0, cannotTell: 0 };
    g.machines++;
    if (m.verdict === 'cannot-tell') g.cannotTell++;
    else if (isHealthy(m)) g.healthy++;
    else g.problems++;
    groups.set(m.domain, g);
  }
  return [...groups.values()].sort((a, b) => b.machines - a.machines || (a.domain ?? '~').localeCompare(b.domain ?? '~'));
}

export function buildFleetDiagnosis(machines: readonly MachineSummary[], unreadable: readonly Unreadable[], rules: readonly FleetRule[] = FLEET_RULES): FleetDiagnosis {
  const verdicts = Object.fromEntries(VerdictKindSchema.options.map((k) => [k, 0])) as Record<VerdictKind, number>;
  let healthy = 0;
  let cannotTell = 0;
  for (const m of machines) {
    verdicts[m.verdict]++;
    if (m.verdict === 'cannot-tell') cannotTell++;
    else if (isHealthy(m)) healthy++;
  }
  return {
    format: FLEET_FORMAT,
    version: FLEET_VERSION,
    totals: { machines: machines.length, healthy, problems: machines.length - healthy - cannotTell, cannotTell, unreadable: unreadable.length },
    verdicts,
    fleetFindings: runRules(machines, rules),
    causes: causeGroups(machines),
    domains: domainGroups(machines),
    machines: [...machines],
    unreadable: [...unreadable],
  };
}

/** 0 every machine healthy; 1 problems, machines that cannot tell, or unreadable files. */
export function fleetIsHealthy(fleet: FleetDiagnosis): boolean {
  return fleet.totals.machines > 0 && fleet.totals.healthy === fleet.totals.machines && fleet.totals.unreadable === 0 && fleet.fleetFindings.every((f) => f.severity === 'info');
}

/**
 * The fleet as the wizard shows it: the fleet diagnosis (types.ts) cut down to what one screen
 * needs and bounded, so a folder of 20,000 snapshots answers in a few megabytes over IPC. Each
 * machine carries the number main gave it; the wizard asks for a machine's full diagnosis by that
 * number only, never by a path. Whatever is cut is said in `capped`, in plain words.
 */
import { z } from '../zod';
import { FINDING_IDS, FLEET_FINDING_IDS } from '../ids';
import { SeveritySchema, VerdictKindSchema, type VerdictKind } from '../diagnosis/types';
import type { FleetDiagnosis } from './types';

/** The most machines one folder is read for; files beyond are not read, and the screen says so. */
export const MAX_FLEET_MACHINES = 20_000;
/** Machine names listed under one cause or cross-machine finding (the count is always exact). */
export const MAX_NAMES_PER_GROUP = 200;
export const MAX_UNREADABLE_LISTED = 500;
export const MAX_EVIDENCE_LISTED = 20;
export const MAX_TOP_FINDINGS = 3;
/** The machine list's share of the answer, in JSON characters: hostile files can carry long names. */
export const MAX_MACHINE_LIST_CHARS = 12_000_000;

/** Short verdict words for a table row (the full title is on the machine's diagnosis). */
export const VERDICT_SHORT_TITLE: Record<VerdictKind, string> = {
  activated: 'Activated',
  'activated-renewal-failing': 'Activated, renewal failing',
  'activated-expiring': 'Activated, expires soon',
  'not-activated': 'Not activated',
  'cannot-tell': 'Cannot tell',
};

const Name = z.string().max(255);
const Count = z.number().int().nonnegative();

export const FleetMachineIdSchema = z.number().int().min(0).max(MAX_FLEET_MACHINES - 1);

export const FleetViewSchema = z.object({
  totals: z.object({ files: Count, machines: Count, healthy: Count, problems: Count, cannotTell: Count, unreadable: Count }),
  verdicts: z.array(z.object({ kind: VerdictKindSchema, title: z.string().max(60), count: Count })).max(5),
  /** Per-machine causes: blockers first, then most machines first. */
  causes: z
    .array(z.object({ findingId: z.enum(FINDING_IDS), severity: SeveritySchema, title: z.string().max(200), count: Count, machines: z.array(Name).max(MAX_NAMES_PER_GROUP) }))
    .max(FINDING_IDS.length),
  fleetFindings: z
    .array(
      z.object({
        id: z.enum(FLEET_FINDING_IDS),
        severity: SeveritySchema,
        title: z.string().max(300),
        explanation: z.string().max(2000),
        scope: z.string().max(255).nullable(),
        machineCount: Count,
        machines: z.array(Name).max(MAX_NAMES_PER_GROUP),
        evidence: z.array(z.object({ label: z.string().max(300), observed: z.string().max(2000), limit: z.string().max(300).nullable() })).max(MAX_EVIDENCE_LISTED),
        guidance: z.array(z.string().max(600)).max(10),
      }),
    )
    .max(200),
  unreadable: z.array(z.object({ fileName: z.string().max(500), reason: z.string().max(2000) })).max(MAX_UNREADABLE_LISTED),
  machines: z
    .array(
      z.object({
        id: FleetMachineIdSchema,
        name: Name,
        fileName: z.string().max(500),
        domain: z.string().max(255).nullable(),
        verdict: VerdictKindSchema,
        verdictTitle: z.string().max(60),
        topFindings: z.array(z.string().max(200)).max(MAX_TOP_FINDINGS),
      }),
    )
    .max(MAX_FLEET_MACHINES),
  /** What was left out, one sentence each (empty when nothing was). */
  capped: z.array(z.string().max(300)).max(10),
});
export type FleetView = z.infer<typeof FleetViewSchema>;

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;

/**
 * The screen's view of a fleet diagnosis. `files` is how many .json files the folder held and
 * `skippedFiles` how many of them were not read because of MAX_FLEET_MACHINES; the machine ids
 * are the positions in `fleet.machines` (the order main read them in).
 */
export function fleetView(fleet: FleetDiagnosis, files: number, skippedFiles = 0): FleetView {
  const capped: string[] = [];
  if (skippedFiles > 0) capped.push(`The folder holds ${files.toLocaleString('en-US')} files; only the first ${MAX_FLEET_MACHINES.toLocaleString('en-US')} (by name) were read. Use the command line (activation-doctor fleet diagnose) for the rest.`);
  const names = (list: readonly string[]) => list.slice(0, MAX_NAMES_PER_GROUP).map((n) => n.slice(0, 255));
  if ([...fleet.causes.map((c) => c.machines.length), ...fleet.fleetFindings.map((f) => f.machines.length)].some((n) => n > MAX_NAMES_PER_GROUP)) {
    capped.push(`Groups list the first ${MAX_NAMES_PER_GROUP} machine names; the counts are for every machine.`);
  }
  if (fleet.unreadable.length > MAX_UNREADABLE_LISTED) capped.push(`The first ${MAX_UNREADABLE_LISTED} of ${fleet.unreadable.length.toLocaleString('en-US')} unreadable files are listed.`);
  if (fleet.fleetFindings.some((f) => f.evidence.length > MAX_EVIDENCE_LISTED)) capped.push(`Each cross-machine finding shows its first ${MAX_EVIDENCE_LISTED} pieces of evidence; the command line's --html report has them all.`);

  const machines: FleetView['machines'] = [];
  let chars = 0;
  for (const [id, m] of fleet.machines.slice(0, MAX_FLEET_MACHINES).entries()) {
    const entry = {
      id,
      name: m.name.slice(0, 255),
      fileName: m.source.slice(0, 500),
      domain: m.domain?.slice(0, 255) ?? null,
      verdict: m.verdict,
      verdictTitle: VERDICT_SHORT_TITLE[m.verdict],
      topFindings: m.findings
        .filter((f) => f.severity !== 'info')
        .slice(0, MAX_TOP_FINDINGS)
        .map((f) => f.title),
    };
    chars += JSON.stringify(entry).length;
    if (chars > MAX_MACHINE_LIST_CHARS) {
      capped.push(`The machine list shows the first ${machines.length.toLocaleString('en-US')} of ${fleet.machines.length.toLocaleString('en-US')} machines (their names and file names are long); the counts and groups cover every machine.`);
      break;
    }
    machines.push(entry);
  }

  return {
    totals: { files, ...fleet.totals },
    verdicts: VerdictKindSchema.options.map((kind) => ({ kind, title: VERDICT_SHORT_TITLE[kind], count: fleet.verdicts[kind] ?? 0 })).filter((v) => v.count > 0),
    causes: [...fleet.causes]
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count)
      .map((c) => ({ findingId: c.findingId, severity: c.severity, title: c.title, count: c.count, machines: names(c.machines) })),
    fleetFindings: fleet.fleetFindings.slice(0, 200).map((f) => ({
      id: f.id,
      severity: f.severity,
      title: f.title,
      explanation: f.explanation,
      scope: f.scope,
      machineCount: f.machines.length,
      machines: names(f.machines),
      evidence: f.evidence.slice(0, MAX_EVIDENCE_LISTED),
      guidance: f.guidance,
    })),
    unreadable: fleet.unreadable.slice(0, MAX_UNREADABLE_LISTED).map((u) => ({ fileName: u.source, reason: u.reason })),
    machines,
    capped,
  };
}

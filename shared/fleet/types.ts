/**
 * The fleet diagnosis document: many computers' diagnoses summed up by cause, and the findings
 * that only show across machines (duplicate client machine IDs, KMS hosts that split the count,
 * hosts in DNS that are dead, machines that stopped renewing, retail among volume). Stable JSON
 * (docs/fleet.md), validated with these schemas before it is written.
 */
import { z } from '../zod';
import { FINDING_IDS, FLEET_FINDING_IDS } from '../ids';
import { SeveritySchema, VerdictKindSchema } from '../diagnosis/types';

export const FLEET_FORMAT = 'activation-doctor/fleet';
export const FLEET_VERSION = 1;

/** One per-machine finding, as much as a fleet view needs (the full one is in `diagnose`). */
export const MachineFindingSchema = z.object({
  id: z.enum(FINDING_IDS),
  severity: SeveritySchema,
  title: z.string().max(200),
});
export type MachineFinding = z.infer<typeof MachineFindingSchema>;

/** The machine's KMS host as the fleet rules see it. */
export const MachineKmsSchema = z.object({
  /** The KMS host in use (kmsHostInUse, shared/kms-host-settings.ts): configured, else the one last discovered (lower-case). */
  host: z.string().max(255).nullable(),
  /** The ePID of the host that activated it (KeyManagementServiceProductKeyID). */
  hostEpid: z.string().max(80).nullable(),
  /** Hosts named by this machine's _vlmcs._tcp records, with what TCP said from here. */
  srvHosts: z.array(z.object({ host: z.string().max(255), port: z.number().int(), tcp: z.string().max(20).nullable() })).max(64),
});

/**
 * What the fleet keeps of one machine once its snapshot is diagnosed: small, so 10,000 of them
 * fit in memory while the snapshots themselves are read one at a time and dropped.
 */
export const MachineSummarySchema = z.object({
  /** The computer name, else the file name. */
  name: z.string().max(255),
  /** Where the snapshot came from (a file name), for the technician to open it. */
  source: z.string().max(500),
  takenAt: z.string().max(40),
  /** AD domain, else the primary DNS suffix, else the workgroup; null when unknown. */
  domain: z.string().max(255).nullable(),
  verdict: VerdictKindSchema,
  /** Windows activation channel (VOLUME_KMSCLIENT, RETAIL, ...), null when unknown. */
  channel: z.string().max(40).nullable(),
  /** kms-client, mak, retail, oem, ... (shared/knowledge/licensing.ts), null when unknown. */
  activation: z.string().max(20).nullable(),
  licensed: z.boolean(),
  /** 1 workstation, 2 domain controller, 3 server; null when unknown. */
  productType: z.number().int().nullable(),
  clientMachineId: z.string().max(40).nullable(),
  gracePeriodRemainingMinutes: z.number().int().nullable(),
  kms: MachineKmsSchema,
  findings: z.array(MachineFindingSchema).max(64),
});
export type MachineSummary = z.infer<typeof MachineSummarySchema>;

export const FleetEvidenceSchema = z.object({
  label: z.string().max(300),
  observed: z.string().max(2000),
  limit: z.string().max(300).nullable(),
});
export type FleetEvidence = z.infer<typeof FleetEvidenceSchema>;

export const FleetFindingSchema = z.object({
  id: z.enum(FLEET_FINDING_IDS),
  severity: SeveritySchema,
  title: z.string().max(300),
  explanation: z.string().max(2000),
  /** The domain (or site) the finding is about; null when it spans the fleet. */
  scope: z.string().max(255).nullable(),
  /** The machines it is about, by name. */
  machines: z.array(z.string().max(255)),
  evidence: z.array(FleetEvidenceSchema).max(200),
  guidance: z.array(z.string().max(600)).max(10),
  sources: z.array(z.string().url()).max(10),
});
export type FleetFinding = z.infer<typeof FleetFindingSchema>;

/** Machines grouped by one per-machine cause. */
export const CauseGroupSchema = z.object({
  findingId: z.enum(FINDING_IDS),
  severity: SeveritySchema,
  title: z.string().max(200),
  count: z.number().int().nonnegative(),
  machines: z.array(z.string().max(255)),
});
export type CauseGroup = z.infer<typeof CauseGroupSchema>;

export const DomainGroupSchema = z.object({
  domain: z.string().max(255).nullable(),
  machines: z.number().int().nonnegative(),
  healthy: z.number().int().nonnegative(),
  problems: z.number().int().nonnegative(),
  cannotTell: z.number().int().nonnegative(),
});
export type DomainGroup = z.infer<typeof DomainGroupSchema>;

export const UnreadableSchema = z.object({ source: z.string().max(500), reason: z.string().max(2000) });
export type Unreadable = z.infer<typeof UnreadableSchema>;

export const FleetDiagnosisSchema = z.object({
  format: z.literal(FLEET_FORMAT),
  version: z.literal(FLEET_VERSION),
  totals: z.object({
    machines: z.number().int().nonnegative(),
    healthy: z.number().int().nonnegative(),
    problems: z.number().int().nonnegative(),
    cannotTell: z.number().int().nonnegative(),
    unreadable: z.number().int().nonnegative(),
  }),
  verdicts: z.record(VerdictKindSchema, z.number().int().nonnegative()),
  fleetFindings: z.array(FleetFindingSchema),
  /** Per-machine causes (warnings and blockers), most machines first. */
  causes: z.array(CauseGroupSchema),
  domains: z.array(DomainGroupSchema),
  machines: z.array(MachineSummarySchema),
  unreadable: z.array(UnreadableSchema),
});
export type FleetDiagnosis = z.infer<typeof FleetDiagnosisSchema>;

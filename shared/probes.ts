/**
 * The probes that make up a snapshot, and the progress events they stream while a check runs
 * (the UI's live checklist and the CLI's progress lines are both driven by these).
 */
import { z } from './zod';
import { UnavailableReasonSchema, WINDOWS_FACT_KEYS, WINDOWS_FACT_TITLES, type Fact, type Snapshot, type WindowsFactKey } from './snapshot';

const OTHER_PROBES = [
  { id: 'azure', title: 'Azure virtual machine (Instance Metadata Service)' },
  { id: 'network.srv', title: 'DNS records for KMS (_vlmcs._tcp)' },
  { id: 'network.kmsHosts', title: 'KMS hosts answer on their port' },
  { id: 'network.time', title: 'Clock offset to the KMS hosts' },
  { id: 'network.activationEndpoints', title: "Microsoft's activation servers (HTTPS)" },
] as const;

/** A Windows probe's id: `windows.` and the key of the fact it fills (main/probes/windows/registry.ts). */
export type WindowsProbeId = `windows.${WindowsFactKey}`;
export type ProbeId = WindowsProbeId | (typeof OTHER_PROBES)[number]['id'];
export interface ProbeInfo {
  id: ProbeId;
  title: string;
}

export const windowsProbeId = (key: WindowsFactKey): WindowsProbeId => `windows.${key}`;

/** Every probe of a snapshot in checklist order: the Windows facts (from the snapshot schema), then Azure and the network. */
export const PROBES: readonly ProbeInfo[] = [
  ...WINDOWS_FACT_KEYS.map((key) => ({ id: windowsProbeId(key), title: WINDOWS_FACT_TITLES[key] })),
  ...OTHER_PROBES,
];

/** The fact a probe fills in a snapshot. */
export function probeFact(snapshot: Snapshot, id: ProbeId): Fact<unknown> {
  switch (id) {
    case 'azure': return snapshot.azure;
    case 'network.srv': return snapshot.network.srv;
    case 'network.kmsHosts': return snapshot.network.kmsHosts;
    case 'network.time': return snapshot.network.time;
    case 'network.activationEndpoints': return snapshot.network.activationEndpoints;
    default: return snapshot.windows[id.slice('windows.'.length) as WindowsFactKey];
  }
}

export const PROBE_IDS = PROBES.map((p) => p.id) as [ProbeId, ...ProbeId[]];
export const probeTitle = (id: ProbeId): string => PROBES.find((p) => p.id === id)?.title ?? id;

/**
 * A Windows fact that does not apply to this computer (the KMS firewall rule on a client) is left
 * out of the checklist, the progress lines and the text output: there is nothing to check.
 */
export const isHiddenFact = (id: ProbeId, reason: string | null | undefined): boolean => id.startsWith('windows.') && reason === 'not-applicable';

export const ProbeIdSchema = z.enum(PROBE_IDS);

export const ProbeEventSchema = z.discriminatedUnion('state', [
  z.object({ runId: z.string().max(64), probe: ProbeIdSchema, state: z.literal('started'), at: z.number() }),
  z.object({
    runId: z.string().max(64),
    probe: ProbeIdSchema,
    state: z.literal('finished'),
    at: z.number(),
    /** ok: read fine and nothing alarming; problem: read fine, shows a problem; unavailable: could not check. */
    outcome: z.enum(['ok', 'problem', 'unavailable']),
    /** One line for the checklist: "3 records, 1 target does not resolve" / "timed out after 3 s". */
    summary: z.string().max(300),
    reason: UnavailableReasonSchema.nullable(),
    durationMs: z.number().nonnegative(),
  }),
]);
export type ProbeEvent = z.infer<typeof ProbeEventSchema>;

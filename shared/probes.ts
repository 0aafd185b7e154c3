/**
 * The probes that make up a snapshot, and the progress events they stream while a check runs
 * (the UI's live checklist and the CLI's progress lines are both driven by these).
 */
import { z } from './zod';
import { UnavailableReasonSchema } from './snapshot';

export const PROBES = [
  { id: 'windows.os', title: 'Windows edition and version' },
  { id: 'windows.licensing', title: 'Licence state (SoftwareLicensingProduct)' },
  { id: 'windows.networkConfig', title: 'Domain and DNS settings' },
  { id: 'windows.services', title: 'Software Protection and Windows Time services' },
  { id: 'windows.events', title: 'Activation events (12288, 12289, 8198, 12290)' },
  { id: 'windows.elevation', title: 'Administrator rights' },
  { id: 'windows.firewall', title: 'KMS firewall rule (SPPSVC-In-TCP)' },
  { id: 'azure', title: 'Azure virtual machine (Instance Metadata Service)' },
  { id: 'network.srv', title: 'DNS records for KMS (_vlmcs._tcp)' },
  { id: 'network.kmsHosts', title: 'KMS hosts answer on their port' },
  { id: 'network.time', title: 'Clock offset to the KMS hosts' },
  { id: 'network.activationEndpoints', title: "Microsoft's activation servers (HTTPS)" },
] as const;

export type ProbeId = (typeof PROBES)[number]['id'];
export const PROBE_IDS = PROBES.map((p) => p.id) as [ProbeId, ...ProbeId[]];
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

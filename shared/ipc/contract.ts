/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every message is declared here once: its channel name, the zod schema of its request and the
 * zod schema of its response. The preload builds exactly one bridge method per entry, main
 * validates every request against the same schema, and the renderer validates every response.
 * Nothing else may cross the process boundary.
 */
import { z } from '../zod';
import { SnapshotSchema } from '../snapshot';
import { DiagnosisSchema } from '../diagnosis/types';
import { FixInfoSchema, FixOutcomeSchema, FixPreviewSchema } from '../fix-types';
import { FIX_IDS } from '../ids';
import { ProbeEventSchema } from '../probes';
import { FleetMachineIdSchema, FleetViewSchema } from '../fleet/view';

/** A channel name is a fixed, namespaced string; nothing user-supplied ever becomes one. */
const channel = <C extends `ad:${string}`>(name: C): C => name;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'linux', 'darwin', 'other']),
  /** Whether Windows facts can be read on this machine (false off Windows). */
  canProbeWindows: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const EmptyRequestSchema = z.undefined();

/** One line about this computer for the start page. */
export const ComputerStatusSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    computerName: z.string().max(255),
    edition: z.string().max(300),
    activated: z.boolean(),
    licenseStatusText: z.string().max(100),
    channel: z.string().max(60).nullable(),
    partialProductKey: z.string().max(5).nullable(),
  }),
  z.object({ available: z.literal(false), reason: z.string().max(500) }),
]);
export type ComputerStatus = z.infer<typeof ComputerStatusSchema>;

/** A check run: the renderer names it so it can cancel it and match progress events to it. */
const RunIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const ShortInput = z.string().max(300);

export const CheckResultSchema = z.object({ snapshot: SnapshotSchema, diagnosis: DiagnosisSchema });
export type CheckResult = z.infer<typeof CheckResultSchema>;

const FixRequestSchema = z.object({
  fixId: z.enum(FIX_IDS),
  inputs: z.record(z.string().max(40), ShortInput).refine((r) => Object.keys(r).length <= 5, 'too many inputs'),
});

/** Issued by main with each preview of this computer; a fix runs only with the token of its preview. */
export const PreviewTokenSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const contract = {
  getAppInfo: {
    channel: channel('ad:app:info'),
    request: EmptyRequestSchema,
    response: AppInfoSchema,
  },
  getComputerStatus: {
    channel: channel('ad:computer:status'),
    request: EmptyRequestSchema,
    response: ComputerStatusSchema,
  },
  runCheck: {
    channel: channel('ad:check:run'),
    request: z.object({
      runId: RunIdSchema,
      kms: ShortInput.nullable(),
      domain: ShortInput.nullable(),
      reportedCode: ShortInput.nullable(),
      /** Also check Microsoft's online-activation servers (the "activate online" journey). */
      checkOnline: z.boolean().optional(),
    }),
    response: CheckResultSchema,
  },
  getInstallationId: {
    channel: channel('ad:phone:iid'),
    request: EmptyRequestSchema,
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), installationId: z.string().regex(/^\d{40,80}$/), groups: z.array(z.string().regex(/^\d+$/)).max(12) }),
      z.object({ ok: z.literal(false), reason: z.string().max(500) }),
    ]),
  },
  cancelCheck: {
    channel: channel('ad:check:cancel'),
    request: z.object({ runId: RunIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  },
  listFixes: {
    channel: channel('ad:fix:list'),
    request: EmptyRequestSchema,
    response: z.array(FixInfoSchema),
  },
  previewFix: {
    channel: channel('ad:fix:preview'),
    request: FixRequestSchema.extend({ source: z.enum(['this-computer', 'snapshot']) }),
    response: z.discriminatedUnion('kind', [
      // token: null for a snapshot of another computer, where nothing can run.
      z.object({ kind: z.literal('preview'), preview: FixPreviewSchema, token: PreviewTokenSchema.nullable() }),
      z.object({ kind: z.literal('invalid'), input: z.string().max(80), message: z.string().max(500) }),
    ]),
  },
  runFix: {
    channel: channel('ad:fix:run'),
    // previewToken: the token that came with the preview the technician confirmed (main/preview-tokens.ts).
    request: FixRequestSchema.extend({ override: z.boolean(), source: z.enum(['this-computer', 'snapshot']), previewToken: PreviewTokenSchema }),
    response: z.object({ outcome: FixOutcomeSchema, after: CheckResultSchema.nullable() }),
  },
  getVolumeActivationRole: {
    channel: channel('ad:kms:role'),
    request: EmptyRequestSchema,
    response: z.object({ state: z.enum(['installed', 'not-installed', 'unknown']), detail: z.string().max(500) }),
  },
  exportReport: {
    channel: channel('ad:report:export'),
    request: z.object({ format: z.enum(['html', 'json']) }),
    response: z.object({ saved: z.boolean(), path: z.string().max(1000).nullable() }),
  },
  openSnapshot: {
    channel: channel('ad:snapshot:open'),
    request: EmptyRequestSchema,
    response: z.discriminatedUnion('opened', [
      z.object({ opened: z.literal(false) }),
      z.object({ opened: z.literal(true), fileName: z.string().max(260), source: z.enum(['snapshot', 'collector']), result: CheckResultSchema }),
    ]),
  },
  /** Main asks for a folder (the OS dialog), keeps it, and answers with the fleet (shared/fleet/view.ts). */
  openFleetFolder: {
    channel: channel('ad:fleet:open'),
    request: EmptyRequestSchema,
    response: z.discriminatedUnion('opened', [
      z.object({ opened: z.literal(false) }),
      z.object({ opened: z.literal(true), folderName: z.string().max(260), fleet: FleetViewSchema }),
    ]),
  },
  /** One machine of the folder last opened, by the id main gave it there: its full diagnosis, read-only. */
  openFleetMachine: {
    channel: channel('ad:fleet:machine'),
    request: z.object({ machine: FleetMachineIdSchema }),
    response: z.object({ name: z.string().max(255), fileName: z.string().max(500), result: CheckResultSchema }),
  },
} as const;

/** Messages main sends to the renderer (progress), each validated on both sides like requests. */
export const events = {
  probeProgress: { channel: channel('ad:event:probe'), payload: ProbeEventSchema },
} as const;
export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]['payload']>;

export type Contract = typeof contract;
export type MessageName = keyof Contract;
export type RequestOf<N extends MessageName> = z.input<Contract[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<Contract[N]['response']>;

/** Errors that can come back instead of a response. The code is a stable contract. */
export const IpcErrorCodeSchema = z.enum([
  'invalid-request',
  'invalid-response',
  'untrusted-sender',
  'unknown-message',
  'busy',
  'failed',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  /** Plain words for a technician: what failed and what to do next. */
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** Every reply is an envelope, so a failure is a value and never an exception across the bridge. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const envelopeSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);

/** The API the preload exposes on `window.activationDoctor`: one method per message, one subscriber per event. */
export type BridgeApi = {
  [N in MessageName]: RequestOf<N> extends undefined
    ? () => Promise<Envelope<ResponseOf<N>>>
    : (request: RequestOf<N>) => Promise<Envelope<ResponseOf<N>>>;
} & {
  /** Subscribes to probe progress; returns the function that unsubscribes. */
  onProbeProgress: (listener: (event: EventPayload<'probeProgress'>) => void) => () => void;
};

export const messageNames = Object.keys(contract) as MessageName[];

/** Readable one-line summary of a zod failure, naming the offending field. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the data did not match the expected shape';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'the request';
  return `${path}: ${issue.message}`;
}

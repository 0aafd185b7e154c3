/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every message is declared here once: its channel name, the zod schema of its request and the
 * zod schema of its response. The preload builds exactly one bridge method per entry, main
 * validates every request against the same schema, and the renderer validates every response.
 * Nothing else may cross the process boundary.
 */
import { z } from 'zod';

// zod compiles fast-path validators with `new Function`, which the renderer's CSP (rightly)
// forbids. Every process that loads the contract validates without code generation.
z.config({ jitless: true });

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

export const contract = {
  getAppInfo: {
    channel: channel('ad:app:info'),
    request: EmptyRequestSchema,
    response: AppInfoSchema,
  },
} as const;

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

/** The API the preload exposes on `window.activationDoctor`: one method per message. */
export type BridgeApi = {
  [N in MessageName]: RequestOf<N> extends undefined
    ? () => Promise<Envelope<ResponseOf<N>>>
    : (request: RequestOf<N>) => Promise<Envelope<ResponseOf<N>>>;
};

export const messageNames = Object.keys(contract) as MessageName[];

/** Readable one-line summary of a zod failure, naming the offending field. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the data did not match the expected shape';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'the request';
  return `${path}: ${issue.message}`;
}

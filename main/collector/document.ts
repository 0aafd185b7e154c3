/**
 * The file the collector script writes (main/collector/script.ts), as zod: what is checked before
 * a single value is used. It is ConvertTo-Json output of Windows PowerShell 3.0 to 5.1, so arrays
 * may arrive in any of the layouts those versions write (see psArray); sizes are bounded like the
 * snapshot's. The probes' own output under `raw` is checked later, by the app's own collector
 * schemas (main/collector/windows-facts.ts), exactly as if the app's runner had read it.
 */
import { z } from 'zod';
import { KmsHostSourceSchema, SrvDomainSourceSchema, WINDOWS_FACT_KEYS, type WindowsFactKey } from '../../shared/snapshot';
import { psArray } from '../probes/windows/normalise';

export const COLLECTOR_FORMAT = 'activation-doctor/collector';
/**
 * 2: the embedded probes are the probe registry's (main/probes/windows/registry.ts); a probe a
 * version-1 script did not have is simply absent from `raw` and `durationsMs` (read as "not collected").
 */
export const COLLECTOR_VERSION = 2;
export const COLLECTOR_VERSIONS_READ = [1, 2] as const;

/** A list as Windows PowerShell writes it (one element unrolled, none as null), at most `max` long. */
const list = <T extends z.ZodType>(item: T, max: number, min = 0) =>
  psArray(item)
    .refine((items) => items.length <= max, { message: `at most ${max} entries` })
    .refine((items) => items.length >= min, { message: `at least ${min} entry` });

const Duration = z.number().finite().nonnegative();
const Message = z.string().max(4000).nullish();
const Base64 = z.string().max(2000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const Port = z.number().int().min(1).max(65535);

/** How a name resolved on that computer: its addresses, or what Windows said instead. */
export const RawResolutionSchema = z.object({
  addresses: list(z.string().max(64), 32),
  /** timeout: no answer in time; socket: a SocketError (socketError); failed: anything else. */
  error: z.enum(['timeout', 'socket', 'failed']).nullable(),
  socketError: z.string().max(60).nullish(),
  errorCode: z.number().int().nullish(),
  message: Message,
});
export type RawResolution = z.output<typeof RawResolutionSchema>;

export const RawSrvRecordSchema = z.object({
  target: z.string().max(300),
  port: z.number().int().min(0).max(65535),
  priority: z.number().int().min(0).max(65535),
  weight: z.number().int().min(0).max(65535),
  /** null for a "." target, which is not looked up. */
  resolve: RawResolutionSchema.nullable(),
});

export const RawSrvLookupSchema = z.object({
  domain: z.string().max(255),
  sources: list(SrvDomainSourceSchema, 6, 1),
  /** answered: Resolve-DnsName returned (records may be empty); failed: it threw (errorId). */
  status: z.enum(['answered', 'failed']),
  records: list(RawSrvRecordSchema, 64),
  /** Resolve-DnsName's FullyQualifiedErrorId, e.g. DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName. */
  errorId: z.string().max(400).nullish(),
  /** Win32Exception.NativeErrorCode, e.g. 9003. */
  errorCode: z.number().int().nullish(),
  message: Message,
  durationMs: Duration,
});
export type RawSrvLookup = z.output<typeof RawSrvLookupSchema>;

const socketFailure = {
  socketError: z.string().max(60).nullish(),
  errorCode: z.number().int().nullish(),
  message: Message,
};

export const RawTcpAttemptSchema = z.object({
  address: z.string().max(64),
  outcome: z.enum(['open', 'timed-out', 'failed']),
  /** How long this attempt was allowed to wait. */
  waitedMs: Duration,
  latencyMs: Duration.nullish(),
  ...socketFailure,
});
export type RawTcpAttempt = z.output<typeof RawTcpAttemptSchema>;

export const RawTcpCheckSchema = z.object({
  host: z.string().max(255),
  port: Port,
  sources: list(KmsHostSourceSchema, 6, 1),
  /** Why the contact policy kept the script from this host (no lookup, no attempt); absent in files of scripts without the policy. */
  notContacted: z.enum(['outside', 'unclear']).nullish(),
  resolve: RawResolutionSchema,
  attempts: list(RawTcpAttemptSchema, 32),
  durationMs: Duration,
});
export type RawTcpCheck = z.output<typeof RawTcpCheckSchema>;

export const RawTimeAttemptSchema = z.discriminatedUnion('outcome', [
  z.object({
    address: z.string().max(64),
    outcome: z.literal('reply'),
    waitedMs: Duration,
    /** Our 48-byte request (T1 in its transmit timestamp) and the reply, as sent and received. */
    request: Base64,
    reply: Base64,
    /** When the reply arrived (T4), milliseconds since 1970 on that computer's clock. */
    t4UnixMs: z.number().finite(),
    ...socketFailure,
  }),
  z.object({
    address: z.string().max(64),
    outcome: z.enum(['no-answer', 'failed']),
    waitedMs: Duration,
    request: Base64.nullish(),
    reply: Base64.nullish(),
    t4UnixMs: z.number().finite().nullish(),
    ...socketFailure,
  }),
]);
export type RawTimeAttempt = z.output<typeof RawTimeAttemptSchema>;

export const RawTimeCheckSchema = z.object({
  host: z.string().max(255),
  port: Port,
  resolve: RawResolutionSchema,
  attempts: list(RawTimeAttemptSchema, 32),
  durationMs: Duration,
});
export type RawTimeCheck = z.output<typeof RawTimeCheckSchema>;

/** Whatever it holds: the probe's output is judged by the probe's own schema. */
const probeOutput: z.ZodType<unknown> = z.unknown();

/**
 * One entry per registered Windows probe. A file from an older script lacks the probes added since
 * (main/collector/windows-facts.ts reads those as "not collected"); unknown keys are dropped.
 */
const perProbe = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(WINDOWS_FACT_KEYS.map((key) => [key, value.optional()])) as Record<WindowsFactKey, z.ZodOptional<T>>);

export const CollectorDocumentSchema = z.object({
  format: z.literal(COLLECTOR_FORMAT),
  version: z.union(COLLECTOR_VERSIONS_READ.map((v) => z.literal(v))),
  /** When the run started, that computer's clock, UTC (DateTime.ToString('o')). */
  takenAt: z.string().max(40),
  generator: z.object({ name: z.literal('activation-doctor'), version: z.string().max(40) }),
  computerName: z.string().max(255).nullable(),
  psVersion: z.string().max(40),
  windowsFactsVia: z.enum(['cim', 'wmi']),
  options: z.object({
    kmsHost: z.string().max(300).nullable(),
    domain: z.string().max(255).nullable(),
    ntpPort: Port,
    timeoutMs: z.number().int().min(100).max(120_000),
  }),
  durationsMs: perProbe(Duration),
  network: z.object({
    /** False where Resolve-DnsName does not exist (before Windows 8 / Server 2012). */
    srvAvailable: z.boolean(),
    srvDetail: z.string().max(2000).nullish(),
    srv: list(RawSrvLookupSchema, 32),
    tcp: list(RawTcpCheckSchema, 64),
    time: list(RawTimeCheckSchema, 64),
  }),
  durationMs: Duration,
  /** Each embedded probe's output, exactly as it printed it. */
  raw: perProbe(probeOutput),
});
export type CollectorDocument = z.output<typeof CollectorDocumentSchema>;

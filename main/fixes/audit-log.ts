/**
 * The append-only audit log: one JSON line before a fix runs (written and flushed to disk first,
 * so it survives a crash mid-fix) and one after, with the state before and after. Product keys
 * only ever appear as their last five characters; confirmation IDs only as their last group.
 *
 * Default place: %ProgramData%\ActivationDoctor\audit.jsonl on Windows; override with the
 * AD_AUDIT_LOG environment variable or the `path` option.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const AuditStateSchema = z.object({
  licenseStatus: z.string().nullable(),
  channel: z.string().nullable(),
  partialProductKey: z.string().nullable(),
  kmsHost: z.string().nullable(),
  sppsvc: z.string().nullable(),
  w32time: z.string().nullable(),
});
export type AuditState = z.infer<typeof AuditStateSchema>;

export const AuditRecordSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('before'),
    time: z.string(),
    runId: z.string(),
    fixId: z.string(),
    inputs: z.record(z.string(), z.string()),
    commands: z.array(z.string()),
    override: z.boolean(),
    state: AuditStateSchema.nullable(),
  }),
  z.object({
    event: z.literal('after'),
    time: z.string(),
    runId: z.string(),
    fixId: z.string(),
    result: z.object({ status: z.string(), code: z.string().nullable(), message: z.string() }),
    state: AuditStateSchema.nullable(),
    problemGone: z.boolean().nullable(),
  }),
]);
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** Matches a full 25-character product key anywhere in a line, with or without dashes. */
const FULL_KEY = /\b[0-9A-Z]{5}(?:-?[0-9A-Z]{5}){4}\b/gi;

/** Last line of defence: no full product key is ever written, whatever a caller passed in. */
export function redactKeys(line: string): string {
  return line.replace(FULL_KEY, (key) => `*****-*****-*****-*****-${key.replace(/-/g, '').slice(-5).toUpperCase()}`);
}

export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AD_AUDIT_LOG) return env.AD_AUDIT_LOG;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'ActivationDoctor', 'audit.jsonl');
  return join(env.XDG_STATE_HOME ?? join(env.HOME ?? '.', '.local', 'state'), 'activation-doctor', 'audit.jsonl');
}

export class AuditLog {
  constructor(readonly path: string = defaultAuditLogPath()) {}

  /** Appends one record and flushes it to disk before returning. */
  append(record: AuditRecord): void {
    const checked = AuditRecordSchema.parse(record);
    mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a', 0o640);
    try {
      writeSync(fd, `${redactKeys(JSON.stringify(checked))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every record that parses; a torn last line (power loss) is skipped, not fatal. */
  read(): AuditRecord[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    const records: AuditRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = AuditRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // A partial line from a crash: skip it.
      }
    }
    return records;
  }
}

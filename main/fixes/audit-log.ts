/**
 * The append-only audit log: one JSON line before a fix runs (written and flushed to disk first,
 * so it survives a crash mid-fix) and one after, with the state before and after. Product keys
 * only ever appear as their last five characters; confirmation IDs only as their last group.
 *
 * The app runs as administrator and a standard user shares the machine, so the log must not be
 * redirectable or forgeable by that user (docs/security.md):
 * - before every write the folder guard (audit-folder.ts) checks the folder: on Windows
 *   %ProgramData%\ActivationDoctor as Windows reports it, owned by SYSTEM or Administrators with a
 *   protected DACL, never a junction;
 * - the file is opened without following links (O_NOFOLLOW; on Windows a link is refused first)
 *   and must be a plain file with one name (no hard link to another file);
 * - reading back is capped (the newest MAX_AUDIT_READ_BYTES) and every line must match the strict
 *   schema: lines that do not are counted and reported as such, never shown as fixes applied;
 * - packaged builds ignore AD_AUDIT_LOG (and, on Windows, never take ProgramData from the
 *   environment at all).
 */
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AuditRecordSchema, type AuditRecord } from '../../shared/audit-record';
import { posixAuditFolderGuard, UntrustedAuditFolderError, type AuditFolderGuard } from './audit-folder';

export { AuditRecordSchema, AuditStateSchema, type AuditRecord, type AuditState } from '../../shared/audit-record';

/** The newest part of the log that is read back (about 5 000 fix runs). */
export const MAX_AUDIT_READ_BYTES = 2 * 1024 * 1024;
const AUDIT_FILE = 'audit.jsonl';

export interface AuditReadResult {
  /** Records that match the schema, oldest first. */
  records: AuditRecord[];
  /** Lines that are not records Activation Doctor writes (edited, forged or damaged). */
  rejected: number;
  /** Older records were left out: the log is larger than MAX_AUDIT_READ_BYTES. */
  truncated: boolean;
}

/** Matches a full 25-character product key anywhere in a line, with or without dashes. */
const FULL_KEY = /\b[0-9A-Z]{5}(?:-?[0-9A-Z]{5}){4}\b/gi;

/** Last line of defence: no full product key is ever written, whatever a caller passed in. */
export function redactKeys(line: string): string {
  return line.replace(FULL_KEY, (key) => `*****-*****-*****-*****-${key.replace(/-/g, '').slice(-5).toUpperCase()}`);
}

/**
 * Where the log goes. null: the folder guard decides (Windows: %ProgramData%\ActivationDoctor from
 * Windows' known folder). AD_AUDIT_LOG is for development and tests, ignored by packaged builds.
 */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, packaged = false): string | null {
  if (!packaged && env.AD_AUDIT_LOG) return env.AD_AUDIT_LOG;
  if (platform === 'win32') return null;
  return join(env.XDG_STATE_HOME ?? join(env.HOME ?? '.', '.local', 'state'), 'activation-doctor', AUDIT_FILE);
}

export interface AuditLogOptions {
  /** Checks the folder before every write; defaults to the POSIX check off Windows. */
  guard?: AuditFolderGuard;
  maxReadBytes?: number;
  platform?: NodeJS.Platform;
}

export class AuditLog {
  private readonly guard: AuditFolderGuard;
  private readonly maxReadBytes: number;
  private readonly platform: NodeJS.Platform;
  private resolved: string | null;

  constructor(private readonly configured: string | null = defaultAuditLogPath(), options: AuditLogOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.guard = options.guard ?? (this.platform === 'win32' ? noWindowsGuard : posixAuditFolderGuard());
    this.maxReadBytes = options.maxReadBytes ?? MAX_AUDIT_READ_BYTES;
    this.resolved = configured;
  }

  /** The log file, once known (on Windows without a configured path: after the first check). */
  get path(): string | null {
    return this.resolved;
  }

  /** Checks the folder, then appends one record and flushes it to disk before returning. */
  async append(record: AuditRecord): Promise<void> {
    const checked = AuditRecordSchema.parse(record);
    const path = await this.locate();
    const fd = openNoFollow(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, this.platform);
    try {
      writeSync(fd, `${redactKeys(JSON.stringify(checked))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Every record that parses (see readChecked); for callers that know the path. */
  read(): AuditRecord[] {
    return this.readChecked().records;
  }

  /** The records, how many lines were rejected, and whether older ones were left out. */
  readChecked(): AuditReadResult {
    if (this.resolved === null) return { records: [], rejected: 0, truncated: false };
    let fd: number;
    try {
      fd = openNoFollow(this.resolved, constants.O_RDONLY, this.platform);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], rejected: 0, truncated: false };
      throw error;
    }
    let text: string;
    let truncated: boolean;
    try {
      const size = fstatSync(fd).size;
      truncated = size > this.maxReadBytes;
      const length = Math.min(size, this.maxReadBytes);
      const buffer = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, size - length + read);
        if (n === 0) break;
        read += n;
      }
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
    const lines = text.split('\n');
    // Cut into the middle of a line when capped: that first piece is not a record.
    if (truncated) lines.shift();
    // The last piece has no newline: empty, or a line torn by a crash mid-write (not a forgery).
    lines.pop();
    const records: AuditRecord[] = [];
    let rejected = 0;
    for (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = AuditRecordSchema.safeParse(parseJson(line));
      if (parsed.success) records.push(parsed.data);
      else rejected += 1;
    }
    return { records, rejected, truncated };
  }

  /** Like readChecked, but first finds the log on Windows (through the folder guard). */
  async inspect(): Promise<AuditReadResult> {
    if (this.resolved === null) {
      try {
        await this.locate();
      } catch {
        return { records: [], rejected: 0, truncated: false };
      }
    }
    return this.readChecked();
  }

  private async locate(): Promise<string> {
    const folder = await this.guard.secure(this.configured === null ? null : dirname(this.configured));
    this.resolved = this.configured ?? join(folder, AUDIT_FILE);
    return this.resolved;
  }
}

const noWindowsGuard: AuditFolderGuard = {
  secure: () => Promise.reject(new UntrustedAuditFolderError('the audit log folder cannot be checked: this build has no PowerShell folder check wired in')),
};

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Opens the log without following a link: O_NOFOLLOW where the OS has it; on Windows (which has
 * not) a link is refused before opening, and the folder guard has already made the folder
 * writable by administrators only, so nothing can be swapped in between. The file must be a
 * plain file with a single name: a hard link would make the app write into another file.
 */
function openNoFollow(path: string, flags: number, platform: NodeJS.Platform): number {
  const noFollow = platform === 'win32' ? 0 : (constants.O_NOFOLLOW ?? 0);
  if (noFollow === 0) {
    try {
      if (lstatSync(path).isSymbolicLink()) throw refuse(path, 'it is a link to another file');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  let fd: number;
  try {
    fd = openSync(path, flags | noFollow, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw refuse(path, 'it is a link to another file');
    throw error;
  }
  const stat = fstatSync(fd);
  if (!stat.isFile() || stat.nlink > 1) {
    closeSync(fd);
    throw refuse(path, stat.isFile() ? 'it has a second name (a hard link) elsewhere' : 'it is not a plain file');
  }
  return fd;
}

function refuse(path: string, why: string): UntrustedAuditFolderError {
  return new UntrustedAuditFolderError(`The audit log ${path} cannot be used: ${why}. Nothing was changed. Remove ${basename(path)} as an administrator and run the fix again.`);
}

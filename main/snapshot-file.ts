/**
 * Reads a file a technician brings: an Activation Doctor snapshot (`activation-doctor snapshot
 * --out`, the app's export) or a collector file (what the collector script wrote on another
 * computer), converted to a snapshot with the app's own rules (main/collector/bundle.ts).
 *
 * Files come from anywhere and are untrusted: the size is limited, the encoding is checked, the
 * JSON is validated before a value is used, and every refusal is one line naming the problem.
 * Windows tools add byte-order marks (PowerShell 5.1's Set-Content -Encoding UTF8 writes UTF-8
 * with one, its Out-File and > write UTF-16LE with one): those are read too.
 */
import { CollectorDocumentSchema, COLLECTOR_FORMAT, COLLECTOR_VERSION } from './collector/document';
import { collectorToSnapshot } from './collector/bundle';
import { MAX_SNAPSHOT_BYTES, parseSnapshotJson, type Snapshot } from '../shared/snapshot';

export type SnapshotFileResult = { ok: true; snapshot: Snapshot; source: 'snapshot' | 'collector' } | { ok: false; message: string };
export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

const MB = MAX_SNAPSHOT_BYTES / 1024 / 1024;
const tooLarge = (size: string) => `the file is ${size}; a snapshot is a few tens of kilobytes and the limit is ${MB} MB, so this is not one`;

function decode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, name: string): DecodedText {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, message: `the file is not valid ${name} text; save it as UTF-8 and try again` };
  }
}

/** The file's bytes as text: UTF-8 (with or without a BOM) or UTF-16 with a BOM. */
export function decodeSnapshotBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_SNAPSHOT_BYTES) return { ok: false, message: tooLarge(`${Math.round(bytes.length / 1024)} KB`) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2), 'UTF-16');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2), 'UTF-16');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3), 'UTF-8');
  return decode('utf-8', bytes, 'UTF-8');
}

function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { format?: unknown }).format : undefined;
}

function readCollector(json: object): SnapshotFileResult {
  const version = (json as { version?: unknown }).version;
  if (version !== COLLECTOR_VERSION) {
    return { ok: false, message: `collector file version ${JSON.stringify(version)?.slice(0, 20) ?? 'missing'} is not supported (this build reads version ${COLLECTOR_VERSION}); generate a new script with activation-doctor collector` };
  }
  const parsed = CollectorDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the document';
    return { ok: false, message: `the collector file is malformed at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  const converted = collectorToSnapshot(parsed.data);
  return converted.ok ? { ok: true, snapshot: converted.snapshot, source: 'collector' } : converted;
}

/** Text already decoded (a leading BOM is tolerated) → a snapshot, whichever kind of file it was. */
export function readSnapshotText(text: string): SnapshotFileResult {
  if (text.length > MAX_SNAPSHOT_BYTES) return { ok: false, message: tooLarge(`${Math.round(text.length / 1024)} K characters long`) };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // UTF-16 read as if it were UTF-8 keeps a NUL after every ASCII character.
  if (body.includes('\u0000')) return { ok: false, message: 'the file contains NUL characters: it is UTF-16 text that was read as UTF-8; open the file itself (diagnose --snapshot reads UTF-16) or save it as UTF-8' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, message: `the file is not JSON (${error instanceof Error ? error.message : 'parse error'})` };
  }
  if (formatOf(json) === COLLECTOR_FORMAT) return readCollector(json as object);
  // Everything else is judged as a snapshot, with the snapshot reader's own messages.
  const snapshot = parseSnapshotJson(body);
  return snapshot.ok ? { ok: true, snapshot: snapshot.snapshot, source: 'snapshot' } : snapshot;
}

/** A file's bytes → a snapshot. */
export function readSnapshotBytes(bytes: Uint8Array): SnapshotFileResult {
  const decoded = decodeSnapshotBytes(bytes);
  return decoded.ok ? readSnapshotText(decoded.text) : decoded;
}

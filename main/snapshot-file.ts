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
import { CollectorDocumentSchema, COLLECTOR_FORMAT, COLLECTOR_VERSIONS_READ } from './collector/document';
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

/**
 * The shape limits of a snapshot or collector file, checked in one pass before JSON.parse. Real
 * files nest under 10 levels and hold a few thousand values; JSON.parse and the schema walk cost
 * time and memory per level and per value, so 5 MB of `[` took seconds and hundreds of megabytes
 * before these checks, and 5 MB of `0,` about a second.
 */
export const MAX_NESTING_DEPTH = 64;
export const MAX_JSON_VALUES = 200_000;
/** No list in a snapshot or collector file is longer than 255 items (the schemas' own caps). */
export const MAX_ARRAY_ITEMS = 1024;

export interface JsonShape {
  depth: number;
  /** Values in arrays and objects (separators + 1 per container), a bound on JSON.parse's work. */
  values: number;
  /** Items in the longest array. */
  longestArray: number;
}

/**
 * The nesting depth, value count and longest array of JSON text, found without building anything
 * (strings and their escapes are skipped, so a `[` inside a string does not count). Stops once a
 * limit is passed.
 */
export function scanJsonShape(text: string, limits = { depth: MAX_NESTING_DEPTH, values: MAX_JSON_VALUES, arrayItems: MAX_ARRAY_ITEMS }): JsonShape {
  let depth = 0;
  let deepest = 0;
  let values = 0;
  let longestArray = 0;
  let inString = false;
  // Per open container: item count for arrays, -1 for objects (depth is bounded by the limit).
  const items: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      values++;
      if (depth > deepest) deepest = depth;
      items[depth] = c === 0x5b ? 1 : -1;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c) {
      values++;
      const open = items[depth];
      if (open !== undefined && open >= 0) {
        items[depth] = open + 1;
        if (open + 1 > longestArray) longestArray = open + 1;
      }
    } else continue;
    if (deepest > limits.depth || values > limits.values || longestArray > limits.arrayItems) break;
  }
  return { depth: deepest, values, longestArray };
}

/** Kept for callers that only ask for the depth. */
export const jsonNestingDepth = (text: string, limit = MAX_NESTING_DEPTH): number => scanJsonShape(text, { depth: limit, values: Number.POSITIVE_INFINITY, arrayItems: Number.POSITIVE_INFINITY }).depth;

function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { format?: unknown }).format : undefined;
}

function readCollector(json: object): SnapshotFileResult {
  const version = (json as { version?: unknown }).version;
  if (!(COLLECTOR_VERSIONS_READ as readonly unknown[]).includes(version)) {
    return { ok: false, message: `collector file version ${JSON.stringify(version)?.slice(0, 20) ?? 'missing'} is not supported (this build reads versions ${COLLECTOR_VERSIONS_READ.join(' and ')}); generate a new script with activation-doctor collector` };
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
  // Before anything recursive touches it: a file nested deeper than any snapshot is refused at once.
  const shape = scanJsonShape(body);
  if (shape.depth > MAX_NESTING_DEPTH) {
    return { ok: false, message: `the file nests brackets more than ${MAX_NESTING_DEPTH} levels deep; a snapshot nests fewer than 10, so this is not one` };
  }
  if (shape.longestArray > MAX_ARRAY_ITEMS) {
    return { ok: false, message: `the file has a list of more than ${MAX_ARRAY_ITEMS} items; no list in a snapshot is that long, so this is not one` };
  }
  if (shape.values > MAX_JSON_VALUES) {
    return { ok: false, message: `the file holds more than ${MAX_JSON_VALUES.toLocaleString('en-US')} values; a snapshot holds a few thousand, so this is not one` };
  }
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

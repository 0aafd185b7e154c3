/**
 * Building blocks shared by the Windows collectors: zod pieces for what Windows PowerShell 5.1's
 * ConvertTo-Json writes, and the normalisations the snapshot promises (WMI's 4294967295
 * "not applicable" becomes null, HRESULTs are unsigned, times are ISO-8601 UTC, "" is null).
 */
import { z } from 'zod';

/** A string property: CIM and the registry give null or "" for "not set". */
export const psText = z.string().nullish();
/** A numeric property. uint32 arrives as a number; registry and some CIM values as digit strings. */
export const psNumber = z.union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)]).nullish();
/** A boolean property (CIM boolean), tolerating 0/1. */
export const psBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)]).nullish();

/**
 * An array as 5.1 may write it: a real array, a single element (PowerShell unrolls one-element
 * pipelines), nothing at all, or the `{"value": [...], "Count": n}` wrapper 5.1 produces for
 * arrays that carry extended-type data.
 */
export function psArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value;
    if (typeof value === 'object' && 'value' in value && Array.isArray((value as { value: unknown }).value)) return (value as { value: unknown[] }).value;
    return [value];
  }, z.array(item));
}

const UINT32_MAX = 0xffffffff;

/** A uint32 that uses 4294967295 (and -1 from signed readers) for "not applicable". */
export function uint32(value: number | string | null | undefined): number | null {
  const n = toInteger(value);
  if (n === null) return null;
  const unsigned = n < 0 && n >= -0x80000000 ? n + 0x100000000 : n;
  if (unsigned < 0 || unsigned >= UINT32_MAX) return null;
  return unsigned;
}

/** An HRESULT as an unsigned 32-bit number, from a number (possibly negative) or "0x..." text. */
export function hresult(value: number | string | null | undefined): number | null {
  if (typeof value === 'string') {
    const hex = /^\s*0x([0-9a-f]{1,8})\s*$/i.exec(value);
    if (hex?.[1]) return Number.parseInt(hex[1], 16);
  }
  const n = toInteger(value);
  if (n === null || n < -0x80000000 || n > UINT32_MAX) return null;
  return n >>> 0;
}

function toInteger(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** A non-negative count or number of minutes; sentinels and negatives become null. */
export const count = (value: number | string | null | undefined): number | null => uint32(value);

/** A TCP port: 0 (WMI's "not set") and anything out of range become null. */
export function port(value: number | string | null | undefined): number | null {
  const n = uint32(value);
  return n !== null && n >= 1 && n <= 65535 ? n : null;
}

/** Trimmed text, "" as null, cut to the snapshot's limit. */
export function text(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

/** Like text(), but never null (for fields the snapshot requires). */
export const requiredText = (value: string | null | undefined, max: number, fallback = ''): string => text(value, max) ?? fallback;

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** A GUID in lower case without braces, or null. */
export function guid(value: string | null | undefined): string | null {
  const match = GUID.exec((value ?? '').trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}

export function bool(value: boolean | 0 | 1 | null | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1;
}

/** WMI's "never" is 1601-01-01 (the FILETIME epoch); anything before 1700 is treated as unset. */
const EARLIEST_REAL_TIME = Date.UTC(1700, 0, 1);

/**
 * ISO-8601 UTC with milliseconds, from what the scripts write (DateTime.ToString('o')) or from a
 * 5.1 `\/Date(ms)\/` string; unset dates (year 1601) become null.
 */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const msDate = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value.trim());
  const ms = msDate?.[1] ? Number(msDate[1]) : Date.parse(value.trim());
  if (!Number.isFinite(ms) || ms < EARLIEST_REAL_TIME) return null;
  return new Date(ms).toISOString();
}

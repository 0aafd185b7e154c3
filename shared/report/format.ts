/**
 * How the report writes values: times, durations, minutes, codes, yes/no and the "not available"
 * line. Deterministic (no locale, no time zone of the machine that renders the report), so the
 * same inputs always give the same document.
 */
import { formatOffset } from '../diagnosis/format';
import { lookupError } from '../knowledge/errors';
import { toHex } from '../knowledge/hresult';
import { licenseStatus, licenseStatusName } from '../knowledge/licensing';
import { UNAVAILABLE_REASON_TEXT, type UnavailableReason } from '../snapshot';

/** "not available: needs administrator rights — could not open the licence store" */
export function unavailableText(reason: UnavailableReason, detail: string): string {
  const why = UNAVAILABLE_REASON_TEXT[reason];
  const more = detail.trim();
  return more === '' || more === why ? `not available: ${why}` : `not available: ${why} — ${more}`;
}

/** "2026-11-20 09:30:00 UTC"; text that is not a valid time is shown as it is. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}

/** "253564 minutes (176 days)": slmgr's unit first, then what a person thinks in. */
export function minutesWithDays(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const inDays = minutes < 1440 ? 'less than a day' : days === 1 ? '1 day' : `${days} days`;
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} (${inDays})`;
}

/** Milliseconds as measured: "1.4 ms", "3.0 s". */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms * 10) / 10} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "5 h 02 min ahead of this computer (+18120000 ms)". */
export function formatClockOffset(offsetMs: number): string {
  const sign = offsetMs > 0 ? '+' : '';
  return `${formatOffset(offsetMs)} (${sign}${Math.round(offsetMs)} ms)`;
}

/** "0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE: The Software Protection Service reported ..." */
export function codeText(code: number): string {
  const record = lookupError(code);
  if (!record) return codeName(code);
  return `${toHex(code)}${record.symbol ? ` ${record.symbol}` : ''}: ${record.message}`;
}

/** "0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE": the code and its symbol, for narrow table cells. */
export function codeName(code: number): string {
  // Zero is S_OK, the success every event without an error carries; it is in no error table.
  if (code >>> 0 === 0) return `${toHex(code)} (success)`;
  const record = lookupError(code);
  if (!record) return `${toHex(code)} (not in Activation Doctor's error table)`;
  return record.symbol ? `${toHex(code)} ${record.symbol}` : toHex(code);
}

export function hexFlags(flags: number): string {
  return toHex(flags);
}

/** "1 (Licensed)", "2 (OOBGrace: Initial grace period)": the WMI name, then slmgr's words when they differ. */
export function licenseStatusText(status: number): string {
  const name = licenseStatusName(status);
  const slmgr = licenseStatus(status)?.slmgrText.replace(/\.$/, '');
  return `${status} (${slmgr === undefined || slmgr === name ? name : `${name}: ${slmgr}`})`;
}

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** A nullable fact in words: the value, or what its absence means for that field. */
export function orElse<T>(value: T | null, show: (v: T) => string, whenNull: string): string {
  return value === null ? whenNull : show(value);
}

export const asText = (value: string | number): string => String(value);

/** "host:port", or the host alone when the port is not set. */
export function hostPort(host: string, port: number | null): string {
  return port === null ? host : `${host}:${port}`;
}

export function listOrNone(values: readonly string[], none = 'none'): string {
  return values.length === 0 ? none : values.join(', ');
}

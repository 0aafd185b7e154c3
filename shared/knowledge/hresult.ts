/**
 * HRESULT parsing and decoding. Technicians meet activation codes as `0xC004F074`, `C004F074`,
 * signed decimals from WMI/PowerShell (`-1073418124`), unsigned decimals (`3221549172`) and inside
 * pasted messages. Everything here normalises to one form: '0x' + 8 upper-case hex digits.
 */

import { codePoint, toHex, type HexCode } from '../hex';
import { printable } from '../printable';

export { toHex, type HexCode };

export type ParsedHresult = { ok: true; code: number; hex: HexCode } | { ok: false; reason: string };

export const ACCEPTED_FORMS = "0xC004F074, C004F074, a signed decimal (-1073418124) or an unsigned decimal (3221549172)";

const UINT32_MAX = 0xffffffff;
const INT32_MIN = -0x80000000;

/** True when `text` is already in the normalised form ('0x' + 8 upper-case hex digits). */
export function isHexCode(text: string): text is HexCode {
  return /^0x[0-9A-F]{8}$/.test(text);
}

function ok(code: number): ParsedHresult {
  const unsigned = code >>> 0;
  return { ok: true, code: unsigned, hex: toHex(unsigned) };
}

export function parseHresult(input: string): ParsedHresult {
  const parsed = parseCode(input.trim());
  return typeof parsed === 'number' ? ok(parsed) : { ok: false, reason: `${parsed}; expected ${ACCEPTED_FORMS}` };
}

/** The code, or what is wrong with the text. */
function parseCode(text: string): number | string {
  if (text === '') return 'no code given';
  if (text.length > 24) return `'${clip(text)}' is too long to be an error code`;

  const prefixed = /^0x([0-9a-f]+)$/i.exec(text);
  if (prefixed) {
    const digits = prefixed[1] ?? '';
    return digits.length > 8 ? `'${text}' has more than 8 hex digits (an HRESULT is 32 bits)` : parseInt(digits, 16);
  }
  if (/^-\d+$/.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) && value >= INT32_MIN ? value : `${text} is below -2147483648, the smallest signed 32-bit code`;
  }
  // Eight bare digits are read as hex: people drop the 0x from codes like 80070005, and no
  // 8-digit decimal is a failure code (those need 10 digits).
  if (/^\d{8}$/.test(text)) return parseInt(text, 16);
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) && value <= UINT32_MAX ? value : `${text} is above 4294967295, the largest unsigned 32-bit code`;
  }
  // Without 0x a hex code must have all eight digits, so short words are never taken for codes.
  if (/^[0-9a-f]{8}$/i.test(text)) return parseInt(text, 16);
  if (/^[0-9a-f]+$/i.test(text)) return `'${text}' has ${text.length} hex digits; write all 8 (C004F074) or add 0x`;

  const chars = [...text];
  const bad = chars.findIndex((ch) => !/[0-9a-fx+-]/i.test(ch));
  const where = bad >= 0 ? ` (character ${bad + 1} ${describeChar(chars[bad] ?? '')} is not a hex digit)` : '';
  return `'${clip(text)}' is not an error code${where}`;
}

export type ExtractedHresult = { ok: true; code: number; hex: HexCode; match: string; index: number } | { ok: false; reason: string };

/**
 * Finds the first HRESULT-looking code in pasted text: `0x`-prefixed hex anywhere, or a bare
 * 8-digit hex / decimal code that looks like a real status (known facility), so GUID pieces,
 * timestamps and years are not mistaken for codes.
 */
export function extractHresult(text: string): ExtractedHresult {
  const candidates: { index: number; match: string; code: number }[] = [];
  const patterns: { re: RegExp; read: (m: string) => number | null }[] = [
    // An explicit 0x prefix is trusted whatever the value.
    { re: /(?<![0-9a-z])0x[0-9a-f]{1,8}(?![0-9a-z])/gi, read: (m) => parseInt(m.slice(2), 16) },
    { re: /(?<![0-9a-z-])[48c][0-9a-f]{7}(?![0-9a-z-])/gi, read: (m) => (/\d/.test(m) ? plausible(parseInt(m, 16)) : null) },
    { re: /(?<![0-9a-z.-])-\d{9,10}(?![0-9.])/gi, read: (m) => plausible(inRange(Number(m), INT32_MIN, -1)) },
    { re: /(?<![0-9a-z.-])\d{10}(?![0-9.])/gi, read: (m) => plausible(inRange(Number(m), 0, UINT32_MAX)) },
  ];
  for (const { re, read } of patterns) {
    for (const m of text.matchAll(re)) {
      const code = read(m[0]);
      if (code !== null) candidates.push({ index: m.index, match: m[0], code });
    }
  }
  // slmgr's own hint "run 'slui.exe 0x2a 0xC004F074' to display the error text": 0x2a is
  // slui's switch, not the code.
  const real = candidates.filter((c) => !(c.code === 0x2a && /slui(?:\.exe)?['"]?\s*$/i.test(text.slice(0, c.index))));
  real.sort((a, b) => a.index - b.index);
  // A code right after "Error:", "Error code:", "Code:" or "hr=" is the one the message reports.
  const labelled = real.find((c) => LABEL_BEFORE.test(text.slice(Math.max(0, c.index - 40), c.index)));
  const first = labelled ?? real[0];
  if (!first) return { ok: false, reason: 'no error code found in the text' };
  const unsigned = first.code >>> 0;
  return { ok: true, code: unsigned, hex: toHex(unsigned), match: first.match, index: first.index };
}

const LABEL_BEFORE = /(?:\berror(?:\s+code)?|\bcode|\bhr|\bhresult)\s*[:=]\s*$/i;

function inRange(value: number, min: number, max: number): number | null {
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
}

/** A bare number counts as a code only if it is not a success value and its facility is known. */
function plausible(code: number | null): number | null {
  if (code === null) return null;
  const unsigned = code >>> 0;
  if (unsigned >>> 30 === 0) return null;
  return FACILITY_NAMES[(unsigned >>> 16) & 0x7ff] === undefined ? null : unsigned;
}

export type Severity = 'success' | 'info' | 'warning' | 'error';

export interface DecodedHresult {
  value: number;
  hex: HexCode;
  /** The two-bit severity field (bits 31-30) as message-compiler codes such as SL_* use it. */
  severity: Severity;
  /** Bit 31 (the HRESULT S bit): FAILED(hr). 0x8007xxxx codes are failures although their severity field reads 'warning'. */
  failure: boolean;
  /** Bit 29: a customer-defined (non-Microsoft) code. */
  customer: boolean;
  /** Bit 28: an NTSTATUS value mapped into an HRESULT. */
  ntstatus: boolean;
  facility: number;
  facilityName: string | null;
  /** The facility's own status code: the low 16 bits. */
  code: number;
  /** For FACILITY_WIN32 (7): the Win32 error number (for `net helpmsg`). */
  win32Error: number | null;
}

/** Facility numbers from winerror.h. */
export const FACILITY_NAMES: Readonly<Record<number, string>> = {
  0: 'FACILITY_NULL',
  1: 'FACILITY_RPC',
  2: 'FACILITY_DISPATCH',
  3: 'FACILITY_STORAGE',
  4: 'FACILITY_ITF',
  7: 'FACILITY_WIN32',
  8: 'FACILITY_WINDOWS',
  9: 'FACILITY_SECURITY',
  10: 'FACILITY_CONTROL',
  11: 'FACILITY_CERT',
  12: 'FACILITY_INTERNET',
  13: 'FACILITY_MEDIASERVER',
  14: 'FACILITY_MSMQ',
  15: 'FACILITY_SETUPAPI',
  16: 'FACILITY_SCARD',
  17: 'FACILITY_COMPLUS',
  18: 'FACILITY_AAF',
  19: 'FACILITY_URT',
  20: 'FACILITY_ACS',
  21: 'FACILITY_DPLAY',
  22: 'FACILITY_UMI',
  23: 'FACILITY_SXS',
  24: 'FACILITY_WINDOWS_CE',
  25: 'FACILITY_HTTP',
  26: 'FACILITY_USERMODE_COMMONLOG',
  27: 'FACILITY_WER',
  31: 'FACILITY_USERMODE_FILTER_MANAGER',
  32: 'FACILITY_BACKGROUNDCOPY',
  33: 'FACILITY_CONFIGURATION',
  34: 'FACILITY_STATE_MANAGEMENT',
  35: 'FACILITY_METADIRECTORY',
  36: 'FACILITY_WINDOWSUPDATE',
  37: 'FACILITY_DIRECTORYSERVICE',
  38: 'FACILITY_GRAPHICS',
  39: 'FACILITY_SHELL',
  40: 'FACILITY_TPM_SERVICES',
  41: 'FACILITY_TPM_SOFTWARE',
  48: 'FACILITY_PLA',
  49: 'FACILITY_FVE',
  50: 'FACILITY_FWP',
  51: 'FACILITY_WINRM',
  52: 'FACILITY_NDIS',
  53: 'FACILITY_USERMODE_HYPERVISOR',
  54: 'FACILITY_CMI',
  55: 'FACILITY_USERMODE_VIRTUALIZATION',
  56: 'FACILITY_USERMODE_VOLMGR',
  57: 'FACILITY_BCD',
  58: 'FACILITY_USERMODE_VHD',
  60: 'FACILITY_SDIAG',
  61: 'FACILITY_WEBSERVICES',
  62: 'FACILITY_WINPE',
  63: 'FACILITY_WPN',
  64: 'FACILITY_WINDOWS_STORE',
  80: 'FACILITY_WINDOWS_DEFENDER',
};

export const FACILITY_WIN32 = 7;
export const FACILITY_ITF = 4;

const SEVERITIES: readonly Severity[] = ['success', 'info', 'warning', 'error'];

export function decodeHresult(code: number): DecodedHresult {
  const value = code >>> 0;
  const facility = (value >>> 16) & 0x7ff;
  const low = value & 0xffff;
  return {
    value,
    hex: toHex(value),
    severity: SEVERITIES[value >>> 30] ?? 'error',
    failure: value >>> 31 === 1,
    customer: ((value >>> 29) & 1) === 1,
    ntstatus: ((value >>> 28) & 1) === 1,
    facility,
    facilityName: FACILITY_NAMES[facility] ?? null,
    code: low,
    win32Error: facility === FACILITY_WIN32 ? low : null,
  };
}

function clip(text: string): string {
  return printable(text, 30);
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0x20 && cp <= 0x7e ? `'${ch}'` : codePoint(cp);
}

/** A code in any form, or a pasted message that contains one (slmgr, Settings, an event). */
export function readErrorCode(input: string): ParsedHresult {
  const parsed = parseHresult(input);
  if (parsed.ok || input.trim().length <= 8) return parsed;
  const found = extractHresult(input);
  return found.ok ? { ok: true, code: found.code, hex: found.hex } : parsed;
}

/**
 * `explainError`: one entry point for any code a technician pastes. Known codes return their
 * record; well-formed unknown codes return the decoded HRESULT and where to look next; anything
 * else returns a message naming the accepted forms.
 */
import { ERROR_RECORDS, findErrorRecord, type ErrorRecord } from './errors';
import { decodeHresult, FACILITY_ITF, readErrorCode, type DecodedHresult, type HexCode } from './hresult';

export type Explanation =
  | { kind: 'known'; code: HexCode; record: ErrorRecord }
  | {
      kind: 'unknown';
      code: HexCode;
      decoded: DecodedHresult;
      advice: string[];
      didYouMean: HexCode[];
      /** A digit short or doubled next to a known code: answer with the suggestion alone. */
      nearMissOnly?: true;
    }
  | { kind: 'invalid'; message: string; didYouMean: HexCode[] };

// slerror.h splits the Software Licensing facility into zones by the top hex digit of the code.
const SL_ZONES: Readonly<Record<number, string>> = {
  0xa: 'licensing server (M$) range 0xA000',
  0xb: 'activation server range 0xB000',
  0xc: 'clearing house range 0xC000 (activation server checks of the product key)',
  0xd: 'security processor range 0xD000',
  0xe: 'licensing service internal range 0xE000',
  0xf: 'licensing client API range 0xF000',
};

/** Accepts a bare code in any form, or a pasted message containing one. */
export function explainError(input: string): Explanation {
  const parsed = readErrorCode(input);
  if (!parsed.ok) {
    const near = nearKnownCodes(input);
    const hint = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
    return { kind: 'invalid', message: `${parsed.reason}, or a message that contains one.${hint}`, didYouMean: near };
  }

  const record = findErrorRecord(parsed.hex);
  if (record) return { kind: 'known', code: parsed.hex, record };
  const decoded = decodeHresult(parsed.code);
  const near = nearKnownCodes(input);
  // A digit short or doubled is answered with the suggestion alone: the decoding of that number
  // ("not a failure code", a slui line for it) describes a code nobody got. A full 8-digit code
  // with one digit changed may be real: it keeps its decoding after the suggestion.
  const suggestion = `Did you mean ${near.join(' or ')}? ${near.length === 1 ? 'That is a known activation code' : 'Those are known activation codes'} one digit away from what was typed.`;
  if (near.length > 0 && !/^(?:0x)?[0-9a-f]{8}$/i.test(input.trim()) && /^(?:0x)?[0-9a-f]{7,9}$/i.test(input.trim())) {
    return { kind: 'unknown', code: parsed.hex, decoded, advice: [suggestion], didYouMean: near, nearMissOnly: true };
  }
  return { kind: 'unknown', code: parsed.hex, decoded, advice: near.length > 0 ? [suggestion, ...adviceFor(decoded)] : adviceFor(decoded), didYouMean: near };
}

const KNOWN_DIGITS: ReadonlyArray<{ digits: string; code: HexCode }> = ERROR_RECORDS.flatMap((r) => [r.code, ...r.aliases].map((code) => ({ digits: code.slice(2), code: code as HexCode })));

/**
 * Known codes one typing slip away (a digit missing, doubled or mistyped) from a hex run in the
 * text: "0xC004F07" → 0xC004F074. Only runs of 7 to 9 hex digits are compared.
 */
export function nearKnownCodes(text: string): HexCode[] {
  const runs = [...text.matchAll(/(?:0x)?([0-9a-f]{7,9})(?![0-9a-z])/gi)].map((m) => (m[1] ?? '').toUpperCase());
  const found: HexCode[] = [];
  for (const run of runs) {
    if (KNOWN_DIGITS.some((k) => k.digits === run)) continue;
    for (const k of KNOWN_DIGITS) if (oneEditApart(run, k.digits) && !found.includes(k.code)) found.push(k.code);
  }
  return found.slice(0, 3);
}

/** True when a and b differ by exactly one inserted, deleted or replaced character. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function adviceFor(d: DecodedHresult): string[] {
  const advice: string[] = [];
  if (!d.failure) advice.push(`This is not a failure code (severity: ${d.severity}).`);
  if (d.facility === FACILITY_ITF && SL_ZONES[d.code >>> 12]) {
    advice.push(`This looks like a Software Licensing (SPP) code in the ${SL_ZONES[d.code >>> 12]}; no Microsoft troubleshooting article in this table covers it.`);
  } else if (d.win32Error !== null) {
    advice.push(`It wraps Win32 error ${d.win32Error}: run net helpmsg ${d.win32Error} to see its text.`);
  } else if (d.facilityName) {
    advice.push(`Facility ${d.facility} is ${d.facilityName}.`);
  }
  advice.push(`On a Windows edition with a desktop, run slui.exe 0x2a ${d.hex} to show Windows' own text for this code.`);
  advice.push(
    "Look in the Application event log for Security-SPP events around the failure: Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Security-SPP'} -MaxEvents 20",
  );
  advice.push('Run slmgr.vbs /dlv to see the licence channel, the KMS host in use and the last activation result.');
  return advice;
}

/**
 * `explainError`: one entry point for any code a technician pastes. Known codes return their
 * record; well-formed unknown codes return the decoded HRESULT and where to look next; anything
 * else returns a message naming the accepted forms.
 */
import { findErrorRecord, type ErrorRecord } from './errors';
import { decodeHresult, FACILITY_ITF, readErrorCode, type DecodedHresult, type HexCode } from './hresult';

export type Explanation =
  | { kind: 'known'; code: HexCode; record: ErrorRecord }
  | { kind: 'unknown'; code: HexCode; decoded: DecodedHresult; advice: string[] }
  | { kind: 'invalid'; message: string };

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
  if (!parsed.ok) return { kind: 'invalid', message: `${parsed.reason}, or a message that contains one` };

  const record = findErrorRecord(parsed.hex);
  if (record) return { kind: 'known', code: parsed.hex, record };
  const decoded = decodeHresult(parsed.code);
  return { kind: 'unknown', code: parsed.hex, decoded, advice: adviceFor(decoded) };
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

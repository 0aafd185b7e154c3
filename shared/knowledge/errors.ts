/**
 * Activation error codes: every code of Microsoft's "Troubleshoot Windows activation error codes"
 * table, the codes of the related troubleshooting articles, and the SL_E_* codes with symbolic
 * names from slerror.h. A code listed in several places is one record carrying all its sources.
 */
import { isHexCode, toHex, type HexCode } from './hresult';
import { ADBA_ERRORS, AVMA_ERRORS, TOKEN_ERRORS } from './error-records/avma-adba-token';
import { KEY_ERRORS } from './error-records/keys';
import { KMS_ERRORS } from './error-records/kms';
import { MACHINE_ERRORS } from './error-records/machine';
import { SUBSCRIPTION_ERRORS } from './error-records/subscription';
import type { ErrorRecord } from './error-records/record';
import { findOfficeErrorNote, type OfficeErrorNote } from './error-records/office';

export { OFFICE_ERROR_NOTES, type OfficeErrorNote } from './error-records/office';

export { ACTIVATION_TYPES, type ActivationType, type ErrorRecord } from './error-records/record';

export const ERROR_RECORDS: readonly ErrorRecord[] = [...KMS_ERRORS, ...KEY_ERRORS, ...MACHINE_ERRORS, ...AVMA_ERRORS, ...ADBA_ERRORS, ...SUBSCRIPTION_ERRORS, ...TOKEN_ERRORS];

/** Known gaps, kept beside the data so they are not mistaken for omissions. */
export const ERROR_TABLE_NOTES: readonly string[] = [
  '0x8004FE33 (MAK activation behind an authenticating proxy) comes from Microsoft\'s Office volume-activation troubleshooting page, which cites the Windows KB 921471; the KB itself was not read, so its message text is a paraphrase.',
  'A third-party report ties 0x8007007B to workgroup clients without a primary DNS suffix; it is not used because no Microsoft text confirms it.',
];

const byCode = new Map<HexCode, ErrorRecord>();
for (const record of ERROR_RECORDS) {
  for (const code of [record.code, ...record.aliases]) {
    if (!isHexCode(code)) throw new Error(`error table: '${code}' is not in 0x + 8 upper-case hex form`);
    if (byCode.has(code)) throw new Error(`error table: ${code} is listed twice`);
    byCode.set(code, record);
  }
}

/** The record for a normalised code or one of its aliases. */
export function findErrorRecord(code: HexCode): ErrorRecord | undefined {
  return byCode.get(code);
}

/** The record for a numeric code (any 32-bit form, signed or unsigned). */
export function lookupError(code: number): ErrorRecord | undefined {
  return byCode.get(toHex(code));
}

/** What a code means for an Office licence (null when the Windows record says all there is). */
export function lookupOfficeError(code: number): OfficeErrorNote | undefined {
  return findOfficeErrorNote(toHex(code));
}

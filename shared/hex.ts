/**
 * The one hex formatter. Error codes are shown as '0x' + 8 upper-case hex digits (signed WMI
 * values are read as their unsigned 32-bit form); characters in messages as U+XXXX.
 */

/** The normalised text form of a code: '0x' followed by 8 upper-case hex digits. */
export type HexCode = `0x${string}`;

/** -1073418124 and 3221549172 → "0xC004F074". */
export function toHex(code: number, digits = 8): HexCode {
  const value = digits === 8 ? code >>> 0 : code;
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}

/** 0x200B → "U+200B": how a message names a character that cannot be shown. */
export function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

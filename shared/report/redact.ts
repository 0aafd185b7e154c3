/**
 * The final safety pass: nothing that leaves Activation Doctor as a report may contain a full
 * 25-character product key. The report never prints keys from the data, but a key can still
 * arrive inside free text: a guidance line that quotes a GVLK, a fix input, an event message. So
 * the whole finished document is scanned once more and every 5×5 key pattern is masked down to
 * its last five characters, the same form the audit log uses.
 */

// A key is written either with a dash between every group or with none ("with or without
// dashes"); the dash may be one of the look-alikes copy and paste produces (hyphen, non-breaking
// hyphen, figure dash, en and em dash, horizontal bar, minus sign, small and full-width
// hyphen-minus), but the same one throughout. Requiring one form keeps ordinary text intact: a
// Microsoft address such as ".../common-troubleshooting-procedures-kms-dns" has 25 letters in
// five-letter pieces, but its separators are mixed, so it is not taken for a key.
// Not spaces: the match is case-insensitive, and five five-letter words in a row would match.
const DASHES = '[-\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D]';
const GROUP = '[0-9A-Z]{5}';
const DASHED = `${GROUP}(${DASHES})${GROUP}\\1${GROUP}\\1${GROUP}\\1${GROUP}`;
const UNDASHED = '[0-9A-Z]{25}';

// Not part of a longer run of letters and digits (so 32-digit hashes and GUID pieces are left
// alone), but deliberately not `\b`: an underscore glued to a key ("key_XXXXX-...") must not hide it.
const CANDIDATE = new RegExp(`(?<![0-9A-Z])(?:${DASHED}|${UNDASHED})(?![0-9A-Z])`, 'gi');

/**
 * Dashed candidates are keys: nothing else looks like that. Undashed, 25 letters can be a word
 * or an identifier (the JSON property "activationIntervalMinutes" is exactly 25 letters), so an
 * undashed run counts as a key when it has a digit or is all upper case. A real key has no digit
 * about once in 25,000 keys ((16/24)^25), and even then is almost always written in upper case.
 */
function isKey(candidate: string): boolean {
  if (candidate.length > 25) return true;
  return /[0-9]/.test(candidate) || candidate === candidate.toUpperCase();
}

export const MASKED_KEY_PREFIX = '*****-*****-*****-*****-';

/** Replaces every full product key in `text` by `*****-*****-*****-*****-XXXXX` (its last five). */
export function maskProductKeysInText(text: string): string {
  return text.replace(CANDIDATE, (candidate) => (isKey(candidate) ? `${MASKED_KEY_PREFIX}${candidate.slice(-5).toUpperCase()}` : candidate));
}

/** True when `text` still contains something shaped like a full product key. */
export function containsFullProductKey(text: string): boolean {
  return [...text.matchAll(CANDIDATE)].some(([candidate]) => isKey(candidate));
}

/**
 * A partial product key as the report shows it: the last five letters and digits, upper case,
 * whatever the field holds. The snapshot schema already allows only five, but the report must not
 * depend on its input having been validated.
 */
export function lastFiveOfKey(value: string): string {
  return value.replace(/[^0-9A-Za-z]/g, '').slice(-5).toUpperCase();
}

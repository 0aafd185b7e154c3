/**
 * Product key syntax: five groups of five characters from the product-key alphabet
 * (BCDFGHJKMPQRTVWXY2346789) plus at most one N. Normalises what copy and paste does to keys:
 * lower case, spaces, and en/em dashes or other hyphen look-alikes in place of hyphens.
 */
import { codePoint } from '../hex';

export const PRODUCT_KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';

export type NormalisedKey = { ok: true; key: string; last5: string } | { ok: false; reason: string };

// Characters that render like a hyphen: hyphen-minus, hyphen, non-breaking hyphen, figure dash,
// en dash, em dash, horizontal bar, minus sign, small em dash, small hyphen-minus, fullwidth
// hyphen-minus, hyphen bullet, modifier minus, soft hyphen.
const DASHES = [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d, 0x2043, 0x2d7, 0xad];
// Zero-width characters that copy and paste can leave behind without anyone seeing them.
const INVISIBLE = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const SEPARATORS = new Set([...DASHES, ...INVISIBLE].map((cp) => String.fromCodePoint(cp)));

const isSeparator = (ch: string): boolean => /^\s$/u.test(ch) || SEPARATORS.has(ch);

export function normaliseProductKey(input: string): NormalisedKey {
  const chars = [...input];
  let letters = '';
  let nCount = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (isSeparator(ch)) continue;
    const upper = ch.toUpperCase();
    if (upper === 'N') {
      nCount++;
      if (nCount > 1) return { ok: false, reason: `character ${i + 1} is a second 'N'; a product key has at most one N` };
    } else if (upper.length !== 1 || !PRODUCT_KEY_ALPHABET.includes(upper)) {
      return { ok: false, reason: `character ${i + 1} ${describe(ch)} is not used in product keys (they use ${PRODUCT_KEY_ALPHABET} and at most one N)` };
    }
    letters += upper;
  }
  if (letters.length === 0) return { ok: false, reason: 'no product key given' };

  const groups = splitGroups(chars);
  if (groups.length > 1) {
    const lengths = groups.map((g) => [...g].length);
    if (groups.length !== 5 || lengths.some((n) => n !== 5)) {
      return { ok: false, reason: `expected five groups of five characters (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX); got groups of ${lengths.join(', ')}` };
    }
  } else if (letters.length !== 25) {
    return { ok: false, reason: `a product key has 25 characters; got ${letters.length}` };
  }
  const key = letters.match(/.{5}/g)?.join('-') ?? '';
  return { ok: true, key, last5: letters.slice(20) };
}

/** '*****-*****-*****-*****-ABCDE': safe to log and show. Anything that is not a key is masked whole. */
export function maskProductKey(key: string): string {
  const parsed = normaliseProductKey(key);
  return `*****-*****-*****-*****-${parsed.ok ? parsed.last5 : '*****'}`;
}

export function isProductKey(input: string): boolean {
  return normaliseProductKey(input).ok;
}

function splitGroups(chars: string[]): string[] {
  const groups: string[] = [];
  let current = '';
  for (const ch of chars) {
    if (isSeparator(ch)) {
      if (current !== '') groups.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') groups.push(current);
  return groups;
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0x21 && cp <= 0x7e ? `'${ch}'` : codePoint(cp);
}

/**
 * The one escape function of the report. Every piece of text that comes from a snapshot, a
 * diagnosis or the audit log reaches the HTML through here (markup.ts calls it for every
 * interpolated value), so a hostile computer name or event text is shown, never run.
 *
 * Besides the five characters that are special in HTML, it replaces characters that make a
 * document malformed rather than dangerous: NUL and other C0/C1 control characters (HTML parse
 * errors, and not allowed in XML at all), the non-characters U+FFFE/U+FFFF and lone UTF-16
 * surrogates (which cannot be encoded as UTF-8 when the file is saved). They become U+FFFD, the
 * replacement character, so the reader still sees that something was there.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // &#39; rather than &apos;: the numeric form means the same to HTML and XML parsers.
  "'": '&#39;',
};

/** Control characters other than tab, LF and CR; U+FFFE/U+FFFF; and surrogates left unpaired. */
function isUnsafe(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d;
  return (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0xfffe || codePoint === 0xffff || (codePoint >= 0xd800 && codePoint <= 0xdfff);
}

/** Text → HTML text, safe in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  let out = '';
  // Iterating a string yields code points: a valid surrogate pair arrives as one character
  // (above U+FFFF), so only a lone surrogate is seen in the 0xD800-0xDFFF range.
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) ?? 0;
    out += isUnsafe(codePoint) ? '\uFFFD' : (ENTITIES[ch] ?? ch);
  }
  return out;
}

// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../shared/report';
import { all, parseHtml, text, xmlParseErrors } from './dom';

describe('escapeHtml', () => {
  it('escapes the characters that are markup', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('"onload=alert(1)')).toBe('&quot;onload=alert(1)');
    expect(escapeHtml("' onmouseover='x")).toBe('&#39; onmouseover=&#39;x');
    expect(escapeHtml('</style>')).toBe('&lt;/style&gt;');
    expect(escapeHtml('a & b &amp; &#60;')).toBe('a &amp; b &amp;amp; &amp;#60;');
  });

  it('replaces NUL, other control characters, non-characters and lone surrogates by U+FFFD', () => {
    expect(escapeHtml('a\u0000b')).toBe('a\uFFFDb');
    expect(escapeHtml('\u0001\u001f\u007f\u0085\u009f')).toBe('\uFFFD'.repeat(5));
    expect(escapeHtml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeHtml('\uDC00')).toBe('\uFFFD');
    expect(escapeHtml('\uDBFF\uD800')).toBe('\uFFFD\uFFFD');
    expect(escapeHtml('\uFFFE\uFFFF')).toBe('\uFFFD\uFFFD');
  });

  it('keeps tabs, line breaks and every valid character, surrogate pairs included', () => {
    expect(escapeHtml('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(escapeHtml('Grüße 😀 \u{10FFFD} КМС')).toBe('Grüße 😀 \u{10FFFD} КМС');
  });

  // Any UTF-16 sequence at all, lone surrogates and control characters included.
  // Weighted towards the characters that matter, which a uniform pick would almost never produce.
  const special = fc.constantFrom(...[...'<>&"\'\t\r\n;#/='].map((ch) => ch.charCodeAt(0)), 0x00, 0x1f, 0x7f, 0x85, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0xffff);
  const anyUtf16 = fc.array(fc.oneof(special, fc.integer({ min: 0, max: 0xffff })), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
  const allowed = (cp: number) => cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp < 0x7f) || (cp > 0x9f && cp < 0xd800) || (cp > 0xdfff && cp < 0xfffe) || cp > 0xffff;
  const sanitised = (s: string) => [...s].map((ch) => (allowed(ch.codePointAt(0) ?? 0) ? ch : '\uFFFD')).join('');

  it('never lets text become markup: parsed back, it is one text node with the same characters', () => {
    fc.assert(
      fc.property(anyUtf16, (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        const doc = parseHtml(`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p title="${escaped}">${escaped}</p></body></html>`);
        const p = doc.querySelector('p');
        expect(all(doc, 'body *')).toHaveLength(1);
        // The HTML parser turns CR and CRLF into LF; nothing else may differ.
        const expected = sanitised(value).replace(/\r\n?/g, '\n');
        expect(p?.textContent).toBe(expected);
        expect(p?.getAttribute('title')).toBe(sanitised(value).replace(/\r\n?/g, '\n'));
        expect(xmlParseErrors(`<p title="${escaped}">${escaped}</p>`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('shows hostile text literally', () => {
    const doc = parseHtml(`<p>${escapeHtml('<img src=x onerror=alert(1)>')}</p>`);
    expect(all(doc, 'img')).toHaveLength(0);
    expect(text(doc.querySelector('p'))).toBe('<img src=x onerror=alert(1)>');
  });
});

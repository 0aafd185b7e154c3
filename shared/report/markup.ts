/**
 * A tiny, safe way to write HTML: the `html` template tag escapes every interpolated value unless
 * it is already `Html` (built by this tag). So escaping cannot be forgotten: a plain string
 * dropped into a template is always text, never markup.
 *
 * The templates are written as polyglot markup (every element closed, void elements self-closed,
 * tables with explicit <thead>/<tbody>, numeric entities only) so the report is both valid HTML5
 * and well-formed XML, which the tests check with a strict XML parser.
 */
import { escapeHtml } from './escape';

export class Html {
  /** Construct through `html` or `trustedCss`, never from data. */
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template accepts: markup, text (escaped), numbers, nothing (null), or lists of these. */
export type Interpolation = Html | string | number | null | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null) return '';
  if (value instanceof Html) return value.markup;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * The style sheet goes into <style> as raw text, where entities are not decoded. It is our own
 * constant, but it is still checked: `<` could close the element and `&` would break XML parsing.
 */
export function trustedCss(css: string): Html {
  if (/[<&]/.test(css)) throw new Error('report style sheet must not contain < or &');
  return new Html(css);
}

/** An https link shown with its address as the text (readable on paper); anything else is plain text. */
export function link(url: string, text: string = url): Html {
  if (!/^https:\/\/[^\s"'<>`\\]+$/i.test(url)) return html`<span class="url">${text}</span>`;
  return html`<a href="${url}" rel="noopener noreferrer">${text}</a>`;
}

/** Text in a monospace span, for ids, codes and raw strings. */
export const code = (text: string): Html => html`<code>${text}</code>`;

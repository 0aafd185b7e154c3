/**
 * Parsing reports with jsdom in tests. Test files that use this opt into the jsdom environment
 * (`// @vitest-environment jsdom`), which provides DOMParser. The node tsconfig has no DOM types,
 * so the few DOM members the tests use are described here structurally.
 */
export interface El {
  readonly tagName: string;
  readonly localName: string;
  readonly textContent: string | null;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly parentElement: El | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

export interface Doc {
  readonly documentElement: El;
  readonly doctype: { readonly name: string } | null;
  readonly title: string;
  readonly contentType: string;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  getElementsByTagName(name: string): ArrayLike<El>;
}

interface DomParser {
  parseFromString(text: string, type: 'text/html' | 'application/xhtml+xml' | 'application/xml'): Doc;
}

function parser(): DomParser {
  const ctor = (globalThis as unknown as { DOMParser?: new () => DomParser }).DOMParser;
  if (!ctor) throw new Error('DOMParser is missing: add `// @vitest-environment jsdom` to the test file');
  return new ctor();
}

/** The report as a browser opening the .html file reads it. */
export const parseHtml = (text: string): Doc => parser().parseFromString(text, 'text/html');

/**
 * The report through a strict XML parser. The HTML parser repairs anything, so it cannot tell a
 * well-formed document from a broken one; the report is written as polyglot markup, so an XML
 * parser must accept it without a <parsererror>.
 */
export function xmlParseErrors(text: string): string[] {
  const doc = parser().parseFromString(text, 'application/xml');
  return Array.from(doc.getElementsByTagName('parsererror')).map((e) => e.textContent ?? 'parse error');
}

export const all = (root: Doc | El, selector: string): El[] => Array.from(root.querySelectorAll(selector));

export const text = (el: El | null): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The <section> (or <footer>) whose <h2> reads exactly `heading`. */
export function sectionByHeading(doc: Doc, heading: string): El {
  const h2 = all(doc, 'h2').find((h) => text(h) === heading);
  const parent = h2?.parentElement ?? null;
  if (!parent) throw new Error(`no section headed "${heading}"`);
  return parent;
}

/** The value cell of the key/value row labelled `label` in `root` (the first such row). */
export function kvValue(root: El, label: string): string {
  const th = all(root, 'table.kv th').find((h) => text(h) === label);
  const td = th?.parentElement?.querySelector('td') ?? null;
  if (!td) throw new Error(`no row "${label}"`);
  return text(td);
}

/** Every element's tag name in document order: two reports with the same structure give the same list. */
export const tagSequence = (doc: Doc): string[] => all(doc, '*').map((e) => e.localName);

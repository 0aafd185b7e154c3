/** Small output helpers shared by the knowledge commands. */
import type { CliIo } from '../io';
import { resolveSources, type ResolvedSource, type SourceTag } from '../../../shared/knowledge';

/** Machine output (JSON, a script): through the boundary's data channel, never wrapped. */
export function writeData(io: CliIo, text: string): void {
  (io.data ?? io.stdout)(text);
}

export function writeJson(io: CliIo, value: unknown): void {
  writeData(io, `${JSON.stringify(value, null, 2)}\n`);
}

/** Splits a cell into lines of at most `width` characters, at spaces (a longer word stays whole). */
function cellLines(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && `${current} ${word}`.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

/**
 * Columns padded to the widest cell; the last column is not padded. `maxWidths` caps a column:
 * its cells wrap inside it (a row takes several lines), so the table keeps its shape at any width.
 */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidths: readonly (number | undefined)[] = []): string {
  const cap = (i: number) => maxWidths[i] ?? Infinity;
  const widths = header.map((h, i) => Math.min(cap(i), Math.max(h.length, ...rows.flatMap((r) => cellLines(r[i] ?? '', cap(i)).map((l) => l.length)))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const row = (cells: readonly string[]): string[] => {
    const wrapped = cells.map((c, i) => cellLines(c, cap(i)));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) => line(wrapped.map((w) => w[k] ?? '')));
  };
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.flatMap(row)].join('\n');
}

export function sourcesJson(tags: readonly SourceTag[]): Pick<ResolvedSource, 'tag' | 'title' | 'url'>[] {
  return resolveSources(tags).map(({ tag, title, url }) => ({ tag, title, url }));
}

export function sourceLines(tags: readonly SourceTag[]): string[] {
  return resolveSources(tags).map((s) => `  - ${s.title}\n    ${s.url}`);
}

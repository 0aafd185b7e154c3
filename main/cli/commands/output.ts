/** Small output helpers shared by the knowledge commands. */
import type { CliIo } from '../io';
import { resolveSources, type ResolvedSource, type SourceTag } from '../../../shared/knowledge';

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to the widest cell; the last column is not padded. */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Echo user input safely: printable ASCII only, bounded length. */
export function safe(text: string, max = 60): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

export function sourcesJson(tags: readonly SourceTag[]): Pick<ResolvedSource, 'tag' | 'title' | 'url'>[] {
  return resolveSources(tags).map(({ tag, title, url }) => ({ tag, title, url }));
}

export function sourceLines(tags: readonly SourceTag[]): string[] {
  return resolveSources(tags).map((s) => `  - ${s.title}\n    ${s.url}`);
}

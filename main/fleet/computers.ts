/**
 * The computers to collect from: `--computers` is a file (one name per line; blank lines and
 * lines starting with # are skipped; commas also separate) or a comma-separated list. Every name
 * is checked with the app's host grammar (shared/inputs.ts) before anything runs; one bad name
 * stops the run with a message naming it and its line.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseHost } from '../../shared/inputs';

export const MAX_COMPUTERS = 5000;

export type ComputerList = { ok: true; computers: string[] } | { ok: false; message: string };

export function parseComputerList(text: string, origin: string): ComputerList {
  const computers: string[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const content = line.trim();
    if (content === '' || content.startsWith('#')) continue;
    for (const item of content.split(',')) {
      const raw = item.trim();
      if (raw === '') continue;
      const where = lines.length > 1 ? `${origin}, line ${index + 1}` : origin;
      const parsed = parseHost(raw, `the computer '${raw.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}' (${where})`);
      if (!parsed.ok) return { ok: false, message: parsed.message };
      if (seen.has(parsed.value.host)) continue;
      seen.add(parsed.value.host);
      computers.push(parsed.value.host);
      if (computers.length > MAX_COMPUTERS) return { ok: false, message: `${origin} names more than ${MAX_COMPUTERS} computers; split the list` };
    }
  }
  if (computers.length === 0) return { ok: false, message: `${origin} names no computer` };
  return { ok: true, computers };
}

/** A file when one exists at that path, else a comma-separated list. */
export async function readComputers(value: string): Promise<ComputerList> {
  const isFile = await stat(value).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!isFile) return parseComputerList(value, '--computers');
  let text: string;
  try {
    const bytes = await readFile(value);
    if (bytes.length > 1024 * 1024) return { ok: false, message: `${value} is larger than 1 MB; a list of computers is a few kilobytes` };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${value} could not be read as UTF-8 text` };
  }
  return parseComputerList(text, value);
}

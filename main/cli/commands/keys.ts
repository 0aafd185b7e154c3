/** `activation-doctor keys`: Microsoft's KMS client setup key (GVLK) table, filterable. */
import { flag, hasSwitch, parseArgs } from '../args';
import { EXIT, type CliCommand } from '../io';
import { filterGvlks, type GvlkRecord } from '../../../shared/knowledge';
import { alignedTable, sourcesJson, writeJson } from './output';
import { printable } from '../../../shared/printable';

export const keysCommand: CliCommand = {
  name: 'keys',
  summary: 'List the KMS client setup keys (GVLKs), optionally filtered with --os',
  usage: [
    'Usage: activation-doctor keys [--os <text>] [--json]',
    '',
    "Lists Microsoft's KMS client setup keys (GVLKs) exactly as published.",
    '  --os <text>   keep rows whose product, version or edition contains <text>',
    '                (case-insensitive), e.g. --os "server 2022", --os LTSC, --os "windows 10 pro"',
    '  --json        print a JSON array of records, each with a "key" field',
    '',
    'Exit status: 0 (also when nothing matches), 2 bad usage.',
  ].join('\n'),
  async run(args, io) {
    const parsed = parseArgs(args, { json: { value: false }, os: { value: true } }, 0);
    const filter = flag(parsed, 'os');
    const rows = filterGvlks(filter);
    if (hasSwitch(parsed, 'json')) {
      writeJson(io, rows.map(gvlkJson));
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.stdout(`No KMS client setup key matches "${printable(filter ?? '')}". Try a product name (--os "server 2019") or an edition (--os education).\n`);
      return EXIT.ok;
    }
    const table = alignedTable(
      ['PRODUCT', 'VERSION', 'EDITION', 'KEY'],
      rows.map((r) => [r.product, r.version, r.onlyInOlderCopy ? `${r.edition} (2023 page only)` : r.edition, r.key]),
      // 24 + 12 + 26 + 29 (a key) + 3 gaps of 2 = 97: fits 100 columns, long cells wrap inside their column.
      [24, 12, 26],
    );
    io.stdout(`${table}\n\n${rows.length} key${rows.length === 1 ? '' : 's'}. Install one with: slmgr.vbs /ipk <key>, then slmgr.vbs /ato\nSource: https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys\n`);
    return EXIT.ok;
  },
};

export function gvlkJson(r: GvlkRecord) {
  return {
    key: r.key,
    family: r.family,
    productId: r.productId,
    product: r.product,
    version: r.version,
    builds: r.builds,
    edition: r.edition,
    publishedAs: r.publishedAs,
    editionIds: r.editionIds,
    editionIdSourced: r.editionIdSourced,
    onlyInOlderCopy: r.onlyInOlderCopy === true,
    notes: r.notes ?? [],
    sources: sourcesJson(r.sources),
  };
}

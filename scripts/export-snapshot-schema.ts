/**
 * Writes docs/snapshot.schema.json: the JSON Schema of the snapshot document, generated from the
 * zod schema in shared/snapshot.ts (the single source of truth). Run it after changing the schema
 * with `npm run schema`, which does:
 *
 *   npx esbuild scripts/export-snapshot-schema.ts --bundle --platform=node --log-level=warning \
 *     --outfile=out/tools/export-snapshot-schema.cjs && node out/tools/export-snapshot-schema.cjs
 *
 * test/unit/probes/snapshot-schema.test.ts fails while the committed file differs from this output
 * (and rewrites it when run with UPDATE_SNAPSHOT_SCHEMA=1).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SnapshotSchema } from '../shared/snapshot';

export const SNAPSHOT_SCHEMA_FILE = join('docs', 'snapshot.schema.json');

/** The schema file's exact text: pretty JSON with a final newline. */
export function snapshotSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(SnapshotSchema), null, 2)}\n`;
}

export function writeSnapshotSchema(root: string): string {
  const file = join(root, SNAPSHOT_SCHEMA_FILE);
  writeFileSync(file, snapshotSchemaText(), 'utf8');
  return file;
}

// Run directly (bundled to CommonJS): write the file. Imported (by the test): do nothing.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.stdout.write(`wrote ${writeSnapshotSchema(process.cwd())}\n`);
}

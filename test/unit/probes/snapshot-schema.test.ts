/**
 * docs/snapshot.schema.json is generated from shared/snapshot.ts (scripts/export-snapshot-schema.ts).
 * This test fails while the committed file is stale. To regenerate it:
 *   UPDATE_SNAPSHOT_SCHEMA=1 npx vitest run test/unit/probes/snapshot-schema.test.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SNAPSHOT_SCHEMA_FILE, snapshotSchemaText, writeSnapshotSchema } from '../../../scripts/export-snapshot-schema';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotSchema, UNAVAILABLE_REASONS } from '../../../shared/snapshot';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('docs/snapshot.schema.json', () => {
  it('equals z.toJSONSchema(SnapshotSchema)', () => {
    if (process.env.UPDATE_SNAPSHOT_SCHEMA === '1') writeSnapshotSchema(root);
    const committed = readFileSync(`${root}${SNAPSHOT_SCHEMA_FILE}`, 'utf8');
    const expected = snapshotSchemaText();
    expect(JSON.parse(committed), 'docs/snapshot.schema.json is stale: run npm run schema').toEqual(
      z.toJSONSchema(SnapshotSchema),
    );
    expect(committed).toBe(expected);
  });

  it('pins the format, the version and every unavailable reason', () => {
    const schema = JSON.parse(snapshotSchemaText()) as { properties: Record<string, { const?: unknown }> };
    expect(schema.properties.format?.const).toBe(SNAPSHOT_FORMAT);
    expect(schema.properties.version?.const).toBe(SNAPSHOT_VERSION);
    for (const reason of UNAVAILABLE_REASONS) expect(snapshotSchemaText()).toContain(`"${reason}"`);
  });
});

describe('docs/snapshot.md', () => {
  it('documents every unavailable reason and the current version', () => {
    const doc = readFileSync(`${root}docs/snapshot.md`, 'utf8');
    for (const reason of UNAVAILABLE_REASONS) expect(doc).toContain(`\`${reason}\``);
    expect(doc).toContain(`"version": ${SNAPSHOT_VERSION}`);
  });
});

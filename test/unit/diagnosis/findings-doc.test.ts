import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../../shared/ids';
import { RULES } from '../../../shared/diagnosis';

describe('docs/findings.md', () => {
  const doc = readFileSync('docs/findings.md', 'utf8');
  it('documents every finding id of the public contract', () => {
    expect(FINDING_IDS.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
  it('has exactly one rule per finding id', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...FINDING_IDS].sort()).toEqual([...ids].sort());
  });
});

import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without types
import { shippedScripts, testNames, untestedScripts } from '../../../scripts/pester-coverage.mjs';

const xml = (names: string[]) =>
  `<test-results total="${names.length}"><test-suite type="TestFixture" name="fix-time.ps1" description="fix-time.ps1"><results>${names
    .map((name) => `<test-case description="${name}" name="${name}" executed="True" result="Success" />`)
    .join('')}</results></test-suite></test-results>`;

describe('every shipped .ps1 is named in the Pester results (scripts/pester-coverage.mjs)', () => {
  it('lists the scripts on disk, the prologue included', () => {
    const scripts = shippedScripts(process.cwd()) as string[];
    expect(scripts).toContain('_prologue.ps1');
    expect(scripts).toContain('os.ps1');
    expect(scripts).toContain('fix-licensing.ps1');
  });

  it('reports a script no test names, and none when all are named', () => {
    const scripts = ['fix-time.ps1', 'os.ps1', 'licensing.ps1'];
    expect(untestedScripts(scripts, xml(['probe de.os.ps1 prints one JSON document']))).toEqual(['licensing.ps1']);
    expect(untestedScripts(scripts, xml(['os.ps1 runs', 'licensing.ps1 runs']))).toEqual([]);
    expect(testNames(xml(['a &amp; b'])).at(-1)).toBe('a & b');
  });
});

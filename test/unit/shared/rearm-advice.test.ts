import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_RECORDS } from '../../../shared/knowledge/errors';

const SHARED = join(__dirname, '../../../shared');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** String literals ('…', "…", `…`) that advise slmgr /rearm. */
function rearmAdvice(text: string): string[] {
  const literals = text.match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
  return literals.filter((l) => /\/rearm\b/i.test(l));
}

describe('slmgr /rearm advice', () => {
  it('is never given without Microsoft\'s condition (generalized with SkipRearm; otherwise rebuild)', () => {
    const advice = sources(SHARED).flatMap((file) => rearmAdvice(readFileSync(file, 'utf8')).map((l) => [file, l] as const));
    expect(advice.length).toBeGreaterThan(1);
    for (const [file, line] of advice.filter(([, l]) => !/\(also run by sysprep/.test(l))) {
      expect(line, file).toMatch(/SkipRearm/);
      expect(line, file).toMatch(/rebuil/i);
    }
  });

  it('the 0xC004F038 record states the condition', () => {
    const steps = ERROR_RECORDS.find((r) => r.code === '0xC004F038')!.nextSteps.join(' ');
    expect(steps).toMatch(/only if the image was generalized with sysprep but with SkipRearm/);
    expect(steps).toMatch(/Otherwise .*rebuild/);
  });
});

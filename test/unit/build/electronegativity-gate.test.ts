import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The gate itself runs on the real sources as `npm run test:security`; this proves that it
// fails the run when Electronegativity reports HIGH/MEDIUM findings (the tool always exits 0).
describe('electronegativity gate', () => {
  it('fails on an insecure window and names the findings', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', '--input', 'test/fixtures/electronegativity/insecure'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(run.stdout).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(run.stderr).toMatch(/HIGH\/MEDIUM finding/);
  }, 60_000);
});

// Ends `npm test` with one plain line counting every test that ran (Vitest, Pester and Playwright):
// "Tests: N passed, M failed". It fails the run when a report is missing or counted no test.
import { readFileSync } from 'node:fs';

function text(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    console.error(`test summary: ${path} is missing or unreadable; did the test run finish?`);
    process.exit(1);
  }
}

function read(path) {
  try {
    return JSON.parse(text(path));
  } catch {
    console.error(`test summary: ${path} is not JSON; did the test run finish?`);
    process.exit(1);
  }
}

/** Pester's NUnit 2.5 XML: the counts on the root <test-results> element. */
function pesterCounts(path) {
  const head = text(path).match(/<test-results\b[^>]*>/)?.[0];
  const count = (name) => Number(head?.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? Number.NaN);
  const total = count('total');
  if (!head || !Number.isFinite(total) || total === 0) {
    console.error(`test summary: ${path} holds no Pester results; did npm run test:powershell run?`);
    process.exit(1);
  }
  const failed = count('failures') + count('errors');
  const notPassed = ['not-run', 'inconclusive', 'ignored', 'skipped', 'invalid'].reduce((sum, name) => sum + (count(name) || 0), 0);
  return { passed: total - failed - notPassed, failed };
}

const vitest = read('test-results/vitest.json');
const pester = pesterCounts('test-results/pester.xml');
const playwright = read('test-results/playwright.json');
const passed = (vitest.numPassedTests ?? 0) + pester.passed + (playwright.stats?.expected ?? 0);
const failed = (vitest.numFailedTests ?? 0) + pester.failed + (playwright.stats?.unexpected ?? 0) + (playwright.stats?.flaky ?? 0);
console.log(`unit and component: ${vitest.numPassedTests} passed; PowerShell (Pester): ${pester.passed} passed; browser: ${playwright.stats?.expected ?? 0} passed`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0 || vitest.numPassedTests === 0 || pester.passed === 0) process.exit(1);

// Ends `npm test` with one plain line counting every test that ran (Vitest and Playwright):
// "Tests: N passed, M failed". It fails the run when a report is missing or counted no test.
import { readFileSync } from 'node:fs';

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    console.error(`test summary: ${path} is missing or unreadable; did the test run finish?`);
    process.exit(1);
  }
}

const vitest = read('test-results/vitest.json');
const playwright = read('test-results/playwright.json');
const passed = (vitest.numPassedTests ?? 0) + (playwright.stats?.expected ?? 0);
const failed = (vitest.numFailedTests ?? 0) + (playwright.stats?.unexpected ?? 0) + (playwright.stats?.flaky ?? 0);
console.log(`unit and component: ${vitest.numPassedTests} passed; browser: ${playwright.stats?.expected ?? 0} passed`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exit(1);

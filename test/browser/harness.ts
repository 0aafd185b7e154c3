/**
 * Opens the built renderer with a test bridge (typed from the IPC contract) serving a recorded
 * scenario, and runs axe-core on each screen.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const bundles = new Map<string, string>();

function scenarioBundle(name: string): string {
  const cached = bundles.get(name);
  if (cached) return cached;
  const result = buildSync({
    stdin: {
      contents: `import { createTestBridge } from '../support/test-bridge';
import { handlers } from './scenarios/${name}';
window.activationDoctor = createTestBridge(handlers).api;`,
      resolveDir: resolve(__dirname),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
  });
  const code = result.outputFiles[0]!.text;
  bundles.set(name, code);
  return code;
}

export async function openApp(page: Page, scenario: string): Promise<void> {
  await page.addInitScript({ content: scenarioBundle(scenario) });
  await page.goto('/index.html');
}

export async function expectNoAxeViolations(page: Page, screenName: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screenName}`).toEqual([]);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = resolve(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

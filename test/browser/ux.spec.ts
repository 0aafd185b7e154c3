/**
 * What a technician in a hurry meets, in Chromium at the sizes they use: the slmgr /dlv strip and
 * the recommended fix above the fold, honest "cannot tell", fresh previews, what Copy copies,
 * focus, dialogs that fit 1024x700, and the terminal's wrapped output rendered for a screenshot.
 */
import { expect, test, type Page } from '@playwright/test';
import { runCli } from '../../main/cli/index';
import { SCENARIOS } from '../unit/diagnosis/scenarios';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

declare global {
  interface Window {
    __copied?: string[];
  }
}

async function diagnosis(page: Page, scenario: string) {
  // Record what the app puts on the clipboard (the real clipboard is the OS's, not the page's).
  await page.addInitScript(() => {
    window.__copied = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void window.__copied!.push(t) }, configurable: true });
  });
  await openApp(page, scenario);
  await page.getByRole('button', { name: /^Check this computer/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /activated|Cannot tell/ })).toBeVisible();
}

test.describe('the diagnosis a technician meets first', () => {
  test('1366x768: the slmgr /dlv strip and the recommended fix beside its cause, above the fold', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await diagnosis(page, 'time-skew');
    const strip = page.getByLabel("This computer's licence, as slmgr /dlv would show it");
    await expect(strip).toContainText('Windows Server 2019 Standard');
    await expect(strip).toContainText('KMS client (volume licence)');
    await expect(strip).toContainText('Not activated');
    await expect(strip).toContainText('kms1.corp.example:1688 (discovered)');
    await expect(page.locator('main')).not.toContainText('Windows(R)');
    const verdict = page.locator('section.verdict');
    await expect(verdict).toContainText('Most likely cause: The clocks differ by more than 4 hours');
    const recommended = verdict.getByRole('button', { name: /^Sync the clock\s*\(recommended\)$/ });
    const box = (await recommended.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await expectNoAxeViolations(page, 'diagnosis strip (1366x768)');
    await page.screenshot({ path: resolve('test-results', 'screenshots', 'diagnosis-strip-1366.png') });
  });

  test('cannot tell: never "No problems found"; the shared cause said once with its one action', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.addInitScript(() => undefined);
    await openApp(page, 'cannot-tell');
    await expect(page.getByRole('status').locator('.pill')).toHaveText('Unknown');
    await page.getByRole('button', { name: /^Check this computer/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Cannot tell/ })).toBeVisible();
    await expect(page.getByText('No problems found')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: /Cannot tell yet/ })).toBeVisible();
    await expect(page.getByText(/^Not running on Windows: \d+ facts could not be read\.$/)).toHaveCount(1);
    await expect(page.getByText(/run the collector script/)).toHaveCount(1);
    await expect(page.locator('main')).not.toContainText('evaluation-edition');
    await expectNoAxeViolations(page, 'cannot tell');
    await saveScreenshot(page, 'cannot-tell');
  });
});

test.describe('commands that run when pasted', () => {
  test('the preview never goes stale, Copy copies exactly what runs, long commands wrap, Apply fits 1024x700', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await diagnosis(page, 'stale-srv');
    const first = page.getByRole('article').first();
    await first.getByRole('button', { name: /^Set the KMS host/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Set the KMS host' });
    const host = dialog.getByLabel('KMS host');
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('/skms kms2.corp.example:1688');

    // Invalid input: the old preview goes, the dialog says why, Copy and Apply cannot be used.
    await host.fill('kms2;calc');
    await expect(dialog.getByLabel('Equivalent commands')).toHaveCount(0);
    await expect(dialog.getByText(/No preview yet: correct the input above/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Copy the commands' })).toHaveCount(0);
    await host.fill('');
    await expect(dialog.getByText(/No preview yet: fill in the input above/)).toBeVisible();

    // A long host name: the command wraps inside its box, nothing clipped; Apply stays in view.
    const long = `${'very-long-label-'.repeat(3)}kms.${'branch-office-'.repeat(3)}corp.example:1688`;
    await host.fill(long);
    const commands = dialog.getByLabel('Equivalent commands');
    await expect(commands).toContainText(long);
    expect(await commands.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    const apply = dialog.getByRole('button', { name: 'Apply this fix' });
    await expect(apply).toBeInViewport({ ratio: 1 });
    await dialog.getByRole('button', { name: 'Copy the commands' }).click();
    await expect(dialog.getByText('Copied, with the values you typed.')).toBeVisible();
    const copied = await page.evaluate(() => window.__copied ?? []);
    expect(copied).toEqual([`cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /skms ${long}`]);
    await expectNoAxeViolations(page, 'fix dialog (1024x700)');
    await saveScreenshot(page, 'fix-dialog-1024');

    // Cancel gives focus back to the button that opened the dialog.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator(':focus')).toHaveText(/^Set the KMS host/);
  });

  test('a host one edit from a known host gets "did you mean"; so does an IPv6 address with a port', async ({ page }) => {
    await diagnosis(page, 'stale-srv');
    await page.getByRole('article').first().getByRole('button', { name: /^Set the KMS host/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Set the KMS host' });
    await dialog.getByLabel('KMS host').fill('kms3.corp.example:1688');
    await expect(dialog.getByText('Did you mean kms2.corp.example:1688?', { exact: false })).toBeVisible();
    await dialog.getByRole('button', { name: 'Use kms2.corp.example:1688' }).click();
    await expect(dialog.getByLabel('KMS host')).toHaveValue('kms2.corp.example:1688');
    await dialog.getByLabel('KMS host').fill('2001:db8::5:1688');
    await expect(dialog.getByText(/Did you mean \[2001:db8::5\]:1688\?/)).toBeVisible();
  });

  test('a command inside the guidance has its own copy button, which copies only the command', async ({ page }) => {
    await diagnosis(page, 'port-filtered');
    const copy = page.getByRole('button', { name: /^Copy the command / }).first();
    const command = (await copy.getAttribute('aria-label'))!.replace('Copy the command ', '');
    await copy.click();
    expect(await page.evaluate(() => window.__copied)).toEqual([command]);
  });
});

test.describe('journeys', () => {
  test('radio buttons meet the WCAG 2.2 target size; counts reject "abc" and "-3"', async ({ page }) => {
    await openApp(page, 'small-shop');
    await page.getByRole('button', { name: /^Activate without a KMS host/ }).click();
    for (const radio of await page.getByRole('radio').all()) {
      const box = (await radio.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    }
    await page.getByLabel('How many Windows client PCs need volume activation?').fill('abc');
    await page.getByLabel('How many Windows Servers?').fill('-3');
    await expect(page.getByRole('alert').filter({ hasText: 'not a whole number' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be negative' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Recommend' })).toBeDisabled();
  });
});

test.describe('the terminal', () => {
  test('diagnose wraps to 80 columns with a hanging indent (rendered for the screenshot)', async ({ page }) => {
    const snapshot = SCENARIOS.find((s) => s.name === 'f074-time-skew-plus-5h')!.snapshot;
    const dir = resolve('test-results', 'terminal');
    mkdirSync(dir, { recursive: true });
    const file = resolve(dir, 'skew.json');
    writeFileSync(file, JSON.stringify(snapshot));
    let out = '';
    const code = await runCli(['diagnose', '--snapshot', file], { stdout: (t) => (out += t), stderr: () => undefined, columns: 80 });
    expect(code).toBe(1);
    for (const line of out.split('\n')) if (line.length > 80) expect(line.trim()).toMatch(/^(activation-doctor|w32tm|cscript)/);
    writeFileSync(resolve(dir, 'diagnose-80.txt'), out);
    const escaped = out.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    await page.setViewportSize({ width: 760, height: 600 });
    await page.setContent(
      `<html><body style="margin:0;background:#0c0c0c"><pre style="margin:0;padding:12px 14px;color:#cccccc;font:13px/1.35 'DejaVu Sans Mono',monospace;width:80ch">` +
        `<span style="color:#7ec699">PS C:\\&gt; activation-doctor diagnose --snapshot skew.json</span>\n${escaped}</pre></body></html>`,
    );
    await page.screenshot({ path: resolve('test-results', 'screenshots', 'terminal-diagnose-80.png'), fullPage: true });
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';

async function checkThisComputer(page: Page, scenario: string) {
  await openApp(page, scenario);
  await page.getByRole('button', { name: /^Check this computer/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checking this computer' })).toBeVisible();
}

test.describe('the wizard', () => {
  test('time skew: check, kms-time-skew first, sync time, confirm, re-check resolved', async ({ page }) => {
    await checkThisComputer(page, 'time-skew');
    await expect(page.getByRole('status').filter({ hasText: 'checks done' })).toBeVisible();
    await saveScreenshot(page, 'wizard-1-checking');
    await expect(page.getByRole('heading', { level: 1, name: 'Windows is not activated' })).toBeVisible();
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toHaveText('1. The clocks differ by more than 4 hours');
    await expect(first.getByRole('row', { name: /Clock of kms1\.corp\.example/ })).toContainText('5 h 02 min ahead of this computer');
    await expect(first.getByRole('row', { name: /Clock of kms1\.corp\.example/ })).toContainText('within 4 h');
    await expectNoAxeViolations(page, 'diagnosis (time skew)');
    await saveScreenshot(page, 'wizard-1-diagnosis');

    await first.getByRole('button', { name: /^Sync the clock\s*\(recommended\)$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync the clock' });
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('w32tm /resync /rediscover');
    await expectNoAxeViolations(page, 'fix dialog (sync time)');
    await saveScreenshot(page, 'wizard-1-fix-preview');
    await dialog.getByRole('button', { name: 'Apply this fix' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Fixed.' })).toBeVisible();
    await expect(dialog.getByRole('table', { name: 'Before and after' })).toContainText('OOBGrace');
    await saveScreenshot(page, 'wizard-1-fixed');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Windows is activated' })).toBeVisible();
    await expectNoAxeViolations(page, 'diagnosis after the fix');
  });

  test('stale SRV record: the diagnosis proposes the working host and the fix sets it', async ({ page }) => {
    await checkThisComputer(page, 'stale-srv');
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toHaveText('1. DNS lists a stale KMS host beside a working one');
    await first.getByRole('button', { name: 'Set the KMS host' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set the KMS host' });
    const host = dialog.getByLabel('KMS host');
    await expect(host).toHaveValue('kms2.corp.example:1688');
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('slmgr.vbs /skms kms2.corp.example:1688');
    // Validated as the technician types: a bad value shows the rule and disables the button.
    await host.fill('kms2;calc');
    await expect(dialog.getByRole('alert').filter({ hasText: 'not a valid host name' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Apply this fix' })).toBeDisabled();
    await saveScreenshot(page, 'wizard-2-invalid-input');
    await host.fill('kms2.corp.example:1688');
    await expect(dialog.getByRole('button', { name: 'Apply this fix' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Apply this fix' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Fixed.' })).toBeVisible();
    await expectNoAxeViolations(page, 'fix result (set KMS host)');
  });

  test('AVMA on Azure: the switch fix shows all three commands before running', async ({ page }) => {
    await checkThisComputer(page, 'avma-azure');
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toHaveText('1. An AVMA key is installed on an Azure VM');
    await first.getByRole('button', { name: 'Switch this Azure VM from AVMA to Azure KMS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch this Azure VM from AVMA to Azure KMS' });
    const commands = dialog.getByLabel('Equivalent commands');
    await expect(commands).toContainText('/ipk *****-*****-*****-*****-J464C'); // even a published key: last five on screen
    await expect(commands).toContainText('/skms azkms.core.windows.net:1688');
    await expect(commands).toContainText('/ato');
    await expectNoAxeViolations(page, 'fix dialog (AVMA switch)');
    await saveScreenshot(page, 'wizard-3-avma-preview');
  });

  test('report export produces an HTML file with the findings and no full product key', async ({ page }) => {
    await checkThisComputer(page, 'avma-azure');
    await page.getByRole('button', { name: 'Export the report (HTML)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
    const exported = await page.evaluate(() => window.__lastExport);
    expect(exported?.format).toBe('html');
    const html = exported?.text ?? '';
    const dir = resolve('test-results', 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'avma-azure.html'), html);
    expect(html).toContain('An AVMA key is installed on an Azure VM');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}\b/);
    // The saved report itself is readable and accessible offline.
    await page.setContent(html);
    await expect(page.getByRole('heading', { name: /An AVMA key is installed/ }).first()).toBeVisible();
    await saveScreenshot(page, 'wizard-4-report');
  });

  test('every screen works by keyboard alone, with visible focus', async ({ page }) => {
    await openApp(page, 'time-skew');
    await expect(page.getByRole('heading', { level: 1, name: /Why won.t Windows activate/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toContainText('Check this computer');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Windows is not activated' })).toBeFocused();
    // Walk to the first fix button and open it with the keyboard.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if ((await page.locator(':focus').textContent())?.startsWith('Sync the clock')) break;
    }
    // The recommended fix sits at the top, next to its cause: the first fix the keyboard reaches.
    await expect(page.locator(':focus')).toHaveText(/^Sync the clock\s*\(recommended\)$/);
    expect(await page.locator(':focus').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    // Focus is back on the button that opened the dialog.
    await expect(page.locator(':focus')).toHaveText(/^Sync the clock\s*\(recommended\)$/);
  });
});

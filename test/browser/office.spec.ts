import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';

test.describe('Office beside Windows', () => {
  test('the checklist reads Office, the finding names Office, its fix previews ospp.vbs, and the report has an Office section', async ({ page }) => {
    await openApp(page, 'office');
    await page.getByRole('button', { name: /^Check this computer/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checking this computer' })).toBeVisible();
    await expect(page.locator('ol.checklist')).toContainText('Office licence state');

    await expect(page.getByRole('heading', { level: 1, name: 'Windows is activated' })).toBeVisible();
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toHaveText("1. Windows' KMS host is set by hand, Office's is not");
    await expect(first.locator('.badge-product')).toHaveText('Office');
    await expectNoAxeViolations(page, 'diagnosis (Office finding)');
    await saveScreenshot(page, 'office-1-diagnosis');

    await first.getByRole('button', { name: /^Set Office's KMS host/ }).click();
    const dialog = page.getByRole('dialog', { name: "Set Office's KMS host" });
    await expect(dialog.getByLabel('KMS host for Office')).toHaveValue('kms1.corp.example:1688');
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('OSPP.VBS" /sethst:kms1.corp.example');
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('/setprt:1688');
    await expectNoAxeViolations(page, 'fix dialog (Office KMS host)');
    await saveScreenshot(page, 'office-2-fix-preview');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Export the report (HTML)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
    const html = (await page.evaluate(() => window.__lastExport))?.text ?? '';
    const dir = resolve('test-results', 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'office.html'), html);
    expect(html).not.toMatch(/\b[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}\b/);
    await page.setContent(html);
    const office = page.getByRole('region', { name: 'Office' });
    await expect(office).toContainText('Office 21, Office21ProPlus2021VL_KMS_Client_AE edition');
    await expect(office).toContainText('not set (DNS discovery)');
    await expect(page.locator('.finding .product-office').first()).toHaveText('Office');
    await expectNoAxeViolations(page, 'HTML report (Office section)');
    await saveScreenshot(page, 'office-3-report');
  });
});

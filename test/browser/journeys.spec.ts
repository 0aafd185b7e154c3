import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';

test.describe('journeys', () => {
  test('an error code pasted as a full slmgr message reaches the right findings', async ({ page }) => {
    await openApp(page, 'port-filtered');
    await page.getByRole('button', { name: /^I have an error code/ }).click();
    await page
      .getByLabel('Error code or message')
      .fill('Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.');
    await page.getByRole('button', { name: 'Explain' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('0xC004F074 · SL_E_VL_BINDING_SERVICE_UNAVAILABLE');
    await expectNoAxeViolations(page, 'error code explained');
    await saveScreenshot(page, 'journey-error-code');
    await page.getByRole('button', { name: 'Check the causes now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Windows is not activated' })).toBeVisible();
    await expect(page.getByText('checked for 0xC004F074')).toBeVisible();
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toContainText('the port is blocked');
    await expect(first.getByText('Explains the error code')).toBeVisible();
  });
});

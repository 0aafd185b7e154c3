import { expect, test, type Page } from '@playwright/test';
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
    await expect(page.getByText('Checked first for the causes of 0xC004F074.')).toBeVisible();
    const first = page.getByRole('article').first();
    await expect(first.getByRole('heading', { level: 3 })).toContainText('the port is blocked');
    await expect(first.getByText('Explains the error code')).toBeVisible();
  });
});

test.describe('activate without a KMS host', () => {
  async function decide(page: Page, clients: string, servers: string) {
    await page.getByLabel('How many Windows client PCs need volume activation?').fill(clients);
    await page.getByLabel('How many Windows Servers?').fill(servers);
    await page.getByRole('button', { name: 'Recommend' }).click();
  }

  test('the decision aid recommends MAK for 12 clients and KMS for 40', async ({ page }) => {
    await openApp(page, 'small-shop');
    await page.getByRole('button', { name: /^Activate without a KMS host/ }).click();
    await decide(page, '12', '1');
    await expect(page.getByRole('heading', { level: 2, name: 'Recommended: Activate online with a MAK or retail key' })).toBeVisible();
    await expect(page.getByText(/13 machines in one count .*not the 25 that Windows clients need/)).toBeVisible();
    await expectNoAxeViolations(page, 'decision aid: MAK');
    await saveScreenshot(page, 'journey-decision-mak');
    await decide(page, '40', '1');
    await expect(page.getByRole('heading', { level: 2, name: 'Recommended: Set up a KMS host' })).toBeVisible();
    await saveScreenshot(page, 'journey-decision-kms');
  });

  test('a complete phone activation with a mistyped group corrected', async ({ page }) => {
    await openApp(page, 'small-shop');
    await page.getByRole('button', { name: /^Activate without a KMS host/ }).click();
    await page.getByLabel('How many Windows client PCs need volume activation?').fill('6');
    await page.getByLabel('How many Windows Servers?').fill('0');
    await page.getByLabel('Not at all').check();
    await page.getByRole('button', { name: 'Recommend' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Recommended: Activate by phone' })).toBeVisible();
    await page.getByRole('button', { name: 'Activate by phone' }).click();
    await expect(page.getByLabel('Installation ID')).toContainText('5632761');
    await expect(page.getByLabel('Installation ID').locator('.iid-group')).toHaveCount(9);

    // Paste the whole confirmation ID into the first box: it is split over all eight.
    await page.getByLabel('A', { exact: true }).fill('123456-234567-345678-456789-567890-678901-789012-890123');
    await expect(page.getByLabel('H', { exact: true })).toHaveValue('890123');
    // A typo in group C is caught as it is typed, and blocks the deposit.
    await page.getByLabel('C', { exact: true }).fill('34567');
    await expect(page.getByRole('alert').filter({ hasText: 'group C of the confirmation ID has 5 digits' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Activate with this confirmation ID…' })).toBeDisabled();
    await saveScreenshot(page, 'journey-phone-typo');
    await page.getByLabel('C', { exact: true }).fill('345678');
    await expectNoAxeViolations(page, 'phone activation');
    await page.getByRole('button', { name: 'Activate with this confirmation ID…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate by phone' });
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('/atp');
    await dialog.getByRole('button', { name: 'Apply this fix' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Fixed.' })).toBeVisible();
    await saveScreenshot(page, 'journey-phone-done');
  });

  test('a mismatched confirmation ID is explained', async ({ page }) => {
    await openApp(page, 'small-shop');
    await page.getByRole('button', { name: /^Activate without a KMS host/ }).click();
    await page.getByLabel('How many Windows client PCs need volume activation?').fill('6');
    await page.getByLabel('How many Windows Servers?').fill('0');
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.getByRole('button', { name: 'Activate by phone' }).click();
    await page.getByLabel('A', { exact: true }).fill('111111 222222 333333 444444 555555 666666 777777 888888');
    await page.getByRole('button', { name: 'Activate with this confirmation ID…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Activate by phone' });
    await dialog.getByRole('button', { name: 'Apply this fix' }).click();
    await expect(dialog.getByRole('region', { name: 'Result' })).toContainText('does not belong to this installation ID');
  });

  test('online: checks Microsoft first, validates the key as typed, previews the install', async ({ page }) => {
    await openApp(page, 'small-shop');
    await page.getByRole('button', { name: /^Activate without a KMS host/ }).click();
    await page.getByLabel('How many Windows client PCs need volume activation?').fill('6');
    await page.getByLabel('How many Windows Servers?').fill('0');
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.getByRole('button', { name: 'Activate online with a key' }).click();
    await page.getByRole('button', { name: "Check Microsoft's activation servers" }).click();
    await expect(page.getByRole('status').filter({ hasText: 'activation servers answer' })).toContainText('3 of 3 activation servers answer directly');
    const key = page.getByLabel('Product key (MAK or retail)');
    await key.fill('n69g4–b89j2–4g8f4–wwycc–j46');
    await expect(page.getByRole('alert')).toBeVisible();
    // Microsoft's published KMS client key for Server 2019 Standard is said to be one at once.
    await key.fill('n69g4–b89j2–4g8f4–wwycc–j464c');
    await expect(page.getByRole('alert')).toContainText('published KMS client setup key (GVLK) for Windows Server 2019 Standard');
    await expect(page.getByRole('button', { name: 'Install the key and activate…' })).toBeDisabled();
    await key.fill('qx7pt–2mb9d–kh4cr–j6w3f–8ygvn');
    await expect(page.getByText('Looks right: key ending in 8YGVN.')).toBeVisible();
    await page.getByRole('button', { name: 'Install the key and activate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install a MAK or retail key and activate online' });
    await expect(dialog.getByLabel('Equivalent commands')).toContainText('/ipk *****-*****-*****-*****-8YGVN');
    await expectNoAxeViolations(page, 'online activation');
  });
});

test.describe('set up a KMS host', () => {
  async function applyStep(page: Page, button: string, dialogName: string, fill?: { label: string; value: string }, override = false) {
    await page.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog', { name: dialogName });
    if (fill) await dialog.getByLabel(fill.label).fill(fill.value);
    if (override) {
      // The future host is activated as a KMS client today: replacing that is refused until confirmed.
      await expect(dialog.getByRole('alert').filter({ hasText: 'would replace a working activation' })).toBeVisible();
      await dialog.getByRole('checkbox', { name: /do it anyway/ }).check();
    }
    await dialog.getByRole('button', { name: 'Apply this fix' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Fixed.' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  test('runs through to "host ready, count 3 of 5"', async ({ page }) => {
    await openApp(page, 'kms-setup');
    await page.getByRole('button', { name: /^Set up a KMS host/ }).click();
    await expect(page.getByText('This computer runs')).toContainText('Windows Server 2019');
    await expect(page.getByRole('list', { name: 'Compatibility' })).toContainText('Windows 11');
    await expectNoAxeViolations(page, 'KMS host setup');
    await saveScreenshot(page, 'journey-kms-setup-start');

    await expect(page.getByRole('listitem').filter({ hasText: 'Volume Activation Services role' })).toContainText('To do');
    await applyStep(page, 'Install the Volume Activation Services role…', 'Install the Volume Activation Services role');
    await expect(page.getByRole('listitem').filter({ hasText: 'Volume Activation Services role' })).toContainText('Done');
    await applyStep(page, 'Install the KMS host key (CSVLK)…', 'Install the KMS host key (CSVLK)', { label: 'KMS host key (CSVLK)', value: 'TQ7W3-BC8HF-2KJ4M-R9XPV-6DG3Y' }, true);
    await expect(page.getByRole('listitem').filter({ hasText: 'KMS host key (CSVLK) installed' })).toContainText('Done');
    // The host can be activated online or, reusing the phone flow, by phone.
    await page.getByRole('button', { name: 'Activate by phone…' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Activate by phone' })).toBeVisible();
    await applyStep(page, 'Activate now…', 'Activate now');
    await expect(page.getByRole('listitem').filter({ hasText: 'Host key activated' })).toContainText('Done');
    await applyStep(page, 'Open the KMS port in Windows Firewall…', 'Open the KMS port in Windows Firewall');
    await expect(page.getByRole('status').filter({ hasText: 'Host ready' })).toHaveText('Host ready, count 3 of 5.');
    await expect(page.getByRole('listitem').filter({ hasText: 'Published in DNS' })).toContainText('_vlmcs._tcp points at app01.corp.example');
    await expect(page.getByRole('table', { name: /KMS client keys/ })).toContainText('slmgr.vbs /ipk');
    await expectNoAxeViolations(page, 'KMS host ready');
    await saveScreenshot(page, 'journey-kms-setup-ready');
  });
});

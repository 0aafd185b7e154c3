import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';

const ENTRY_TITLES = [
  'Check this computer',
  'I have an error code',
  'Activate without a KMS host',
  'Set up a KMS host',
  'Open a snapshot from another computer',
  'Check many computers',
];

test.describe('start page', () => {
  test('shows every entry point, reachable by role and keyboard, with no axe violations', async ({ page }) => {
    await openApp(page, 'windows-client');
    await expect(page.getByRole('heading', { level: 1, name: /Why won.t Windows activate/ })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('This computer: Microsoft Windows Server 2019 Standard');
    await expect(page.getByRole('status').locator('.pill')).toHaveText('Activated');
    // The heading has focus on load (so Tab starts at the first entry point) but no focus box.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    expect(await page.getByRole('heading', { level: 1 }).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');

    const nav = page.getByRole('navigation', { name: 'What do you want to do?' });
    for (const title of ENTRY_TITLES) await expect(nav.getByRole('button', { name: new RegExp(`^${title}`) })).toBeVisible();

    // Keyboard: Tab from the heading walks the entry points in order, with a visible focus ring.
    for (const title of ENTRY_TITLES) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      await expect(focused).toContainText(title);
      const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe('none');
    }

    await expectNoAxeViolations(page, 'start (light)');
    await saveScreenshot(page, 'start-light');

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Open a snapshot from another computer' })).toBeFocused();
  });

  test('follows the dark OS setting and stays accessible at 1024x700', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1024, height: 700 });
    await openApp(page, 'windows-client');
    await expect(page.getByRole('status')).toContainText('This computer:');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(23, 25, 29)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await expectNoAxeViolations(page, 'start (dark, 1024x700)');
    await saveScreenshot(page, 'start-dark-1024');
  });

  test('runs under the strict CSP with no console errors', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, 'windows-client');
    await expect(page.getByRole('status')).toContainText('This computer:');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(errors).toEqual([]);
  });
});

/**
 * "Check many computers" in Chromium: a generated fleet of 40 with every planted cross-machine
 * problem, at 1024x700 without horizontal scrolling, axe-clean on the fleet and on a machine's
 * diagnosis reached from it, and back to the fleet in one click.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp, saveScreenshot } from './harness';

test('Check many computers: groups by cause, cross-machine findings, drill into a machine and back', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, 'fleet');
  const entry = page.getByRole('button', { name: /^Check many computers/ });
  await entry.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Check many computers' })).toBeFocused();
  await expect(page.getByText(/activation-doctor fleet collect --computers/)).toBeVisible();
  await expectNoAxeViolations(page, 'fleet (before a folder)');

  await page.getByRole('button', { name: 'Choose a folder of snapshots…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Many computers: fleet-20261207' })).toBeVisible();
  await expect(page.getByText(/^40 computers read from 42 files: 20 healthy, 20 with problems/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: '2 KMS hosts split the count in split.corp.example' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /kms-old\.branch\.corp\.example:1688 is in DNS but does not answer/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Files that could not be read (2)' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling at 1024x700').toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, 'fleet (folder read)');
  await saveScreenshot(page, 'fleet');
  // The docs' picture: the top of the screen, as a technician first sees it.
  await page.setViewportSize({ width: 1024, height: 1000 });
  await page.screenshot({ path: 'test-results/screenshots/fleet-top.png' });
  await page.setViewportSize({ width: 1024, height: 700 });

  const split = page.getByRole('article', { name: '2 KMS hosts split the count in split.corp.example' });
  await split.getByText('Evidence and what to do').click();
  await expect(split.getByRole('cell', { name: 'at least 25 to activate client editions' }).first()).toBeVisible();
  await expect(split).toContainText('PC00000, PC00002');

  await page.getByLabel('Filter by name, domain, verdict or cause').fill('branch');
  await expect(page.getByText('10 computers match.')).toBeVisible();
  await page.getByRole('button', { name: 'PC00012' }).click();
  await expect(page.getByText(/a snapshot of another computer/)).toContainText('PC00012.json');
  await expect(page.getByRole('button', { name: 'Check again' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'a machine of the fleet');
  await page.getByRole('button', { name: /Back to the fleet/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Many computers: fleet-20261207' })).toBeFocused();
  await expect(page.getByLabel('Filter by name, domain, verdict or cause')).toHaveValue('branch');
});

import { expect, test, type Page } from '@playwright/test';
import { focusedCell, grid, gridLoaded, shownTotal } from './grid';
import { expectFocusKept, expectFocusOn, tabTo } from './keyboard';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 120, seed: 5 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function openOrganizations(page: Page): Promise<void> {
  await page.goto(`${host.url}/#organizations`);
  await gridLoaded(page);
}

/** Whether the focus is inside the element labelled `label`. */
function focusInside(page: Page, label: string): Promise<boolean> {
  return page.evaluate((name) => document.activeElement?.closest(`[aria-label="${name}"]`) != null, label);
}

test('the first Tab offers a skip link past the navigation, and on Organizations one to the grid', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Sector Studio' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expectFocusOn(page, 'Skip to main content');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeInViewport();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.closest('main') != null)).toBe(true);
  // The next Tab goes on from the main content, not from the top of the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') != null)).toBe(true);

  // A fresh page, as a link opens it: only the hash changed above, and the focus would stay in main.
  await page.goto('about:blank');
  await openOrganizations(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expectFocusOn(page, 'Skip to the grid');
  await page.keyboard.press('Enter');
  expect(await focusedCell(page)).toBe('0:0');
});

test('filters, removes a filter, exports and saves a view by keyboard, the focus always kept', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openOrganizations(page);
  await tabTo(page, 'Add filter');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Filter organizations' });
  await expect(dialog).toBeVisible();
  // The dialog opens on its first field, not on its Close button.
  await expectFocusOn(page, 'Column');
  await page.keyboard.type('Employees');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Column' })).toHaveValue(/^Employees/);
  await tabTo(page, 'At least', 3);
  await page.keyboard.type('1000');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Employees ≥ 1,000')).toBeVisible();
  // Back where the dialog was opened from.
  await expectFocusOn(page, 'Add filter');

  // The chips are one stop on the way to the grid, not one per chip and button.
  await page.keyboard.press('Tab');
  expect(await focusInside(page, 'Active filters')).toBe(true);
  await page.keyboard.press('Tab');
  expect(await focusedCell(page)).not.toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focusInside(page, 'Active filters')).toBe(true);
  await page.keyboard.press('ArrowRight');
  await expectFocusOn(page, 'Remove filter Employees ≥ 1,000');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Employees ≥ 1,000')).toBeHidden();
  await expect.poll(() => shownTotal(page)).toBe(120);
  await expectFocusKept(page);
  await expectFocusOn(page, 'Add filter');

  // A menu gives the focus back to its button, after its item has run.
  await tabTo(page, 'Export', 15, 'Shift+Tab');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible();
  await tabTo(page, 'Export CSV', 4, 'ArrowDown');
  await page.keyboard.press('Enter');
  await download;
  await expect(page.getByRole('menu')).toBeHidden();
  await expectFocusOn(page, 'Export');

  await tabTo(page, 'Views', 10, 'Shift+Tab');
  await page.keyboard.press('Enter');
  // A menu opened by keyboard starts on its first item.
  await expectFocusOn(page, 'Save view as…');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Save this view' })).toBeVisible();
  await expectFocusOn(page, 'View name');
  await page.keyboard.type('Keyboard view');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Save this view' })).toBeHidden();
  // Once the dialog's closing transition is over: it was opened from a menu item that is gone.
  await expectFocusOn(page, 'Views');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Keyboard view', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectFocusOn(page, 'Views');

  // Into the grid, a row's drawer and back to the same cell.
  await page.keyboard.press('Tab');
  await tabTo(page, 'Skip to the grid', 20, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('dialog').filter({ has: page.getByRole('table', { name: 'Organization facts' }) }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  // The drawer gives the focus back as its closing transition ends.
  await expect.poll(() => focusedCell(page)).toBe('1:0');
  await expect(grid(page)).toBeVisible();
});

test('the Cache lab by keyboard: pick a sector, fetch it, invalidate it', async ({ page }) => {
  await page.goto(`${host.url}/#cache`);
  await tabTo(page, 'Select a Sector to Fetch', 30);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Select a Sector to Fetch' })).not.toHaveValue('');
  await tabTo(page, 'Fetch Config (with cache)', 10);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Loaded from the database')).toBeVisible();
  await expectFocusOn(page, 'Fetch Config (with cache)');
  await tabTo(page, 'Invalidate Cache', 10);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Cache log' })).toContainText('Cache DELETE');
  await expectFocusOn(page, 'Invalidate Cache');
});

import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y';
import { gridLoaded, shownTotal } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, optionNamed, screenshotDir } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 400, seed: 23 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

/** The count a menu option shows after its label ("Healthcare 58"). */
async function countOf(page: Page, label: string): Promise<number> {
  const count = optionNamed(page, label).locator('.facet-count');
  await expect(count).toHaveText(/^[\d,]+$/);
  return Number((await count.innerText()).replace(/,/g, ''));
}

test('the sector and status menus count each value under the rest of the filter, as the grid totals it', async ({
  page,
}) => {
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
  await choose(page, 'Filter by Status', 'Active');
  await gridLoaded(page);

  await page.getByRole('combobox', { name: 'Filter Organizations by Sector', exact: true }).click();
  const healthcare = await countOf(page, 'Healthcare');
  expect(healthcare).toBeGreaterThan(0);
  await page.screenshot({ path: `${screenshotDir}/facets-sector-menu.png` });
  expect(await seriousViolations(page, 'sector menu with counts')).toEqual([]);
  await optionNamed(page, 'Healthcare').click();
  await gridLoaded(page);
  await expect.poll(() => shownTotal(page)).toBe(healthcare);

  // Within Healthcare, the status menu still offers every status, each with its count.
  await page.getByRole('combobox', { name: 'Filter by Status', exact: true }).click();
  const inactive = await countOf(page, 'Inactive');
  await optionNamed(page, 'Inactive').click();
  await gridLoaded(page);
  await expect.poll(() => shownTotal(page)).toBe(inactive);
});

test('the filter dialog counts the yes and no of a yes/no column', async ({ page }) => {
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
  await choose(page, 'Filter Organizations by Sector', 'Healthcare');
  await gridLoaded(page);
  await page.getByRole('button', { name: 'Add filter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Filter organizations' });
  await dialog.getByRole('combobox', { name: 'Column' }).fill('HIPAA');
  await page.getByRole('option', { name: /^HIPAA certified \(/ }).click();
  const yes = dialog.locator('label', { hasText: /^Yes/ }).locator('.facet-count');
  await expect(yes).toHaveText(/^[\d,]+$/);
  const count = Number((await yes.innerText()).replace(/,/g, ''));
  await page.screenshot({ path: `${screenshotDir}/facets-filter-dialog.png` });
  expect(await seriousViolations(page, 'filter dialog with counts')).toEqual([]);
  await dialog.getByRole('button', { name: 'Apply filter' }).click();
  await gridLoaded(page);
  await expect.poll(() => shownTotal(page)).toBe(count);
});

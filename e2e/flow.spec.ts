import { expect, test, type Page } from '@playwright/test';
import { columnTexts, grid, gridLoaded, shownTotal } from './grid';
import { cacheLog, choose, openSection, screenshot, stat } from './ui';

const sectorKey = 'sector:pe_financial_services';

/** Index of the newest log row containing `text`, or -1. The log is newest first. */
async function newest(page: Page, text: string): Promise<number> {
  return (await cacheLog(page)).findIndex((row) => row.includes(text));
}

async function fetchWithCache(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fetch Config (with cache)' }).click();
}

// One database, walked from empty to filled in the order the lab teaches.
test.describe.configure({ mode: 'serial' });

test('the whole lab flow on a fresh database', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Welcome to Sector Studio' })).toBeVisible();
  await expect(page.getByText('no schema')).toBeVisible();
  await screenshot(page, 'home-empty');

  await test.step('Schema', async () => {
    await openSection(page, 'Schema');
    await page.getByRole('button', { name: 'Initialize Database Schema' }).click();
    await expect(page.getByText('Schema ready')).toBeVisible();
    await expect(page.getByRole('tab', { name: /Tables & columns/ })).toBeVisible();
    await page.getByRole('button', { name: 'vw_organizations_full' }).click();
    await expect(page.getByRole('cell', { name: 'sector_name', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'vw_organizations_full' }).click();
    await page.getByRole('button', { name: 'focus_group_calibrations' }).click();
    await expect(page.getByRole('cell', { name: 'effective_from', exact: true })).toBeVisible();
    await screenshot(page, 'schema');
  });

  await test.step('Seeding', async () => {
    await openSection(page, 'Seeding');
    await page.getByRole('button', { name: 'Seed Initial Focus Groups & Dimensions' }).click();
    await expect(page.getByText('In the database now: 7 focus groups · 7 dimensions')).toBeVisible();
    await page.getByRole('button', { name: 'Seed All Weights and Calibrations' }).click();
    await expect(page.getByText(/In the database now: 49 weights/)).toBeVisible();
    const focusGroups = page.getByRole('table', { name: 'Focus groups' });
    await expect(focusGroups.getByRole('row')).toHaveCount(8);
    await expect(focusGroups.getByRole('cell', { name: 'Financial Services' })).toBeVisible();
    // Running a step again changes nothing, and says so.
    await page.getByRole('button', { name: 'Seed Initial Focus Groups & Dimensions' }).click();
    await expect(page.getByText('Already up to date')).toBeVisible();
    await screenshot(page, 'seeding');
  });

  await test.step('Sector Configuration', async () => {
    await openSection(page, 'Sector Configuration');
    await choose(page, 'Select a Sector', 'Financial Services');
    await expect(stat(page, 'HR baseline')).toHaveText('82');
    await expect(stat(page, 'EBITDA multiplier')).toHaveText('1.10');
    await expect(page.getByText('Weights sum to 1.000')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Dimension weights for Financial Services' })).toBeVisible();
    await expect(page.locator('canvas')).toHaveCount(1);
    await expect(page.getByRole('table', { name: 'Dimension weights' }).getByRole('row')).toHaveCount(8);
    await screenshot(page, 'sector-configuration');
  });

  await test.step('Cache', async () => {
    await openSection(page, 'Cache');
    await choose(page, 'Select a Sector to Fetch', 'Financial Services');

    await fetchWithCache(page);
    await expect(page.getByText('Loaded from the database')).toBeVisible();
    await expect.poll(() => newest(page, `Cache SET for key: ${sectorKey}`)).toBeGreaterThanOrEqual(0);
    const miss = await newest(page, `Cache MISS for key: ${sectorKey}`);
    expect(miss).toBeGreaterThan(await newest(page, `Cache SET for key: ${sectorKey}`));

    await fetchWithCache(page);
    await expect(page.getByText('Served from the cache')).toBeVisible();
    await expect.poll(() => newest(page, `Cache HIT for key: ${sectorKey}`)).toBe(0);

    await choose(page, 'Select scope for cache invalidation', 'Financial Services');
    await page.getByRole('button', { name: 'Invalidate Cache' }).click();
    await expect.poll(() => newest(page, `Cache DELETE for key: ${sectorKey}`)).toBe(0);

    await fetchWithCache(page);
    await expect(page.getByText('Loaded from the database')).toBeVisible();
    await expect
      .poll(async () =>
        (await cacheLog(page)).filter((row) => row.includes(`Cache MISS for key: ${sectorKey}`)),
      )
      .toHaveLength(2);
    await expect(page.getByRole('table', { name: 'Cached keys' })).toContainText(sectorKey);
    await expect(page.getByRole('img', { name: /Fetch latency/ })).toBeVisible();
    await fetchWithCache(page);
    await expect(page.getByText('Served from the cache')).toBeVisible();
    await expect(stat(page, 'Hits')).toHaveText(/^[1-9]\d*$/);
    await screenshot(page, 'cache');
  });

  await test.step('Organizations', async () => {
    await openSection(page, 'Organizations');
    // An empty database offers the insert where the grid will be.
    await page.getByRole('textbox', { name: 'How many organizations' }).fill('70');
    await page.getByRole('button', { name: 'Insert Sample Organizations' }).click();
    // The notification says what was inserted; the grid then takes the panel's place.
    await expect(page.getByRole('alert').filter({ hasText: 'Sample organizations inserted' })).toContainText(
      '70 organizations',
    );
    await gridLoaded(page);
    await expect.poll(() => shownTotal(page)).toBe(70);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '71');

    await choose(page, 'Filter Organizations by Sector', 'Financial Services');
    await expect(page.getByText('Sector: Financial Services')).toBeVisible();
    await gridLoaded(page);
    const sectors = await columnTexts(page, 'sector_name');
    expect(sectors.length).toBeGreaterThan(0);
    expect(new Set(sectors)).toEqual(new Set(['Financial Services']));
    // Name search narrows the same query in SQL.
    const name = (await columnTexts(page, 'legal_name'))[0]!;
    await page.getByRole('textbox', { name: 'Search by name' }).fill(name);
    await expect(page.getByText(`Name contains “${name}”`)).toBeVisible();
    expect((await columnTexts(page, 'legal_name')).every((text) => text.includes(name))).toBe(true);
    await page.getByRole('textbox', { name: 'Search by name' }).fill('');
    await expect.poll(() => shownTotal(page)).toBe(sectors.length);
    // The refresh button of the lab still reads the view again.
    await page.getByRole('button', { name: 'Fetch Unified Organization Data' }).click();
    await expect.poll(() => shownTotal(page)).toBe(sectors.length);
    await choose(page, 'Filter Organizations by Sector', 'All Sectors');
    // organizations.spec.ts takes the Organizations screenshots, on a bigger database.
  });

  await openSection(page, 'Home');
  await expect(page.getByText(/^schema v\d+$/)).toBeVisible();
  await expect(stat(page, 'Organizations')).toHaveText('70');
  await screenshot(page, 'home');
});

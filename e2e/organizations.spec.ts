import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { invoke, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot, scrollGridTo } from './ui';

const count = 300;
let db: ScratchDb;
let host: RunningHost;

// One database filled once; the steps read it in the order an analyst would.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await invoke(host, 'schema:init', {});
  await invoke(host, 'seed:focusGroupsDimensions', {});
  await invoke(host, 'seed:weightsCalibrations', {});
  await invoke(host, 'orgs:insertSample', { count, seed: 7 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

function grid(page: Page): Locator {
  return page.getByRole('table', { name: 'Unified organization data' });
}

async function column(page: Page, name: string): Promise<string[]> {
  return grid(page).locator(`td[data-column="${name}"]`).allInnerTexts();
}

/** The grid shows revenue as whole dollars ("$1,234,567"); the order is what matters here. */
async function revenues(page: Page): Promise<number[]> {
  return (await column(page, 'annual_revenue_usd')).map((text) => Number(text.replace(/[^\d]/g, '')));
}

function descending(values: number[]): boolean {
  return values.every((value, i) => i === 0 || values[i - 1]! >= value);
}

/** Scrolls the grid's own scroll container (not the page) and says where it is. */
async function scrollGrid(
  table: Locator,
  to: { top?: number },
): Promise<{ left: number; top: number; y: number; bottom: number }> {
  return table.evaluate((element, target) => {
    let scroller = element.parentElement;
    while (scroller !== null && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowY)) {
      scroller = scroller.parentElement;
    }
    if (scroller === null) throw new Error('the grid does not scroll');
    if (target.top !== undefined) scroller.scrollTop = target.top;
    const { y, bottom } = scroller.getBoundingClientRect();
    return { left: scroller.scrollLeft, top: scroller.scrollTop, y, bottom };
  }, to);
}

/** The shown total, from "Showing a–b of N". */
async function shownTotal(page: Page): Promise<number> {
  const text = await page.getByText(/^Showing [\d,]+–[\d,]+ of [\d,]+$/).innerText();
  return Number(text.split(' of ')[1]!.replace(/,/g, ''));
}

test('the grid pages, sorts, filters, copies, opens a row, hides columns and exports', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await page.getByRole('button', { name: 'Fetch Unified Organization Data' }).click();
  await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();

  await test.step('sort by revenue, descending, across pages and from the end', async () => {
    const header = grid(page).getByRole('button', { name: 'Sort by annual_revenue_usd' });
    await header.click();
    await expect(grid(page).locator('th[aria-sort="ascending"]')).toContainText('annual_revenue_usd');
    await header.click();
    await expect(grid(page).locator('th[aria-sort="descending"]')).toContainText('annual_revenue_usd');
    await expect.poll(async () => descending(await revenues(page))).toBe(true);
    await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();
    const first = await revenues(page);
    const firstIds = await column(page, 'organization_id');
    expect(first).toHaveLength(50);
    expect(descending(first)).toBe(true);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText(`Showing 51–100 of ${count}`)).toBeVisible();
    const second = await revenues(page);
    // The page boundary keeps the order, and no row appears on both pages.
    expect(descending([...first, ...second])).toBe(true);
    const secondIds = await column(page, 'organization_id');
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);

    await page.getByRole('button', { name: 'Last', exact: true }).click();
    await expect(page.getByText(`Showing 251–300 of ${count}`)).toBeVisible();
    const last = await revenues(page);
    expect(descending(last)).toBe(true);
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    await expect(page.getByText(`Showing 201–250 of ${count}`)).toBeVisible();
    const beforeLast = await revenues(page);
    expect(descending([...beforeLast, ...last])).toBe(true);
    await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'First', exact: true }).click();
    await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();
    expect(await column(page, 'organization_id')).toEqual(firstIds);
  });

  await test.step('filter by status, sector and name', async () => {
    await choose(page, 'Filter by Status', 'Archived');
    await expect.poll(async () => new Set(await column(page, 'status'))).toEqual(new Set(['archived']));
    const archived = await shownTotal(page);
    expect(archived).toBeGreaterThan(0);
    expect(archived).toBeLessThan(count);

    await choose(page, 'Filter by Status', 'All statuses');
    await choose(page, 'Filter Organizations by Sector', 'Healthcare');
    await expect
      .poll(async () => new Set(await column(page, 'sector_name')))
      .toEqual(new Set(['Healthcare']));
    const healthcare = await shownTotal(page);
    expect(descending(await revenues(page))).toBe(true);

    const name = (await column(page, 'legal_name'))[0]!.trim();
    await page.getByRole('textbox', { name: 'Search by name' }).fill(name);
    await expect.poll(() => shownTotal(page)).toBeLessThan(healthcare);
    expect((await column(page, 'legal_name')).every((text) => text.includes(name))).toBe(true);
    await page.getByRole('textbox', { name: 'Search by name' }).fill('');
    await expect.poll(() => shownTotal(page)).toBe(healthcare);
  });

  await test.step('copy a cell', async () => {
    const cell = grid(page).locator('td[data-column="headquarters_city"]').first();
    const city = (await cell.innerText()).trim();
    await cell.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Copied HQ city' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(city);
  });

  await test.step('open a row: its own sector attributes by their labels', async () => {
    const name = (await column(page, 'legal_name'))[0]!.trim();
    await grid(page).getByRole('button', { name, exact: true }).click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByRole('heading', { name })).toBeVisible();
    const attributes = drawer.getByRole('table', { name: 'Healthcare attributes' });
    for (const label of ['EHR system', 'HIPAA certified', 'FDA clearances', 'Beds']) {
      await expect(attributes.getByRole('rowheader', { name: label, exact: true })).toBeVisible();
    }
    const hipaa = attributes.getByRole('row').filter({ hasText: 'HIPAA certified' }).getByRole('cell');
    await expect(hipaa).toHaveText(/^(Yes|No|—)$/);
    // Other sectors' attributes are not this organization's facts.
    await expect(drawer).not.toContainText('SCADA vendor');
    await expect(drawer.getByRole('table', { name: 'Organization facts' })).toContainText(
      'Annual revenue (USD)',
    );
    await screenshot(page, 'organizations-drawer');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });

  await test.step('hide a column group, remembered after a reload', async () => {
    await expect(grid(page).locator('th', { hasText: 'scada_vendor' })).toHaveCount(1);
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('checkbox', { name: 'Manufacturing (11)' }).uncheck();
    await page.keyboard.press('Escape');
    await expect(grid(page).locator('th', { hasText: 'scada_vendor' })).toHaveCount(0);
    await expect(grid(page).locator('th', { hasText: 'charter_type' })).toHaveCount(1);

    await page.reload();
    await openSection(page, 'Organizations');
    await page.getByRole('button', { name: 'Fetch Unified Organization Data' }).click();
    await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();
    await expect(grid(page).locator('th', { hasText: 'charter_type' })).toHaveCount(1);
    await expect(grid(page).locator('th', { hasText: 'scada_vendor' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Columns \(7\/8\)/ })).toBeVisible();
  });

  await test.step('scroll the grid both ways with the names pinned', async () => {
    await choose(page, 'Filter Organizations by Sector', 'Healthcare');
    const header = grid(page).getByRole('button', { name: 'Sort by annual_revenue_usd' });
    await header.click();
    await header.click();
    await expect(grid(page).locator('th[aria-sort="descending"]')).toContainText('annual_revenue_usd');
    await expect.poll(async () => descending(await revenues(page))).toBe(true);
    const pinned = grid(page).locator('td[data-column="legal_name"]').first();
    const left = (await pinned.boundingBox())!.x;
    await scrollGridTo(grid(page), 'hipaa_certified');
    await expect.poll(async () => (await scrollGrid(grid(page), {})).left).toBeGreaterThan(500);
    expect((await pinned.boundingBox())!.x).toBe(left);
    const hipaa = grid(page).locator('th', { hasText: 'hipaa_certified' });
    expect((await hipaa.boundingBox())!.x).toBeGreaterThan(left);
    expect((await hipaa.boundingBox())!.x).toBeLessThan(left + 400);

    const lastRow = grid(page).locator('tbody tr').last();
    const box = await scrollGrid(grid(page), { top: 1e6 });
    expect(box.top).toBeGreaterThan(0);
    const row = (await lastRow.boundingBox())!;
    expect(row.y + row.height).toBeLessThanOrEqual(box.bottom + 1);
    // The sticky header stays at the top of the grid over the scrolled rows.
    expect(Math.abs((await hipaa.boundingBox())!.y - box.y)).toBeLessThan(80);
    await scrollGrid(grid(page), { top: 0 });
  });

  await test.step('export the filtered, sorted rows as a CSV download', async () => {
    const total = await shownTotal(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export CSV (${total})` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('organizations-healthcare.csv');
    const text = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = parse(text) as string[][];
    expect(header!.slice(0, 3)).toEqual(['organization_id', 'legal_name', 'display_name']);
    expect(header).toContain('hipaa_certified');
    expect(header).toContain('scada_vendor');
    expect(rows).toHaveLength(total);
    const at = (name: string) => header!.indexOf(name);
    expect(new Set(rows.map((row) => row[at('focus_group_id')]))).toEqual(new Set(['pe_healthcare']));
    expect(descending(rows.map((row) => Number(row[at('annual_revenue_usd')])))).toBe(true);
    expect(rows[0]![at('organization_id')]).toBe((await column(page, 'organization_id'))[0]);
    await expect(
      page.getByRole('alert').filter({ hasText: `${total} rows in organizations-healthcare.csv` }),
    ).toBeVisible();
  });

  await test.step('screenshot: every sector, by revenue, second page', async () => {
    await choose(page, 'Filter Organizations by Sector', 'All Sectors');
    await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText(`Showing 51–100 of ${count}`)).toBeVisible();
    await scrollGridTo(grid(page), 'employee_count');
    await screenshot(page, 'organizations');
  });
});

import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { columnMenu, gridLoaded, header, headers, shownTotal } from './grid';
import { invoke, prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 150, seed: 17 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function openOrganizations(page: Page, url = host.url): Promise<void> {
  await page.goto(url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
}

async function viewsMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Views', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

test('a saved view is in the database: another instance on another port lists it and opens it', async ({
  browser,
}) => {
  const page = await browser.newPage();
  await openOrganizations(page);
  await choose(page, 'Filter Organizations by Sector', 'Healthcare');
  await columnMenu(page, 'Employees', 'Sort descending');
  await gridLoaded(page);
  const total = await shownTotal(page);
  await viewsMenu(page, 'Save view as…');
  await page.getByRole('textbox', { name: 'View name' }).fill('Healthcare by size');
  await page.getByRole('button', { name: 'Save view' }).click();
  await viewsMenu(page, 'Default view');

  // A second instance on the same file, on a port of its own (another origin: nothing of the first
  // page's storage reaches it).
  const other = await startHost(db.file);
  try {
    const second = await browser.newPage();
    await openOrganizations(second, other.url);
    await viewsMenu(second, 'Healthcare by size');
    await expect(second.getByText('Sector: Healthcare')).toBeVisible();
    await expect(header(second, 'Employees')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => shownTotal(second)).toBe(total);

    // A view the other instance saves appears in the first page's menu, without a reload.
    await invoke(other, 'views:save', { name: 'Saved elsewhere', view: { status: 'active' } });
    await page.getByRole('button', { name: 'Views', exact: true }).click();
    await expect(page.getByRole('menuitem', { name: 'Saved elsewhere', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await second.close();
  } finally {
    await other.stop();
  }
  await page.close();
});

test('the current view is in the URL, and the link reopens it in a fresh browser', async ({ browser }) => {
  const page = await browser.newPage();
  await openOrganizations(page);
  await choose(page, 'Filter Organizations by Sector', 'Technology');
  await choose(page, 'Filter by Status', 'Active');
  await columnMenu(page, 'Founding year', 'Sort ascending');
  await columnMenu(page, 'HQ country', 'Hide column');
  await gridLoaded(page);
  const total = await shownTotal(page);
  await expect.poll(() => page.url()).toMatch(/#organizations\?/);
  const link = page.url();
  expect(decodeURIComponent(link)).toContain('sector=pe_technology');
  expect(decodeURIComponent(link)).toContain('sort=founding_year');
  await page.close();

  // Nothing of the first page's storage: only the link.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(link);
  await gridLoaded(fresh);
  await expect(fresh.getByText('Sector: Technology')).toBeVisible();
  await expect(fresh.getByText('Status: active')).toBeVisible();
  await expect(header(fresh, 'Founding year')).toHaveAttribute('aria-sort', 'ascending');
  expect(await headers(fresh)).not.toContain('HQ country');
  await expect.poll(() => shownTotal(fresh)).toBe(total);

  // Copying the link gives the same address.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await viewsMenu(fresh, 'Copy link to this view');
  expect(await fresh.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await viewsMenu(fresh, 'Default view');
  await expect(fresh.getByText('Sector: Technology')).toBeHidden();
  await context.close();
});

test('views are exported as a small JSON file and imported back', async ({ page }) => {
  await openOrganizations(page);
  const download = page.waitForEvent('download');
  await viewsMenu(page, 'Export views…');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sector-studio-views-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const document = JSON.parse(await readFile(path, 'utf8')) as { views: { name: string }[] };
  expect(document.views.map((v) => v.name)).toEqual(['Healthcare by size', 'Saved elsewhere']);

  await invoke(host, 'views:delete', { name: 'Healthcare by size' });
  const chooser = page.waitForEvent('filechooser');
  await viewsMenu(page, 'Import views…');
  await (await chooser).setFiles(path);
  await expect(page.getByRole('alert').filter({ hasText: 'Views imported' })).toContainText(
    '1 added, 1 replaced',
  );
  await viewsMenu(page, 'Healthcare by size');
  await expect(page.getByText('Sector: Healthcare')).toBeVisible();
  await viewsMenu(page, 'Default view');
});

import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y';
import { gridLoaded } from './grid';
import { invoke, prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 120, seed: 3 });
  await invoke(host, 'views:save', { name: 'Active ones', view: { status: 'active' } });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

const sections = ['Home', 'Schema', 'Seeding', 'Sector Configuration', 'Cache', 'Organizations'];

/** Collects what axe finds on every screen of a run, so that one run lists every violation. */
class Scan {
  readonly found: string[] = [];
  constructor(
    private readonly page: Page,
    private readonly scheme: string,
  ) {}

  async check(what: string): Promise<void> {
    this.found.push(...(await seriousViolations(this.page, `${what} (${this.scheme})`)));
  }

  /** Opens a menu by its button, checks it, and closes it again. */
  async menu(button: string, what: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).first().click();
    await expect(this.page.getByRole('menu')).toBeVisible();
    await this.check(what);
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('menu')).toBeHidden();
  }

  /** Opens a dialog by a button, checks it, and closes it with Escape. */
  async dialog(button: string, name: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).first().click();
    await expect(this.page.getByRole('dialog', { name })).toBeVisible();
    await this.check(`${String(name)} dialog`);
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('dialog', { name })).toBeHidden();
  }
}

async function sectorConfiguration(page: Page, scan: Scan): Promise<void> {
  await choose(page, 'Select a Sector', 'Healthcare');
  await scan.check('Sector Configuration, a sector');
  await scan.dialog('Edit weights', 'Edit Healthcare weights');
  await page.getByRole('button', { name: 'Edit HR baseline' }).first().click();
  await expect(page.getByRole('textbox', { name: 'New value for HR baseline' })).toBeVisible();
  await scan.check('calibration editor');
  await page.keyboard.press('Escape');
  for (const tab of ['Compare sectors', 'History', 'Import / export']) {
    await page.getByRole('tab', { name: tab }).click();
    if (tab === 'History') await choose(page, 'Select a Sector', 'Healthcare');
    await scan.check(`Sector Configuration, ${tab}`);
  }
  await page.getByRole('tab', { name: 'Sector', exact: true }).click();
}

async function cache(page: Page, scan: Scan): Promise<void> {
  await choose(page, 'Select a Sector to Fetch', 'Healthcare');
  // The other colour scheme's run cached it already: the scope is this sector, no confirmation.
  await page.getByRole('button', { name: 'Invalidate Cache' }).click();
  await expect(page.getByText(/cached key.? deleted/)).toBeVisible();
  await page.getByRole('button', { name: 'Fetch Config (with cache)' }).click();
  await expect(page.getByText('Loaded from the database')).toBeVisible();
  await page.getByRole('button', { name: 'Fetch Config (with cache)' }).click();
  await expect(page.getByText('Served from the cache')).toBeVisible();
  await scan.check('Cache, after fetches');
  await choose(page, 'Select scope for cache invalidation', 'All Sectors');
  await scan.dialog('Invalidate Cache', 'Flush the whole cache?');
}

async function organizations(page: Page, scan: Scan): Promise<void> {
  await choose(page, 'Filter by Status', 'Active');
  await scan.check('Organizations, a filter chip');
  await scan.menu('Views', 'views menu');
  await scan.menu('Export', 'export menu');
  await scan.menu('Column menu: Annual revenue (USD)', 'column menu');

  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
  await scan.check('columns panel');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy options…' }).click();
  await expect(page.getByRole('dialog', { name: 'Copy options' })).toBeVisible();
  await scan.check('copy options');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export organizations' })).toBeVisible();
  await scan.check('export dialog');
  await page.keyboard.press('Escape');

  await scan.dialog('Add filter', 'Filter organizations');
  await page.getByRole('button', { name: 'Views', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Save view as…' }).click();
  await expect(page.getByRole('dialog', { name: 'Save this view' })).toBeVisible();
  await scan.check('save view dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('grid', { name: 'Organizations' }).locator('[data-open]').first().click();
  await expect(
    page.getByRole('dialog').filter({ has: page.getByRole('table', { name: 'Organization facts' }) }),
  ).toBeVisible();
  await scan.check('organization drawer');
  await page.keyboard.press('Escape');
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every section, the drawer, the menus and dialogs pass axe in ${scheme} mode`, async ({ browser }) => {
    // axe takes seconds per scan on a busy two-core machine.
    test.setTimeout(900_000);
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    const scan = new Scan(page, scheme);
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const section of sections) {
      await openSection(page, section);
      if (section === 'Organizations') await gridLoaded(page);
      await scan.check(section);
      if (section === 'Schema') {
        await page.getByRole('button', { name: /^focus_groups\b/ }).click();
        await page.getByRole('tab', { name: 'DDL' }).click();
        await scan.check('Schema, a table and the DDL');
        await page.getByRole('tab', { name: /Tables & columns/ }).click();
      }
      if (section === 'Sector Configuration') await sectorConfiguration(page, scan);
      if (section === 'Cache') await cache(page, scan);
      if (section === 'Organizations') await organizations(page, scan);
    }
    await scan.menu('Color scheme', 'colour scheme menu');
    await page.getByRole('button', { name: 'Collapse sidebar' }).click();
    await scan.check('collapsed sidebar');
    await page.getByRole('button', { name: 'Expand sidebar' }).click();
    await context.close();
    expect(scan.found, 'critical or serious accessibility violations').toEqual([]);
  });
}

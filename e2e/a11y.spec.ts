import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y';
import { gridLoaded } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 120, seed: 3 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

const sections = ['Home', 'Schema', 'Seeding', 'Sector Configuration', 'Cache', 'Organizations'];

/** Opens a menu by its button, checks it, and closes it again. */
async function checkMenu(page: Page, button: string, what: string, found: string[]): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  await expect(page.getByRole('menu')).toBeVisible();
  found.push(...(await seriousViolations(page, what)));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every section, the drawer, the menus and dialogs pass axe in ${scheme} mode`, async ({ browser }) => {
    // axe takes seconds per scan on a busy two-core machine.
    test.setTimeout(600_000);
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    // Every screen is checked before the test fails, so that one run lists every violation.
    const found: string[] = [];
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    for (const section of sections) {
      await openSection(page, section);
      if (section === 'Sector Configuration') await choose(page, 'Select a Sector', 'Healthcare');
      if (section === 'Organizations') await gridLoaded(page);
      found.push(...(await seriousViolations(page, `${section} (${scheme})`)));
    }
    await checkMenu(page, 'Color scheme', 'colour scheme menu', found);
    await checkMenu(page, 'Views', 'views menu', found);
    await checkMenu(page, 'Export', 'export menu', found);
    await checkMenu(page, 'Column menu: Annual revenue (USD)', 'column menu', found);

    await page.getByRole('button', { name: /^Columns \(/ }).click();
    await expect(page.getByRole('dialog', { name: 'Columns' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'columns panel')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByRole('dialog', { name: 'Filter organizations' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'filter dialog')));
    await page.keyboard.press('Escape');

    await page.getByRole('grid', { name: 'Organizations' }).locator('[data-open]').first().click();
    await expect(
      page.getByRole('dialog').filter({ has: page.getByRole('table', { name: 'Organization facts' }) }),
    ).toBeVisible();
    found.push(...(await seriousViolations(page, 'organization drawer')));
    await page.keyboard.press('Escape');
    await context.close();
    expect(found, 'critical or serious accessibility violations').toEqual([]);
  });
}

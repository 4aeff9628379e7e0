import { expect, test } from '@playwright/test';
import { invoke, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

test('each setup step offers the next one, counts read as words, and H^R is a superscript', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await openSection(page, 'Schema');
  await page.getByRole('button', { name: 'Initialize Database Schema' }).click();
  await page.getByRole('link', { name: 'Next: Seeding' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Seeding');

  // Nowhere on Seeding is the caret written out; the H carries a superscript R.
  await expect(page.getByRole('main').getByText(/H\^R/)).toHaveCount(0);
  await expect(page.getByRole('main').locator('sup', { hasText: 'R' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Seed Initial Focus Groups & Dimensions' }).click();
  await expect(page.getByText('In the database now: 7 focus groups · 7 dimensions')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Next:/ })).toBeHidden();
  await page.getByRole('button', { name: 'Seed All Weights and Calibrations' }).click();
  await page.getByRole('link', { name: 'Next: Sector Configuration' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Sector Configuration');

  await choose(page, 'Select a Sector', 'Healthcare');
  const edit = page
    .getByRole('table', { name: 'Calibrations' })
    .getByRole('button', { name: /^Edit H.*baseline$/ });
  await expect(edit).toHaveAccessibleName('Edit HR baseline');
  await expect(page.getByRole('main').getByText(/H\^R/)).toHaveCount(0);

  // One organization is "1 row", not "1 rows".
  await invoke(host, 'orgs:insertSample', { count: 1, seed: 1 });
  await openSection(page, 'Schema');
  await page.reload();
  await expect(page.getByRole('button', { name: /^organizations\b/ })).toContainText('1 row');
  await expect(page.getByRole('main')).not.toContainText(/\b1 rows\b/);
});

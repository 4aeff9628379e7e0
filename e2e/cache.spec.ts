import { expect, test, type Page } from '@playwright/test';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { cacheLog, choose, stat } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host);
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

const fetch = (page: Page) => page.getByRole('button', { name: 'Fetch Config (with cache)' }).click();
const scope = (page: Page) => page.getByRole('combobox', { name: 'Select scope for cache invalidation' });

test('the Cache lab: scope follows the sector, FLUSHALL asks first, panels and stats follow every action', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(`${host.url}/#cache`);
  await choose(page, 'Select a Sector to Fetch', 'Healthcare');
  // The scope is the sector being fetched, not the whole cache.
  await expect(scope(page)).toHaveValue('Healthcare');

  await fetch(page);
  await expect(page.getByText('Loaded from the database')).toBeVisible();
  // The MISS line shows the lookup and, beside it, the whole fetch it started.
  const miss = page
    .getByRole('table', { name: 'Cache log' })
    .getByRole('row')
    .filter({ hasText: 'Cache MISS' });
  await expect(miss).toContainText(/\d ms lookup/);
  await expect(miss).toContainText(/whole fetch \d[\d.,]* ms/);

  await fetch(page);
  await expect(page.getByText('Served from the cache')).toBeVisible();
  await choose(page, 'Select a Sector to Fetch', 'Energy & Utilities');
  await fetch(page);
  await expect(page.getByText('Loaded from the database')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cached keys' }).getByRole('row')).toHaveCount(3);

  // The memory figure says what it counts.
  await expect(page.getByText(/start-up overhead/)).toBeVisible();
  await expect(page.getByText(/2 cached values/)).toBeVisible();

  // Seeding flushed the cache once already: only a new FLUSHALL counts.
  const flushes = async () => (await cacheLog(page)).filter((row) => row.includes('FLUSHALL')).length;
  const flushedBefore = await flushes();
  // The whole cache only after a confirmation that says how many keys go.
  await choose(page, 'Select scope for cache invalidation', 'All Sectors');
  await page.getByRole('button', { name: 'Invalidate Cache' }).click();
  const confirm = page.getByRole('dialog', { name: 'Flush the whole cache?' });
  await expect(confirm).toContainText('2 keys');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await flushes()).toBe(flushedBefore);
  await page.getByRole('button', { name: 'Invalidate Cache' }).click();
  await confirm.getByRole('button', { name: 'Flush 2 keys' }).click();
  await expect.poll(async () => (await cacheLog(page))[0]).toContain('Cache FLUSHALL');

  // Every panel shows the cache as it now is.
  await expect(page.getByText('Loaded from the database')).toBeHidden();
  await expect(page.getByText(/no longer cached/i)).toBeVisible();
  await expect(page.getByText('The cache is empty.')).toBeVisible();

  await expect(stat(page, 'Misses')).toHaveText('2');
  await page.getByRole('button', { name: 'Reset statistics' }).click();
  await expect(stat(page, 'Hits')).toHaveText('0');
  await expect(stat(page, 'Misses')).toHaveText('0');
  await expect(stat(page, 'Hit rate')).toHaveText('0.0%');
});

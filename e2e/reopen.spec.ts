import { expect, test } from '@playwright/test';
import { prepare, scratchDb, startHost } from './own-host';
import { openSection, stat } from './ui';

test('reopening an existing database file shows what it holds', async ({ page }) => {
  // Starts its own browser host (a few seconds each) next to the flow spec's.
  test.setTimeout(120_000);
  const db = await scratchDb();
  try {
    const first = await startHost(db.file);
    try {
      await prepare(first, { count: 25 });
    } finally {
      await first.stop();
    }

    const second = await startHost(db.file);
    try {
      await page.goto(second.url);
      await expect(page.getByText(/^schema v\d+$/)).toBeVisible();
      await expect(stat(page, 'Organizations')).toHaveText('25');
      await expect(stat(page, 'Weights')).toHaveText('49');

      await openSection(page, 'Seeding');
      await expect(page.getByText('In the database now: 7 focus groups · 7 dimensions')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Seed All Weights and Calibrations' })).toBeEnabled();

      // The grid shows what the file holds on first visit.
      await openSection(page, 'Organizations');
      await expect(page.getByText(/^25 organizations/)).toBeVisible();
    } finally {
      await second.stop();
    }
  } finally {
    await db.dispose();
  }
});

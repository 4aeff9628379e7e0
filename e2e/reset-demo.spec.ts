import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoDatabase } from '../db/sqlite/demo';
import { invoke, prepare, scratchDb, startHost } from './own-host';
import { choose, openSection, stat } from './ui';

test('a new database starts as the demo, and Reset demo restores it after confirmation', async ({ page }) => {
  test.setTimeout(180_000);
  const db = await scratchDb();
  const template = join(db.file, '..', 'demo-template.db');
  await buildDemoDatabase(template, { organizations: 150, seed: 11 });
  // The browser host takes the demo from SECTOR_STUDIO_DEMO_DB, as the packaged app takes it from its resources.
  process.env.SECTOR_STUDIO_DEMO_DB = template;
  const host = await startHost(db.file).finally(() => delete process.env.SECTOR_STUDIO_DEMO_DB);
  try {
    expect(existsSync(db.file)).toBe(true);
    await page.goto(host.url);
    await expect(stat(page, 'Organizations')).toHaveText('150');

    // Play with the demo: change a weight and add organizations.
    await invoke(host, 'config:updateWeight', {
      focus_group_id: 'pe_energy',
      dimension_code: 'culture',
      weight: 0.3,
      rationale: 'trying things',
    });
    await invoke(host, 'orgs:insertSample', { count: 20, seed: 99 });
    await openSection(page, 'Sector Configuration');
    await choose(page, 'Select a Sector', 'Energy & Utilities');
    await expect(page.getByText('Weights sum to 1.250, not 1.0')).toBeVisible();
    // Share is of the actual sum: 0.300 of 1.250 is 24.0% (weight × 100 would say 30%).
    const culture = page
      .getByRole('table', { name: 'Dimension weights' })
      .getByRole('row')
      .filter({ has: page.getByText('Culture', { exact: true }) });
    await expect(culture).toContainText('24.0%');

    await page.getByRole('button', { name: 'Reset demo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the demo database?' });
    await expect(dialog).toContainText('cannot be recovered');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Weights sum to 1.250, not 1.0')).toBeVisible();

    await page.getByRole('button', { name: 'Reset demo' }).click();
    await dialog.getByRole('button', { name: 'Reset demo' }).click();
    await expect(
      page.getByText('Demo restored: the seeded configuration and 150 organizations'),
    ).toBeVisible();
    await expect(page.getByText('Weights sum to 1.000')).toBeVisible();
    // The dialog's title is a heading too until its closing transition ends.
    await expect(dialog).toBeHidden();
    await openSection(page, 'Home');
    await expect(stat(page, 'Organizations')).toHaveText('150');
  } finally {
    await host.stop();
    await db.dispose();
  }
});

test('without a demo database there is no Reset demo', async ({ page }) => {
  const db = await scratchDb();
  const host = await startHost(db.file);
  try {
    await prepare(host);
    await page.goto(host.url);
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/invoke/demo%3Astatus'));
    await openSection(page, 'Sector Configuration');
    expect(await (await answered).json()).toEqual({ ok: true, value: { available: false } });
    await expect(page.getByRole('tab', { name: 'Sector', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reset demo' })).toHaveCount(0);
  } finally {
    await host.stop();
    await db.dispose();
  }
});

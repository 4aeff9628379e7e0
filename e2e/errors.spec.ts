import { expect, test } from '@playwright/test';
import { invoke, scratchDb, startHost } from './own-host';
import { choose, openSection } from './ui';

test('sections say what to do first, and backend errors arrive as notifications', async ({ page }) => {
  // Starts its own browser host (a few seconds each) next to the flow spec's.
  test.setTimeout(120_000);
  const db = await scratchDb();
  const host = await startHost(db.file);
  try {
    await page.goto(`${host.url}/#sector-configuration`);
    await expect(page.getByText('Initialize the schema first.')).toBeVisible();
    await page.getByRole('link', { name: 'Go to Schema' }).click();
    await expect(page.getByRole('button', { name: 'Initialize Database Schema' })).toBeVisible();

    await invoke(host, 'schema:init', {});
    await page.reload();
    await openSection(page, 'Cache');
    await expect(page.getByText('Seed the focus groups and dimensions first.')).toBeVisible();

    await invoke(host, 'seed:sectorsDimensions', {});
    await invoke(host, 'seed:weightsCalibrations', {});
    await page.reload();

    // The count is validated by the contract in the backend; its message is shown as it is.
    await openSection(page, 'Organizations');
    await page.getByRole('textbox', { name: 'How many organizations' }).fill('2000000');
    await page.getByRole('button', { name: 'Insert Sample Organizations' }).click();
    const notification = page.getByRole('alert').filter({ hasText: 'Invalid input' });
    await expect(notification).toBeVisible();
    await expect(notification).toContainText('orgs:insertSample');

    // A weight outside 0..1 never leaves the weights form.
    await openSection(page, 'Sector Configuration');
    await choose(page, 'Select a Sector', 'Healthcare');
    await page.getByRole('button', { name: 'Edit AI Governance weight' }).click();
    const form = page.getByRole('dialog', { name: 'Edit Healthcare weights' });
    await form.getByRole('textbox', { name: 'AI Governance weight' }).fill('1.5');
    await expect(form.getByText('Between 0 and 1')).toBeVisible();
    await form.getByRole('textbox', { name: 'Rationale' }).fill('Stricter FDA guidance');
    await expect(form.getByRole('button', { name: 'Save weights' })).toBeDisabled();

    // A valid edit is saved, and the sum check says at once that the weights no longer add up.
    await form.getByRole('textbox', { name: 'AI Governance weight' }).fill('0.21');
    await form.getByRole('button', { name: 'Save weights' }).click();
    await expect(page.getByText('Weights sum to 1.010, not 1.0')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Dimension weights' })).toContainText('0.210');
  } finally {
    await host.stop();
    await db.dispose();
  }
});

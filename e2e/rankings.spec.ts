import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y';
import { cell, gridLoaded } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 700, seed: 1 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function openManufacturing(page: Page) {
  await page.goto(host.url);
  await openSection(page, 'Rankings');
  await choose(page, 'Select a Sector', 'Manufacturing');
  await expect(page.getByRole('table', { name: 'Top 10', exact: true }).getByRole('row')).toHaveCount(11);
}

const rho = (page: Page) => page.getByLabel("Spearman's rho");

test('a sector ranked by Org-AI-R, and how one score is made', async ({ page }) => {
  await openManufacturing(page);
  await expect(page.getByText('100 organizations assessed, 0 without an assessment')).toBeVisible();
  const first = page.getByRole('table', { name: 'Top 10', exact: true }).getByRole('row').nth(1);
  const cells = await first.getByRole('cell').allTextContents();
  expect(cells[0]).toBe('1');
  await first.click();
  const steps = page.getByRole('table', { name: `Score breakdown of ${cells[1]}` });
  // The breakdown ends in the same Org-AI-R the ranking shows, two decimals.
  await expect(steps.getByRole('row').last()).toContainText(cells[3] ?? 'missing');
  await expect(page.getByText(`rank 1 of 100 in Manufacturing`)).toBeVisible();
  await expect(page.getByRole('img', { name: `Dimension contributions of ${cells[1]}` })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Distribution of Org-AI-R in Manufacturing' })).toBeVisible();
  expect(await seriousViolations(page, 'Rankings')).toEqual([]);
  await screenshot(page, 'rankings');
});

test('a what-if re-ranks as the weights are typed, saves nothing, and resets', async ({ page }) => {
  await openManufacturing(page);
  await expect(rho(page)).toHaveText("Spearman's ρ 1.000");
  await expect(page.getByText('Nobody moves: the ranking is the saved one.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Data Infrastructure' }).fill('0.5');
  await page.getByRole('textbox', { name: 'Culture' }).fill('0');
  await expect(rho(page)).not.toHaveText("Spearman's ρ 1.000");
  await expect(page.getByText(/The weights sum to 1\.\d{3}/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Largest movers' }).getByRole('row')).not.toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save weights' })).toBeDisabled();
  await screenshot(page, 'rankings-what-if');
  // Nothing was saved: the ranking above is still today's.
  await page.getByRole('button', { name: 'Reset to saved' }).click();
  await expect(rho(page)).toHaveText("Spearman's ρ 1.000");
  // A platform parameter or a calibration re-ranks too, without being saved.
  await page.getByRole('textbox', { name: 'β (synergy)' }).fill('0.9');
  await page.getByRole('textbox', { name: 'Position factor δ' }).fill('0.6');
  await expect(rho(page)).not.toHaveText("Spearman's ρ 1.000");
  await page.getByRole('button', { name: 'Reset to saved' }).click();
  await expect(rho(page)).toHaveText("Spearman's ρ 1.000");
  await expect(page.getByRole('textbox', { name: 'β (synergy)' })).toHaveValue('0.12');
});

test("an organization's row drawer shows its score, rank and breakdown", async ({ page }) => {
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
  const name = (await cell(page, 0, 'legal_name').innerText()).trim();
  // The name opens the drawer.
  await cell(page, 0, 'legal_name').click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer.getByText(/rank \d+ of 100 in /)).toBeVisible();
  const steps = drawer.getByRole('table', { name: `Score breakdown of ${name}` });
  await expect(steps.getByRole('row').last()).toContainText(/Org-AI-R.*\d+\.\d{2}$/);
  await expect(drawer.getByRole('img', { name: `Dimension contributions of ${name}` })).toBeVisible();
  await screenshot(page, 'rankings-drawer');
});

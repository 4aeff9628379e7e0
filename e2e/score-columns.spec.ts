import { expect, test, type Page } from '@playwright/test';
import { columnMenu, columnTexts, gridLoaded, header, ordered, revealColumn } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 700, seed: 1 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function manufacturingByOrgAir(page: Page): Promise<void> {
  await openSection(page, 'Organizations');
  await choose(page, 'Filter Organizations by Sector', 'Manufacturing');
  await gridLoaded(page);
  await revealColumn(page, 'Org-AI-R');
}

/** The Org-AI-R column's texts once every row shows a score (blank only while recomputed). */
async function scores(page: Page): Promise<string[]> {
  let texts: string[] = [];
  await expect(async () => {
    texts = await columnTexts(page, 'org_air');
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.every((text) => /^\d+\.\d{2}$/.test(text))).toBe(true);
  }).toPass();
  return texts;
}

test('the Org-AI-R band sorts by score and follows a saved weight', async ({ page }) => {
  await page.goto(host.url);
  await manufacturingByOrgAir(page);
  await revealColumn(page, 'Synergy');
  await columnMenu(page, 'Org-AI-R', 'Sort descending');
  await expect(header(page, 'Org-AI-R')).toHaveAttribute('aria-sort', 'descending');
  const before = await scores(page);
  expect(ordered(before.map(Number), 'desc')).toBe(true);
  await screenshot(page, 'organizations-org-air');

  await openSection(page, 'Sector Configuration');
  await choose(page, 'Select a Sector', 'Manufacturing');
  await page.getByRole('button', { name: 'Edit Data Infrastructure weight' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Manufacturing weights' });
  await form.getByRole('textbox', { name: 'Data Infrastructure weight' }).fill('0.60');
  await form.getByRole('textbox', { name: 'Rationale' }).fill('Data readiness decides deals here');
  await form.getByRole('button', { name: 'Save weights' }).click();
  await expect(form).toBeHidden();

  // Back in the grid: the same order by Org-AI-R, under the new weights.
  await manufacturingByOrgAir(page);
  await expect(header(page, 'Org-AI-R')).toHaveAttribute('aria-sort', 'descending');
  await expect(async () => {
    const after = await scores(page);
    expect(after).not.toEqual(before);
    expect(ordered(after.map(Number), 'desc')).toBe(true);
  }).toPass();
});

import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { sqliteConfigRepository } from '../db/sqlite/config-repo';
import { openDatabase } from '../db/sqlite/connection';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { seriousViolations } from './a11y';
import { choose, openSection, screenshot, stat } from './ui';

/**
 * Issue 24 in the real UI: History as change sets (who, when, why, each value before → after),
 * filters and CSV, the revert of a whole change set, the configuration as of a moment, the analyst's
 * name, and a save that waits for another process's lock.
 */

let db: ScratchDb;
let host: RunningHost;

test.describe.configure({ mode: 'serial' });
// Times are shown in the analyst's zone: Berlin is an hour ahead of UTC in winter.
test.use({ timezoneId: 'Europe/Berlin' });

/**
 * A year of Technology's history, written by the app's own repository with its clock set back and
 * two analysts' names: the app itself only ever makes a change set now. Two change sets on
 * 2025-02-15, at 10:05 and 14:40 UTC.
 */
async function backdatedHistory(file: string): Promise<void> {
  const connection = openDatabase(file);
  try {
    const at = (instant: string) => sqliteConfigRepository(connection, { now: () => instant });
    const id = 'pe_technology';
    await at('2024-07-01T09:00:00.000Z').updateWeights({
      focus_group_id: id,
      weights: [
        { dimension_code: 'talent', weight: 0.25 },
        { dimension_code: 'use_case_portfolio', weight: 0.13 },
        { dimension_code: 'culture', weight: 0.04 },
      ],
      rationale: 'AI talent premium after the LLM wave',
      author: 'Dana Whitfield',
    });
    await at('2025-02-15T10:05:00.000Z').updateWeights({
      focus_group_id: id,
      weights: [
        { dimension_code: 'technology_stack', weight: 0.16 },
        { dimension_code: 'use_case_portfolio', weight: 0.15 },
      ],
      rationale: 'Platform consolidation: use cases matter more than stacks',
      author: 'Sam Okafor',
    });
    await at('2025-02-15T14:40:00.000Z').updateCalibration({
      focus_group_id: id,
      parameter_name: 'ebitda_multiplier',
      value: 1.2,
      rationale: 'AI-native margins',
      author: 'Dana Whitfield',
    });
  } finally {
    connection.close();
  }
}

test.beforeAll(async () => {
  db = await scratchDb();
  // The instance's own author (SECTOR_STUDIO_AUTHOR): who seeded, and who saves until a window sets a name.
  host = await startHost(db.file, 0, { SECTOR_STUDIO_AUTHOR: 'Morgan Lee' });
  await prepare(host);
  await backdatedHistory(db.file);
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function openHistory(page: Page): Promise<void> {
  await page.goto(host.url);
  await openSection(page, 'Sector Configuration');
  await page.getByRole('tab', { name: 'History' }).click();
  await choose(page, 'Select a Sector', 'Technology');
}

const changeSet = (page: Page, id: number) => page.getByRole('region', { name: `Change set #${id}` });

test('history: change sets with their time, author and values; filters; CSV', async ({ page }) => {
  await openHistory(page);
  const sets = page.getByRole('region', { name: /^Change set #\d+$/ });
  // The seed's and the three above, newest first.
  await expect(sets).toHaveCount(4);
  const newest = sets.first();
  await expect(newest).toContainText('2025-02-15 15:40:00');
  await expect(newest).toContainText('by Dana Whitfield');
  await expect(newest).toContainText('AI-native margins');
  await expect(newest.getByRole('table')).toContainText('1.15 → 1.20');
  const weights = sets.nth(1);
  await expect(weights).toContainText('2025-02-15 11:05:00');
  await expect(weights).toContainText('by Sam Okafor');
  await expect(weights.getByRole('row').filter({ hasText: 'Use Case Portfolio weight' })).toContainText(
    '0.130 → 0.150',
  );

  // Only Talent's change sets: the reference and Dana's premium, that value alone in each.
  await choose(page, 'Item', 'Talent');
  await expect(sets).toHaveCount(2);
  await expect(sets.first().locator('tbody tr')).toHaveCount(1);
  await expect(sets.first()).toContainText('and 2 other values the filter hides');
  await screenshot(page, 'sector-history');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^pe_technology-history-\d{4}-\d\d-\d\d\.csv$/);
  const csv = (await readFile((await download.path()) ?? '', 'utf8')).trim().split('\n');
  expect(csv[0]).toBe(
    'change_set_id,made_at,author,kind,reverts,rationale,item_kind,item,label,before,after,version_id',
  );
  // One row per value: the reference's Talent weight, then Dana's.
  expect(csv.slice(1).map((line) => line.split(',')[3])).toEqual(['seed', 'edit']);
  expect(csv[2]).toMatch(
    /^\d+,2024-07-01T09:00:00\.000Z,Dana Whitfield,edit,,AI talent premium after the LLM wave,weight,talent,Talent,0\.22,0\.25,\d+$/,
  );

  await page.getByRole('button', { name: 'Show every item' }).click();
  await expect(sets).toHaveCount(4);
  await choose(page, 'Author', 'Sam Okafor');
  await expect(sets).toHaveCount(1);
});

test('one day: a save, the revert of its change set and the same save again are three versions, in order', async ({
  page,
}) => {
  const sector = 'Manufacturing';
  const saveTalent = async (rationale: string) => {
    await page.getByRole('button', { name: 'Edit weights' }).click();
    const form = page.getByRole('dialog', { name: `Edit ${sector} weights` });
    await form.getByRole('textbox', { name: 'Talent weight' }).fill('0.17');
    await form.getByRole('textbox', { name: 'Culture weight' }).fill('0.05');
    await form.getByRole('textbox', { name: 'Rationale' }).fill(rationale);
    await form.getByRole('button', { name: 'Save 2 weights' }).click();
    await expect(form).toBeHidden();
  };
  await page.goto(host.url);
  await openSection(page, 'Sector Configuration');
  await choose(page, 'Select a Sector', sector);
  await saveTalent('A: scarce AI engineers');

  await page.getByRole('tab', { name: 'History' }).click();
  await choose(page, 'Select a Sector', sector);
  const sets = page.getByRole('region', { name: /^Change set #\d+$/ });
  await expect(sets).toHaveCount(2);
  await sets.first().getByRole('button', { name: 'Revert change set' }).click();
  const dialog = page.getByRole('dialog', { name: /^Revert change set #\d+$/ });
  await expect(dialog.getByLabel('Weights sum after the revert')).toHaveText(
    'The weights will sum to 1.000.',
  );
  await dialog.getByRole('textbox', { name: 'Rationale' }).fill('B: not before the committee');
  // Both values of the set in one action.
  await dialog.getByRole('button', { name: 'Revert 2 values' }).click();
  await expect(dialog).toBeHidden();
  await expect(sets).toHaveCount(3);

  await page.getByRole('tab', { name: 'Sector', exact: true }).click();
  await saveTalent('A: scarce AI engineers');
  await page.getByRole('tab', { name: 'History' }).click();

  // Newest first: the second save, the revert, the first save, the reference; all kept.
  await expect(sets).toHaveCount(4);
  const talent = (i: number) => sets.nth(i).getByRole('row').filter({ hasText: 'Talent weight' });
  await expect(sets.nth(0)).toContainText('A: scarce AI engineers');
  await expect(talent(0)).toContainText('0.150 → 0.170');
  await expect(talent(0)).toContainText(/\d{4}-\d\d-\d\d →\s*current/);
  await expect(sets.nth(1)).toContainText('B: not before the committee');
  await expect(sets.nth(1)).toContainText(/revert of #\d+/);
  await expect(talent(1)).toContainText('0.170 → 0.150');
  // In force from and until the same day: the revert's version was replaced the day it was made.
  await expect(talent(1)).toContainText(/(\d{4}-\d\d-\d\d) →\s*\1/);
  await expect(sets.nth(2)).toContainText('A: scarce AI engineers');
  await expect(talent(2)).toContainText('0.150 → 0.170');
  await expect(sets.nth(3)).toContainText('Seeded from the reference configuration');
  // Each set names its author and its time to the second, in the order they were made.
  const times = await sets.evaluateAll((regions) =>
    regions.map((r) => /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.exec(r.textContent ?? '')?.[0] ?? ''),
  );
  expect(times.slice(0, 3).every((t) => t.length > 0)).toBe(true);
  expect([...times.slice(0, 3)].sort().reverse()).toEqual(times.slice(0, 3));
  for (const i of [0, 1, 2]) await expect(sets.nth(i)).toContainText('by Morgan Lee');
  // The picture is of History, not of the last save's toast.
  await expect(page.getByText('Weights saved')).toHaveCount(0);
  await screenshot(page, 'history-same-day');

  // Reverting one weight alone would break the sum: said before saving, with the rebalance aid.
  await talent(1)
    .getByRole('button', { name: /^Revert Talent weight to 0\.150/ })
    .click();
  const single = page.getByRole('dialog', { name: 'Revert Talent weight to 0.150' });
  await expect(single).toContainText('The weights would sum to 0.980');
  await expect(single.getByRole('button', { name: 'Rebalance first…' })).toBeVisible();
  await single.getByRole('button', { name: 'Cancel' }).click();
  await expect(sets).toHaveCount(4);
});

test('as of a moment: two change sets of one day, each in force from its own time', async ({ page }) => {
  await openHistory(page);
  const asOf = page.getByRole('table', { name: 'Configuration in force' });
  const row = (name: string) => asOf.getByRole('row').filter({ hasText: name });
  const day = page.getByRole('textbox', { name: 'Configuration as of' });
  // Today, written as the rest of the app writes dates.
  await expect(day).toHaveValue(/^\d{4}-\d\d-\d\d$/);
  await day.fill('2025-02-15');
  await page.getByRole('textbox', { name: 'Time (optional)' }).fill('12:00');
  // 12:00 in Berlin is 11:00 UTC: after Sam's weights (10:05 UTC), before Dana's multiplier (14:40).
  await expect(asOf.getByText(/^In force at 2025-02-15 12:00:00 /)).toBeVisible();
  await expect(row('Technology Stack')).toContainText('0.160');
  await expect(row('EBITDA multiplier')).toContainText('1.15');
  await screenshot(page, 'history-as-of-moment');
  await page.getByRole('textbox', { name: 'Time (optional)' }).fill('16:00');
  await expect(row('EBITDA multiplier')).toContainText('1.20');

  // Refused in place (the field's own error, kept as typed), and nothing shown under a refused day.
  await page.getByRole('textbox', { name: 'Time (optional)' }).fill('');
  await day.fill('02/30/2025');
  await expect(day).toHaveAccessibleDescription(/Write the day as YYYY-MM-DD, e\.g\. 2024-12-31/);
  await expect(day).toHaveValue('02/30/2025');
  await expect(asOf).toHaveCount(0);
  await day.fill('2025-02-30');
  await expect(page.getByText('2025-02-30 is not a day of the calendar')).toBeVisible();
  await day.fill('2023-12-31');
  await expect(
    page.getByText('Before the first version (2024-01-01): nothing was in force yet'),
  ).toBeVisible();
  await day.fill('2999-01-01');
  await expect(day).toHaveAccessibleDescription(/2999-01-01 is in the future/);
  await expect(asOf).toHaveCount(0);
});

test('revert a whole change set in one action, under the name the analyst set', async ({ page }) => {
  await openHistory(page);
  await page.getByRole('button', { name: /^Saving as / }).click();
  await page.getByRole('textbox', { name: 'Your name in the history' }).fill('Priya Raman');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('button', { name: 'Saving as Priya Raman: change' })).toBeVisible();

  const sets = page.getByRole('region', { name: /^Change set #\d+$/ });
  const dana = sets.filter({ hasText: 'AI talent premium after the LLM wave' });
  const id = Number(/#(\d+)/.exec((await dana.getByText(/^#\d+$/).textContent()) ?? '')?.[1]);
  await dana.getByRole('button', { name: 'Revert change set' }).click();
  const dialog = page.getByRole('dialog', { name: `Revert change set #${id}` });
  const plan = dialog.getByRole('table', { name: 'What the revert restores' });
  // Talent and Culture go back; Use Case Portfolio is back at 0.150 already (Sam set it so since).
  await expect(plan.getByRole('row')).toHaveCount(3);
  await expect(plan.getByRole('row').filter({ hasText: 'Talent weight' })).toContainText('0.2500.220');
  await expect(dialog.getByLabel('Weights sum after the revert')).toHaveText(
    'The weights will sum to 0.980.',
  );
  await expect(dialog.getByRole('button', { name: 'Rebalance first…' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Rationale' }).fill('The premium faded');
  await screenshot(page, 'history-revert-set');
  // The change sets behind it and the dialog itself, as axe sees them.
  expect(await seriousViolations(page, 'History with the revert of a set')).toEqual([]);

  // The rebalance aid: the reverted weights typed in, the rest scaled to 1.000.
  await dialog.getByRole('button', { name: 'Rebalance first…' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Technology weights' });
  await expect(form.getByLabel('Sum of weights')).toHaveText('0.980');
  await form.getByRole('button', { name: 'Rebalance to 1.000' }).click();
  await expect(form.getByLabel('Sum of weights')).toHaveText('1.000');
  await form.getByRole('button', { name: /^Save \d weights$/ }).click();
  await expect(form).toBeHidden();
  const newest = sets.first();
  await expect(newest).toContainText('by Priya Raman');
  await expect(newest).toContainText(`Reverted change set #${id} and rebalanced: The premium faded`);
  await expect(changeSet(page, id)).toBeVisible();
});

test('a save that waits for another process says so in the form, and Cancel keeps what was typed', async ({
  page,
}) => {
  await page.goto(host.url);
  await openSection(page, 'Sector Configuration');
  await choose(page, 'Select a Sector', 'Energy & Utilities');
  await page.getByRole('button', { name: 'Edit weights' }).click();
  const form = page.getByRole('dialog', { name: 'Edit Energy & Utilities weights' });
  await form.getByRole('textbox', { name: 'Talent weight' }).fill('0.14');
  await form.getByRole('textbox', { name: 'Culture weight' }).fill('0.03');
  await form.getByRole('textbox', { name: 'Rationale' }).fill('Grid talent is scarce');

  // Another process (this test) holds the file's write lock.
  const other = new Database(db.file);
  other.exec('BEGIN IMMEDIATE');
  try {
    await form.getByRole('button', { name: 'Save 2 weights' }).click();
    const busy = form.getByRole('status').filter({ hasText: 'The database is busy' });
    await expect(busy).toContainText('Another process is writing to the database');
    await expect(busy).toContainText(/\(\d+\s+s so far\)/);
    await screenshot(page, 'busy-save');
    await busy.getByRole('button', { name: 'Stop waiting: cancel this save' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Save cancelled' })).toContainText(
      'Nothing was saved; what you typed is still here.',
    );
    await expect(form.getByRole('textbox', { name: 'Talent weight' })).toHaveValue('0.14');
    await expect(form.getByRole('textbox', { name: 'Rationale' })).toHaveValue('Grid talent is scarce');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  await form.getByRole('button', { name: 'Save 2 weights' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(/2 weights changed for Energy & Utilities/)).toBeVisible();
});

test('a save whose wait for the lock runs out says so in the form, not in a toast far from it', async ({
  page,
}) => {
  // The app waits 30 s for another process's lock before it gives up.
  test.setTimeout(120_000);
  await page.goto(host.url);
  await openSection(page, 'Sector Configuration');
  await choose(page, 'Select a Sector', 'Retail & Consumer');
  await page.getByRole('button', { name: 'Edit EBITDA multiplier' }).first().click();
  const value = page.getByRole('textbox', { name: 'New value for EBITDA multiplier' });
  await value.fill('1.23');
  await page.getByRole('textbox', { name: 'Rationale for EBITDA multiplier' }).fill('Store AI margins');

  const other = new Database(db.file);
  other.exec('BEGIN IMMEDIATE');
  try {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The database is busy' })).toBeVisible();
    const gaveUp = page.getByRole('status').filter({ hasText: 'Not saved: the database stayed busy' });
    await expect(gaveUp).toContainText('Nothing was saved; what you typed is still here.', {
      timeout: 45_000,
    });
    // Said once, beside the fields: no toast repeats it elsewhere.
    await expect(page.getByText(/The database file is busy/)).toHaveCount(1);
    await expect(value).toHaveValue('1.23');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(stat(page, 'EBITDA multiplier')).toHaveText('1.23');
});

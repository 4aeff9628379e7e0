import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokePath, type Channel, type Input, type Output } from '../shared/contract';
import { cell, focusedCell, grid, gridLoaded, shownTotal } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot } from './ui';

const count = 40;
let db: ScratchDb;
let host: RunningHost;
let files: string;

// One database; each step leaves it as the next expects.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count, seed: 11 });
  files = await mkdtemp(join(tmpdir(), 'sector-studio-import-'));
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
  await rm(files, { recursive: true, force: true });
});

/** What another process does meanwhile: a contract call straight to the host. */
async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const response = await fetch(`${host.url}${invokePath(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as
    { ok: true; value: Output<C> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

async function open(page: Page): Promise<void> {
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
}

test('adds an organization: sector first, typed inputs, messages at the field before saving', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'New organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'New organization' });
  await expect(dialog.getByRole('textbox', { name: 'Legal name' })).toHaveCount(0);
  await choose(page, 'Sector', 'Technology');
  await dialog.getByRole('textbox', { name: 'Employees' }).fill('-5');
  await dialog.getByRole('textbox', { name: 'Annual revenue (USD)' }).fill('12.345');
  await dialog.getByRole('textbox', { name: 'GitHub stars' }).focus();
  await dialog.getByRole('button', { name: 'Add organization' }).click();
  await expect(dialog.getByText('Legal name is required')).toBeVisible();
  await expect(dialog.getByText('Employees must be 0 or more')).toBeVisible();
  await expect(dialog.getByText('Annual revenue (USD) has too many decimals: at most 2')).toBeVisible();
  await screenshot(page, 'org-form');

  await dialog.getByRole('textbox', { name: 'Legal name' }).fill('Aardvark Analytics Inc.');
  await dialog.getByRole('textbox', { name: 'Employees' }).fill('1,200');
  await dialog.getByRole('textbox', { name: 'Annual revenue (USD)' }).fill('12,500,000.50');
  await choose(page, 'Cloud native', 'Yes');
  await dialog.getByRole('button', { name: 'Add organization' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => shownTotal(page)).toBe(count + 1);
  await expect(cell(page, 0, 'legal_name')).toHaveText('Aardvark Analytics Inc.');
  await expect(cell(page, 0, 'employee_count')).toHaveText('1,200');
});

test('edits in place: F2 or Enter edits, Esc cancels, Tab saves and moves on, a bad value is named', async ({
  page,
}) => {
  await open(page);
  await cell(page, 0, 'employee_count').click();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Edit Employees' });
  await editor.fill('1300');
  await page.keyboard.press('Escape');
  await expect(cell(page, 0, 'employee_count')).toHaveText('1,200');

  await page.keyboard.press('Enter');
  await editor.fill('twelve');
  await page.keyboard.press('Enter');
  await expect(grid(page).getByRole('alert')).toHaveText('Employees must be a whole number');
  // Leaving the cell tries to save again: refused the same way, the editor stays and still saves.
  await editor.blur();
  await expect(editor).toBeFocused();
  await expect(grid(page).getByRole('alert')).toHaveText('Employees must be a whole number');
  await screenshot(page, 'org-edit-in-place');
  await editor.fill('1,300');
  await page.keyboard.press('Tab');
  await expect(cell(page, 0, 'employee_count')).toHaveText('1,300');
  const column = Number((await cell(page, 0, 'employee_count').getAttribute('data-cell'))!.split(':')[1]);
  expect(await focusedCell(page)).toBe(`0:${column + 1}`);

  await cell(page, 0, 'status').dblclick();
  await page.getByRole('combobox', { name: 'Edit Status' }).selectOption('inactive');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'status')).toHaveText('inactive');
  const saved = await call('orgs:query', { search: 'Aardvark' });
  expect(saved.rows[0]).toMatchObject({ employee_count: 1300, status: 'inactive' });
});

test('a conflict: another process saved first; both values shown, the analyst chooses', async ({ page }) => {
  await open(page);
  const [row] = (await call('orgs:query', { search: 'Aardvark' })).rows;
  await cell(page, 0, 'legal_name').locator('[data-open]').click();
  const drawer = page.getByRole('dialog', { name: 'Aardvark Analytics Inc.' });
  await drawer.getByRole('button', { name: 'Edit' }).click();
  await drawer.getByRole('textbox', { name: 'Employees' }).fill('1,500');

  await call('orgs:update', {
    organization_id: String(row!.organization_id),
    version: String(row!.updated_at),
    values: { employee_count: 1400, display_name: 'Aardvark' },
  });
  // The grid hears of it within a second.
  await expect(page.getByRole('button', { name: '1 change — refresh' })).toBeVisible();

  await drawer.getByRole('button', { name: 'Save' }).click();
  const conflict = page.getByRole('dialog', { name: 'Someone else saved first' });
  const both = conflict.getByRole('table', { name: 'Both values' });
  await expect(both.getByRole('row', { name: /Employees/ })).toContainText('1,500');
  await expect(both.getByRole('row', { name: /Employees/ })).toContainText('1,400');
  await expect(conflict).toContainText('They also changed Display name');
  await screenshot(page, 'org-conflict');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  const [after] = (await call('orgs:query', { search: 'Aardvark' })).rows;
  expect(after).toMatchObject({ employee_count: 1500, display_name: 'Aardvark' });
  await expect(drawer.getByRole('table', { name: 'Organization facts' })).toContainText('1,500');
  await page.keyboard.press('Escape');
});

test('deletes a selection after saying how many, and Undo brings the same rows back', async ({ page }) => {
  await open(page);
  const before = await shownTotal(page);
  const names = [0, 1, 2].map(async (i) => (await cell(page, i, 'legal_name').innerText()).trim());
  const expected = await Promise.all(names);
  await cell(page, 0, 'sector_name').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete 3 organizations?' });
  await expect(confirm).toContainText(expected.join(', '));
  await screenshot(page, 'org-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete 3 organizations' }).click();
  await expect.poll(() => shownTotal(page)).toBe(before - 3);
  await screenshot(page, 'org-delete-undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => shownTotal(page)).toBe(before);
  await expect(cell(page, 0, 'legal_name')).toHaveText(expected[0]!);
});

const badFile = [
  'Legal name,Sector,Employees,Cloud native,Beds,notes',
  'Zeta Systems,Technology,"1,000",yes,,first',
  'Zeta Broken,Technology,lots,maybe,,second',
  ',Technology,3,no,,third',
  'Zeta Clinic,Healthcare,12,,40,fourth',
  'Zeta Space,Space,1,,,fifth',
].join('\r\n');

async function importFile(page: Page, name: string, text: string): Promise<ReturnType<Page['getByRole']>> {
  const path = join(files, name);
  await writeFile(path, text);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import organizations' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(path);
  await expect(dialog.getByRole('table', { name: 'Column mapping' })).toBeVisible();
  return dialog;
}

test('imports with errors: every problem by row and column, and nothing unless every row is valid', async ({
  page,
}) => {
  await open(page);
  const before = await shownTotal(page);
  const dialog = await importFile(page, 'zeta.csv', badFile);
  await expect(dialog).toContainText('1 not matched');
  await dialog.getByRole('button', { name: 'Check the file' }).click();
  const problems = dialog.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row')).toHaveCount(5);
  await expect(problems).toContainText('Employees');
  await expect(problems).toContainText('must be a whole number');
  await expect(problems).toContainText('must be yes or no');
  await expect(problems).toContainText('is required');
  await expect(problems).toContainText('names an unknown sector: Space');
  await expect(dialog.getByRole('table', { name: 'Rows as stored' })).toContainText('Zeta Systems');
  // All or nothing (the default) with problems: the button says so rather than offering 2 rows.
  await expect(dialog.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  await screenshot(page, 'import-preview');
  await page.keyboard.press('Escape');
  expect(await shownTotal(page)).toBe(before);
});

test('imports the valid rows only, with the rejected ones and their reasons to download', async ({
  page,
}) => {
  await open(page);
  const before = await shownTotal(page);
  const dialog = await importFile(page, 'zeta.csv', badFile);
  await dialog.getByRole('switch', { name: /Import the valid rows/ }).check();
  await dialog.getByRole('button', { name: 'Check the file' }).click();
  await dialog.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(dialog).toContainText('Imported: 2 inserted, 0 updated, 0 skipped, 3 rejected');
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: 'Download the rejected rows with their reasons' }).click();
  const rejected = await readFile(await (await download).path(), 'utf8');
  expect(rejected).toContain('row 3: Employees: must be a whole number; Cloud native: must be yes or no');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => shownTotal(page)).toBe(before + 2);
});

import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import {
  cell,
  columnMenu,
  columnTexts,
  dollars,
  focusedCell,
  grid,
  gridLoaded,
  header,
  headers,
  ordered,
  revealColumn,
  shownTotal,
} from './grid';
import { GRID_COLUMNS } from '../bench/grid-columns';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot } from './ui';

const count = 300;
let db: ScratchDb;
let host: RunningHost;

// One database filled once; the steps read it in the order an analyst would.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count, seed: 7 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function open(page: Page): Promise<void> {
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
}

/** Applies a filter through the Add filter dialog. */
async function addFilter(
  page: Page,
  column: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: 'Add filter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Filter organizations' });
  await dialog.getByRole('combobox', { name: 'Column' }).fill(column);
  await page.getByRole('option', { name: new RegExp(`^${column} \\(`) }).click();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Apply filter' }).click();
  await expect(dialog).toBeHidden();
  await gridLoaded(page);
}

test('shows every organization on first visit, key facts first under human headers', async ({ page }) => {
  await open(page);
  expect(await shownTotal(page)).toBe(count);
  expect((await headers(page)).slice(0, 7)).toEqual([
    'Legal name',
    'Sector',
    'Status',
    'Annual revenue (USD)',
    'Employees',
    'HQ country',
    'Founding year',
  ]);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(count + 1));
  // One scrollbar: the page itself does not scroll, the grid does, over every row.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  await grid(page).evaluate((element) => (element.scrollTop = element.scrollHeight));
  await gridLoaded(page);
  await expect(grid(page).locator(`[role="row"][aria-rowindex="${count + 1}"]`)).toBeVisible();
  await grid(page).evaluate((element) => (element.scrollTop = 0));
});

test('is one tab stop driven by the keyboard; Enter opens a row and Escape comes back', async ({ page }) => {
  await open(page);
  await page.getByRole('textbox', { name: 'Search by name' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focusedCell(page)).toBe('0:0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await focusedCell(page)).toBe('1:1');
  await page.keyboard.press('End');
  const lastColumn = (await grid(page).getAttribute('aria-colcount'))!;
  expect(await focusedCell(page)).toBe(`1:${Number(lastColumn) - 1}`);
  await page.keyboard.press('Home');
  expect(await focusedCell(page)).toBe('1:0');
  await page.keyboard.press('PageDown');
  const paged = Number((await focusedCell(page))!.split(':')[0]);
  expect(paged).toBeGreaterThan(8);
  await page.keyboard.press('Control+End');
  expect(await focusedCell(page)).toBe(`${count - 1}:${Number(lastColumn) - 1}`);
  await page.keyboard.press('Control+Home');
  expect(await focusedCell(page)).toBe('0:0');
  // Tab leaves the grid at once: its cells are not tab stops.
  await page.keyboard.press('Tab');
  expect(await focusedCell(page)).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedCell(page)).toBe('0:0');

  const name = (await cell(page, 0, 'legal_name').innerText()).trim();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('table', { name: 'Organization facts' })).toContainText(
    'Annual revenue (USD)',
  );
  await screenshot(page, 'organizations-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  expect(await focusedCell(page)).toBe('0:0');
});

test('copies the focused cell or a selected range as TSV', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await cell(page, 2, 'sector_name').click();
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('alert').filter({ hasText: 'Copied Sector' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    (await cell(page, 2, 'sector_name').innerText()).trim(),
  );

  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(grid(page).locator('.og-selected')).toHaveCount(6);
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('alert').filter({ hasText: 'Copied 3 rows × 2 columns' })).toBeVisible();
  const pasted = (await page.evaluate(() => navigator.clipboard.readText()))
    .split('\n')
    .map((line) => line.split('\t'));
  const sectors = (await columnTexts(page, 'sector_name')).slice(2, 5);
  const statuses = (await columnTexts(page, 'status')).slice(2, 5);
  expect(pasted).toEqual(sectors.map((sector, i) => [sector, statuses[i]]));
  await page.keyboard.press('Escape');
  await expect(grid(page).locator('.og-selected')).toHaveCount(0);
});

test('copies with headers as CSV, formatted as on screen, when the copy options say so', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  const openOptions = async () => {
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Copy options…' }).click();
  };
  await openOptions();
  const options = page.getByRole('dialog', { name: 'Copy options' });
  await options.getByText('CSV', { exact: true }).click();
  await options.getByRole('switch', { name: 'With headers' }).check();
  await options.getByRole('switch', { name: 'Formatted as on screen' }).check();
  await page.keyboard.press('Escape');
  await cell(page, 0, 'status').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('alert').filter({ hasText: 'Copied 2 rows × 2 columns' })).toBeVisible();
  const lines = (await page.evaluate(() => navigator.clipboard.readText())).split('\r\n');
  expect(lines[0]).toBe('Status,Annual revenue (USD)');
  const revenue = (await columnTexts(page, 'annual_revenue_usd')).slice(0, 2);
  const status = (await columnTexts(page, 'status')).slice(0, 2);
  expect(lines.slice(1)).toEqual(status.map((s, i) => `${s},${revenue[i]}`));
  expect(revenue[0]).toMatch(/^\$[\d.]+ [KMBT]$|^\$[\d.]+$/);
  // Back to the default: raw TSV without headers.
  await openOptions();
  await options.getByText('TSV', { exact: true }).click();
  await options.getByRole('switch', { name: 'With headers' }).uncheck();
  await options.getByRole('switch', { name: 'Formatted as on screen' }).uncheck();
  await page.keyboard.press('Escape');
});

test('exports the first N rows or the selected ones, with the screen labels when asked', async ({ page }) => {
  await open(page);
  const names = await columnTexts(page, 'legal_name');
  const exportWith = async (choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export organizations' });
    await choose(dialog);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The focus goes back to the Export button.
    await expect(page.getByRole('button', { name: 'Export' })).toBeFocused();
    return parse(await readFile(await (await download).path(), 'utf8')) as string[][];
  };
  const first = await exportWith(async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Number of rows' }).fill('5');
    await expect(dialog.getByRole('radio', { name: 'The first' })).toBeChecked();
    await dialog.getByRole('switch', { name: /Headers as on screen/ }).check();
  });
  expect(first[0]!.slice(0, 3)).toEqual(['Legal name', 'Sector', 'Status']);
  expect(first.slice(1).map((row) => row[0])).toEqual(names.slice(0, 5));

  await cell(page, 3, 'legal_name').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  const selected = await exportWith(async (dialog) => {
    await dialog.getByRole('radio', { name: 'The selected rows (3 rows)' }).check();
    await dialog.getByRole('switch', { name: /Headers as on screen/ }).uncheck();
  });
  expect(selected[0]!.slice(0, 2)).toEqual(['legal_name', 'sector_name']);
  expect(selected.slice(1).map((row) => row[0])).toEqual(names.slice(3, 6));
});

test('sorts by any column, indexed or sorted once, in both directions', async ({ page }) => {
  await open(page);
  const revenue = header(page, 'Annual revenue (USD)');
  await revenue.locator('.og-head-label').click();
  await expect(revenue).toHaveAttribute('aria-sort', 'ascending');
  expect(ordered((await columnTexts(page, 'annual_revenue_usd')).map(dollars), 'asc')).toBe(true);
  await revenue.locator('.og-head-label').click();
  await expect(revenue).toHaveAttribute('aria-sort', 'descending');
  expect(ordered((await columnTexts(page, 'annual_revenue_usd')).map(dollars), 'desc')).toBe(true);
  // Far down the result the order holds too.
  await grid(page).evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  expect(ordered((await columnTexts(page, 'annual_revenue_usd')).map(dollars), 'desc')).toBe(true);

  // Employees has an index; a sector attribute has none: its header says so, and it still sorts.
  await choose(page, 'Filter Organizations by Sector', 'Healthcare');
  await revealColumn(page, 'Beds');
  await columnMenu(page, 'Beds', 'Sort descending');
  await expect(header(page, 'Beds')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'Beds').locator('.og-head-slow')).toHaveAttribute('title', /No index/);
  const beds = (await columnTexts(page, 'bed_count')).map((t) =>
    t === '—' ? -1 : Number(t.replace(/,/g, '')),
  );
  expect(beds.length).toBeGreaterThan(5);
  expect(ordered(beds, 'desc')).toBe(true);
  await expect(page.getByText(/no index for this sort/)).toBeVisible();
  await grid(page).evaluate((element) => (element.scrollLeft = 0));
  await columnMenu(page, 'Legal name', 'Sort ascending');
  await choose(page, 'Filter Organizations by Sector', 'All Sectors');
});

test('sorts blanks last in both directions', async ({ page }) => {
  await open(page);
  // Beds belong to Healthcare alone: every other organization has none.
  await revealColumn(page, 'Beds');
  for (const item of ['Sort ascending', 'Sort descending']) {
    await columnMenu(page, 'Beds', item);
    await gridLoaded(page);
    const beds = await columnTexts(page, 'bed_count');
    expect(
      beds.slice(0, 5).every((text) => text !== '—'),
      `${item}: ${beds.join(' ')}`,
    ).toBe(true);
    await grid(page).evaluate((element) => (element.scrollTop = element.scrollHeight));
    expect((await columnTexts(page, 'bed_count')).at(-1)).toBe('—');
    await grid(page).evaluate((element) => (element.scrollTop = 0));
  }
  await grid(page).evaluate((element) => (element.scrollLeft = 0));
  await columnMenu(page, 'Legal name', 'Sort ascending');
});

test('within one sector shows its attributes alone, under a band that stays in sight', async ({ page }) => {
  await open(page);
  await choose(page, 'Filter Organizations by Sector', 'Healthcare');
  await gridLoaded(page);
  const columnsButton = page.getByRole('button', { name: /^Columns \(/ });
  // The 22 organization columns, the 4 Org-AI-R scores and Healthcare's 11 attributes; the other
  // sectors' and the assessment's 9 inputs are hidden.
  await expect(columnsButton).toHaveAccessibleName(/^Columns \(37\/105\)/);
  await revealColumn(page, 'Beds');
  expect(await headers(page)).not.toContain('Plants');
  // The band names the sector while its columns scroll by, beside the pinned name.
  const band = grid(page).locator('.og-band span', { hasText: /^Healthcare$/ });
  const name = (await header(page, 'Legal name').boundingBox())!;
  const label = (await band.boundingBox())!;
  expect(label.x).toBeGreaterThanOrEqual(name.x + name.width - 1);
  expect(label.x).toBeLessThan(name.x + name.width + 40);
  await grid(page).evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await gridLoaded(page);
  await expect(band).toBeInViewport();

  // Hidden, not removed: the Columns panel brings Manufacturing back, and hides it again.
  await columnsButton.click();
  const panel = page.getByRole('dialog', { name: 'Columns' });
  const manufacturing = panel.getByRole('checkbox', { name: 'Manufacturing (11)' });
  await expect(manufacturing).not.toBeChecked();
  await manufacturing.check();
  await expect(columnsButton).toHaveAccessibleName(/^Columns \(48\/105\)/);
  await manufacturing.uncheck();
  await page.keyboard.press('Escape');
  await grid(page).evaluate((element) => (element.scrollLeft = 0));
  await choose(page, 'Filter Organizations by Sector', 'All Sectors');
  await expect(columnsButton).toHaveAccessibleName(/^Columns \(96\/105\)/);
});

test('says which rows are in sight, and numbers the rows when asked', async ({ page }) => {
  await open(page);
  const position = page.getByTestId('row-position');
  await expect(position).toHaveText(/^rows 1–\d+ of 300$/);
  const screen = Number(/–(\d+)/.exec(await position.innerText())![1]);
  expect(screen).toBeGreaterThan(10);
  // 100 rows down, the line follows.
  await grid(page).evaluate((element) => (element.scrollTop = 100 * 32));
  await gridLoaded(page);
  await expect(position).toHaveText(`rows 101–${100 + screen} of 300`);

  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await page.getByRole('switch', { name: 'Row numbers' }).check();
  await page.keyboard.press('Escape');
  await expect(cell(page, 100, 'legal_name').locator('.og-row-number')).toHaveText('101');
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await page.getByRole('switch', { name: 'Row numbers' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(grid(page).locator('.og-row-number')).toHaveCount(0);
  await grid(page).evaluate((element) => (element.scrollTop = 0));
});

test('filters by column type, shown as chips that remove the filter', async ({ page }) => {
  await open(page);
  await addFilter(page, 'Employees', async (dialog) => {
    await dialog.getByRole('textbox', { name: 'At least' }).fill('1000');
  });
  await expect(page.getByText('Employees ≥ 1,000')).toBeVisible();
  const many = await shownTotal(page);
  expect(many).toBeGreaterThan(0);
  expect(many).toBeLessThan(count);
  expect((await columnTexts(page, 'employee_count')).every((t) => Number(t.replace(/,/g, '')) >= 1000)).toBe(
    true,
  );

  await addFilter(page, 'HQ country', async (dialog) => {
    await dialog.getByRole('textbox', { name: 'Contains' }).fill('us');
  });
  await expect(page.getByText('HQ country contains “us”')).toBeVisible();
  expect(new Set(await columnTexts(page, 'headquarters_country'))).toEqual(new Set(['USA']));
  const both = await shownTotal(page);
  expect(both).toBeLessThanOrEqual(many);

  await page.getByRole('button', { name: 'Remove filter HQ country contains “us”' }).click();
  await expect.poll(() => shownTotal(page)).toBe(many);
  await page.getByRole('button', { name: 'Clear all' }).isHidden();

  await addFilter(page, 'HIPAA certified', async (dialog) => {
    await dialog.getByText('No', { exact: true }).click();
  });
  await expect(page.getByText('HIPAA certified: No')).toBeVisible();
  expect(new Set(await columnTexts(page, 'sector_name'))).toEqual(new Set(['Healthcare']));
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect.poll(() => shownTotal(page)).toBe(count);
});

test('resizes, moves and hides columns, one at a time or a whole group', async ({ page }) => {
  await open(page);
  const status = header(page, 'Status');
  const before = (await status.boundingBox())!;
  const handle = status.getByRole('separator', { name: 'Resize Status' });
  const grip = (await handle.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 80, grip.y + grip.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await status.boundingBox())!.width).toBeGreaterThan(before.width + 60);

  await columnMenu(page, 'Status', 'Move left');
  expect((await headers(page)).slice(0, 3)).toEqual(['Legal name', 'Status', 'Sector']);
  // Dragging a header onto another shows where it will land, and moves it there.
  const from = (await header(page, 'Sector').boundingBox())!;
  const to = (await header(page, 'Status').boundingBox())!;
  await page.mouse.move(from.x + 20, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 20);
  await page.mouse.move(to.x + 5, to.y + 20, { steps: 6 });
  await expect(header(page, 'Status')).toHaveAttribute('data-drop', 'before');
  await page.mouse.up();
  await expect(header(page, 'Status')).not.toHaveAttribute('data-drop');
  expect((await headers(page)).slice(0, 3)).toEqual(['Legal name', 'Sector', 'Status']);

  await columnMenu(page, 'Status', 'Hide column');
  expect(await headers(page)).not.toContain('Status');
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  const panel = page.getByRole('dialog', { name: 'Columns' });
  // Status is hidden, so the group is partly shown: a click shows the whole group, the next hides it.
  const keyFacts = panel.getByRole('checkbox', { name: 'Key facts (7)' });
  await keyFacts.check();
  expect(await headers(page)).toContain('Status');
  await keyFacts.uncheck();
  await page.keyboard.press('Escape');
  expect(await headers(page)).toEqual(expect.arrayContaining(['Legal name', 'Organization ID']));
  expect(await headers(page)).not.toContain('Sector');
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await panel.getByRole('button', { name: 'Default layout' }).click();
  await page.keyboard.press('Escape');
  expect((await headers(page)).slice(0, 3)).toEqual(['Legal name', 'Sector', 'Status']);

  // Rows are read with the columns on screen, not the view's hundred: a column hidden at first and
  // shown from the panel is read once it comes into sight, and its cells fill with values.
  const asked: (string[] | undefined)[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/orgs%3Arows')) {
      asked.push((request.postDataJSON() as { columns?: string[] }).columns);
    }
  });
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await panel.getByRole('checkbox', { name: 'Talent concentration', exact: true }).check();
  await page.keyboard.press('Escape');
  await revealColumn(page, 'Talent concentration');
  await gridLoaded(page);
  const concentration = await columnTexts(page, 'talent_concentration');
  expect(concentration.length).toBeGreaterThan(5);
  expect(concentration.every((text) => /^0\.\d{4}$/.test(text))).toBe(true);
  expect(asked.at(-1)).toContain('talent_concentration');
  for (const columns of asked) expect(columns?.length).toBeLessThan(30);
  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await panel.getByRole('button', { name: 'Default layout' }).click();
  await page.keyboard.press('Escape');
});

test('exports the view as CSV and JSON: its filter, sort and visible columns', async ({ page }) => {
  await open(page);
  await choose(page, 'Filter Organizations by Sector', 'Healthcare');
  await header(page, 'Employees').locator('.og-head-label').click();
  await header(page, 'Employees').locator('.og-head-label').click();
  await columnMenu(page, 'HQ country', 'Hide column');
  await gridLoaded(page);
  const total = await shownTotal(page);
  const shownIds = await columnTexts(page, 'legal_name');

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Export CSV' }).click();
  const csvFile = await csv;
  expect(csvFile.suggestedFilename()).toBe('organizations-healthcare.csv');
  const [head, ...rows] = parse(await readFile(await csvFile.path(), 'utf8')) as string[][];
  expect(head!.slice(0, 4)).toEqual(['legal_name', 'sector_name', 'status', 'annual_revenue_usd']);
  expect(head).not.toContain('headquarters_country');
  expect(head).toContain('hipaa_certified');
  // Only Healthcare's attributes: the other sectors' columns are hidden within one sector.
  expect(head).not.toContain('plant_count');
  expect(head).toHaveLength(36);
  expect(rows).toHaveLength(total);
  const employees = rows.map((row) => Number(row[head!.indexOf('employee_count')]));
  expect(ordered(employees, 'desc')).toBe(true);
  expect(rows.slice(0, shownIds.length).map((row) => row[0])).toEqual(shownIds);
  await expect(
    page.getByRole('alert').filter({ hasText: `${total} rows in organizations-healthcare.csv` }),
  ).toBeVisible();

  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Export JSON' }).click();
  const jsonFile = await json;
  expect(jsonFile.suggestedFilename()).toBe('organizations-healthcare.json');
  const objects = JSON.parse(await readFile(await jsonFile.path(), 'utf8')) as Record<string, unknown>[];
  expect(objects).toHaveLength(total);
  expect(Object.keys(objects[0]!)).toEqual(head);
  expect(new Set(objects.map((o) => typeof o.hipaa_certified))).toEqual(new Set(['boolean']));
  expect(objects.map((o) => o.legal_name)).toEqual(rows.map((row) => row[0]));

  await page.getByRole('button', { name: /^Columns \(/ }).click();
  await page.getByRole('dialog', { name: 'Columns' }).getByRole('button', { name: 'Default layout' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Default view' }).click();
});

test('keeps the view and the place in it across sections, and a saved view across a restart', async ({
  page,
}) => {
  await open(page);
  await choose(page, 'Filter by Status', 'Active');
  await columnMenu(page, 'Founding year', 'Sort descending');
  await grid(page).evaluate((element) => (element.scrollTop = 600));
  await gridLoaded(page);
  await cell(page, 25, 'status').click();
  const activeTotal = await shownTotal(page);

  await openSection(page, 'Home');
  await openSection(page, 'Organizations');
  await expect(page.getByText('Status: active')).toBeVisible();
  await expect(header(page, 'Founding year')).toHaveAttribute('aria-sort', 'descending');
  expect(await grid(page).evaluate((element) => element.scrollTop)).toBe(600);
  await expect(cell(page, 25, 'status')).toHaveAttribute('tabindex', '0');

  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Save view as…' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('Active by age');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Default view' }).click();
  await expect(page.getByText('Status: active')).toBeHidden();

  // Restart the host on the same address (the same origin keeps what the window stored), reopen.
  const port = Number(new URL(host.url).port);
  await host.stop();
  host = await startHost(db.file, port);
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Active by age', exact: true }).click();
  await expect(page.getByText('Status: active')).toBeVisible();
  await expect(header(page, 'Founding year')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => shownTotal(page)).toBe(activeTotal);
  // The current view itself also survives a restart.
  await page.reload();
  await expect(page.getByText('Status: active')).toBeVisible();
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('menuitem', { name: 'Default view' }).click();
});

test('follows the system colour scheme until the header menu picks one, and remembers it', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await open(page);
  const background = () =>
    grid(page)
      .locator('.og-row')
      .first()
      .evaluate((row) => getComputedStyle(row).backgroundColor);
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  const dark = await background();
  await screenshot(page, 'organizations-dark');
  await page.getByRole('button', { name: 'Color scheme' }).click();
  await page.getByRole('menuitem', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  expect(await background()).not.toBe(dark);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.getByRole('button', { name: 'Color scheme' }).click();
  await page.getByRole('menuitem', { name: 'Match the system' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await context.close();
});

test('screenshot: the grid at 1280×800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The bench times the page the grid asks for at this size: the same columns.
  const asked = page.waitForRequest((request) => request.url().endsWith('/orgs%3Arows'));
  await open(page);
  expect((await asked).postDataJSON()).toMatchObject({ columns: GRID_COLUMNS });
  const rows = await grid(page).evaluate(
    (element) =>
      [...element.querySelectorAll('[role="row"][aria-rowindex]')].filter((row) => {
        const box = row.getBoundingClientRect();
        const view = element.getBoundingClientRect();
        return box.top >= view.top + 60 && box.bottom <= view.bottom;
      }).length,
  );
  expect(rows).toBeGreaterThanOrEqual(10);
  await screenshot(page, 'organizations');
});

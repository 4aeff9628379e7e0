import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invoke, prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot, stat } from './ui';

let db: ScratchDb;
let host: RunningHost;

// One seeded database; the steps edit it in the order an analyst would.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host);
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function openWorkbench(page: Page): Promise<void> {
  await page.goto(host.url);
  await openSection(page, 'Sector Configuration');
}

function weightCell(page: Page, dimension: string) {
  return page
    .getByRole('table', { name: 'Dimension weights' })
    .getByRole('row')
    .filter({ has: page.getByText(dimension, { exact: true }) });
}

test('typing 0.10 into the weights form, rebalancing and saving in one go', async ({ page }) => {
  await openWorkbench(page);
  await choose(page, 'Select a Sector', 'Financial Services');
  await expect(stat(page, 'EBITDA multiplier')).toHaveText('1.10');
  await expect(weightCell(page, 'Culture')).toContainText('0.080');
  // Share is of the actual sum (1.000 here): 8.0%.
  await expect(weightCell(page, 'Culture')).toContainText('8.0%');

  await page.getByRole('button', { name: 'Edit Culture weight' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Financial Services weights' });
  const culture = dialog.getByRole('textbox', { name: 'Culture weight' });
  await expect(culture).toBeFocused();
  await culture.fill('0.10');
  await expect(dialog.getByText('Enter a number')).toHaveCount(0);
  await expect(dialog.getByLabel('Sum of weights')).toHaveText('1.020');
  await expect(dialog.getByText('Over by 0.020.', { exact: false })).toBeVisible();
  // A rationale is required before saving.
  await expect(dialog.getByRole('button', { name: 'Save weights' })).toBeDisabled();

  await dialog.getByRole('button', { name: 'Rebalance to 1.000' }).click();
  await expect(dialog.getByLabel('Sum of weights')).toHaveText('1.000');
  await expect(culture).toHaveValue('0.100');
  await dialog.getByRole('textbox', { name: 'Rationale' }).fill('Culture predicts model adoption');
  await dialog.getByRole('button', { name: /^Save \d weights$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/weights changed for Financial Services; they sum to 1\.000/)).toBeVisible();
  await expect(weightCell(page, 'Culture')).toContainText('0.100');
  await expect(weightCell(page, 'Culture')).toContainText('Culture predicts model adoption');
  await expect(page.getByText('Weights sum to 1.000')).toBeVisible();

  // A calibration typed with a trailing zero: Healthcare's EBITDA multiplier, shown as 1.00.
  await choose(page, 'Select a Sector', 'Healthcare');
  await expect(stat(page, 'EBITDA multiplier')).toHaveText('1.00');
  await page.getByRole('button', { name: 'Edit EBITDA multiplier' }).first().click();
  await page.getByRole('textbox', { name: 'New value for EBITDA multiplier' }).fill('1.10');
  await page.getByRole('textbox', { name: 'Rationale for EBITDA multiplier' }).fill('Imaging AI margins');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(stat(page, 'EBITDA multiplier')).toHaveText('1.10');
  // Every calibration with its type, description and rationale, governance_minimum included.
  const calibrations = page.getByRole('table', { name: 'Calibrations' });
  await expect(calibrations.getByRole('row').filter({ hasText: 'governance_minimum' })).toContainText(
    'Higher governance requirement',
  );
  await expect(calibrations.getByRole('row').filter({ hasText: 'ebitda_multiplier' })).toContainText(
    'Imaging AI margins',
  );
  await expect(calibrations.locator('sup').first()).toHaveText('R');
});

test('adding a calibration parameter', async ({ page }) => {
  await openWorkbench(page);
  await choose(page, 'Select a Sector', 'Retail & Consumer');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a calibration parameter to Retail & Consumer' });
  await dialog.getByRole('textbox', { name: 'Parameter name' }).fill('Governance Minimum');
  await expect(dialog.getByText('Lower-case letters, digits and _')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Parameter name' }).fill('governance_minimum');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Min governance for approval');
  await dialog.getByRole('textbox', { name: 'Value' }).fill('55');
  await dialog.getByRole('textbox', { name: 'Rationale' }).fill('Privacy regulation');
  await dialog.getByRole('button', { name: 'Add parameter' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page
      .getByRole('table', { name: 'Calibrations' })
      .getByRole('row')
      .filter({ hasText: 'governance_minimum' }),
  ).toContainText('55');
});

test('the compare screen: every sector side by side, differences from the mean marked', async ({ page }) => {
  await openWorkbench(page);
  await openTab(page, 'Compare sectors');
  const table = page.getByRole('table', { name: 'Sectors compared' });
  await expect(table.locator('thead').getByRole('columnheader')).toHaveText([
    'Setting',
    'Manufacturing',
    'Financial Services',
    'Healthcare',
    'Technology',
    'Retail & Consumer',
    'Energy & Utilities',
    'Professional Services',
    'Mean',
  ]);
  await expect(page.getByRole('img', { name: /Dimension weights of every sector/ })).toBeVisible();
  // Financial Services weighs AI governance about 0.22 against a mean near 0.15: marked above.
  const governance = table.getByRole('button', {
    name: /^Edit Financial Services AI Governance weight: 0\.2\d\d \+0\.0\d\d, above the mean/,
  });
  await expect(governance).toContainText(/▲ 0\.2\d\d/);
  await expect(
    table.getByRole('button', { name: /^Edit Technology Culture weight: 0\.050 −0\.0\d\d, below the mean/ }),
  ).toBeVisible();
  await screenshot(page, 'sector-compare');

  // A cell opens its editor, focused on that value.
  await governance.click();
  const dialog = page.getByRole('dialog', { name: 'Edit Financial Services weights' });
  await expect(dialog.getByRole('textbox', { name: 'AI Governance weight' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await table.getByRole('button', { name: /^Edit Energy & Utilities HR baseline: 68/ }).click();
  const calibration = page.getByRole('dialog');
  await calibration.getByRole('textbox', { name: 'New value for HR baseline' }).fill('70');
  await calibration.getByRole('textbox', { name: 'Rationale for HR baseline' }).fill('Grid modernization');
  await calibration.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(table.getByRole('button', { name: /^Edit Energy & Utilities HR baseline: 70/ })).toBeVisible();
});

test('export, then import a file with a preview of its differences; a bad file changes nothing', async ({
  page,
}, testInfo) => {
  await openWorkbench(page);
  await openTab(page, 'Import / export');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export configuration' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^sector-studio-all-sectors-\d{4}-\d\d-\d\d\.json$/);
  const exported = join(testInfo.outputDir, 'all.json');
  await download.saveAs(exported);
  const text = await readFile(exported, 'utf8');
  expect((JSON.parse(text) as { sectors: unknown[] }).sectors).toHaveLength(7);

  // Meanwhile someone changes Technology's talent weight: the file now differs from the database.
  await invoke(host, 'config:updateWeight', {
    focus_group_id: 'pe_technology',
    dimension_code: 'talent',
    weight: 0.3,
    rationale: 'experiment',
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a configuration file…' }).click();
  await (await chooser).setFiles(exported);
  const differences = page.getByRole('table', { name: 'Differences' });
  await expect(differences.getByRole('row')).toHaveCount(2);
  await expect(differences.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    'Technology',
    'Talent weight',
    '0.300',
    '0.220',
  ]);
  await page.getByRole('button', { name: 'Apply 1 change' }).click();
  await expect(page.getByText('Applied 1 change to 1 sector')).toBeVisible();
  await expect(differences).toHaveCount(0);

  const tampered = join(testInfo.outputDir, 'tampered.json');
  await writeFile(tampered, text.replace('"weight": 0.22', '"weight": 0.23'));
  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a configuration file…' }).click();
  await (await again).setFiles(tampered);
  await expect(page.getByText('This file cannot be imported')).toBeVisible();
  await expect(
    page.getByText(
      "The file's checksum does not match its contents: it was changed or damaged after export.",
    ),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Differences' })).toHaveCount(0);
});

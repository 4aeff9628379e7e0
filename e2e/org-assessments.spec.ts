import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokePath, type Channel, type Input, type Output } from '../shared/contract';
import { cell, gridLoaded, shownTotal } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { choose, openSection, screenshot } from './ui';

let db: ScratchDb;
let host: RunningHost;
let files: string;

// One database; each step leaves it as the next expects.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 30, seed: 4 });
  files = await mkdtemp(join(tmpdir(), 'sector-studio-assessments-'));
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
  await rm(files, { recursive: true, force: true });
});

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

const dimensions = [
  'Data Infrastructure',
  'AI Governance',
  'Technology Stack',
  'Talent',
  'Leadership',
  'Use Case Portfolio',
  'Culture',
];

async function fillScores(form: Locator, value: string): Promise<void> {
  for (const label of dimensions) await form.getByRole('textbox', { name: label, exact: true }).fill(value);
}

/** The drawer's Org-AI-R line matches the backend's breakdown of the organization, to two decimals. */
async function expectDrawerScore(drawer: Locator, id: string): Promise<void> {
  const breakdown = await call('scores:breakdown', { organization_id: id });
  await expect(drawer).toContainText(
    `${breakdown.org_air.toFixed(2)}, rank ${breakdown.rank} of ${breakdown.sector_count} in ${breakdown.group_name} (assessed ${breakdown.assessed_on})`,
  );
}

test('adds an organization with its assessment; the drawer shows its score, and an edit changes it', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'New organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'New organization' });
  await choose(page, 'Sector', 'Technology');
  await dialog.getByRole('textbox', { name: 'Legal name' }).fill('Aardvark Assessed Inc.');
  const assessment = dialog.getByRole('group', { name: 'Assessment' });
  await expect(assessment.getByRole('textbox', { name: 'Assessed on' })).toHaveValue(
    new Date().toISOString().slice(0, 10),
  );
  await assessment.getByRole('textbox', { name: 'Data Infrastructure' }).fill('80.125');
  await assessment.getByRole('textbox', { name: 'Talent', exact: true }).fill('75');
  await dialog.getByRole('button', { name: 'Add organization' }).click();
  await expect(assessment).toContainText('Data Infrastructure has too many decimals: at most 2');
  await expect(assessment).toContainText(
    'Culture is required: an assessment has all 7 dimension scores, TC and the date, or none of them',
  );
  await screenshot(page, 'org-form-assessment');

  await fillScores(assessment, '82.5');
  await assessment.getByRole('textbox', { name: 'Talent concentration (TC)' }).fill('0.35');
  await assessment.getByRole('textbox', { name: 'Assessed on' }).fill('2026-11-02');
  await dialog.getByRole('button', { name: 'Add organization' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, 0, 'legal_name')).toHaveText('Aardvark Assessed Inc.');

  await cell(page, 0, 'legal_name').click();
  const drawer = page.getByRole('dialog', { name: 'Aardvark Assessed Inc.' });
  const [added] = (await call('scores:ranking', { focus_group_id: 'pe_technology', limit: 1000 })).top.filter(
    (o) => o.legal_name === 'Aardvark Assessed Inc.',
  );
  expect(added).toBeDefined();
  const id = added?.organization_id ?? '';
  await expectDrawerScore(drawer, id);
  const before = (await call('scores:breakdown', { organization_id: id })).org_air;
  await screenshot(page, 'org-drawer-assessment');

  await drawer.getByRole('button', { name: 'Edit' }).click();
  const edit = drawer.getByRole('group', { name: 'Assessment' });
  await expect(edit.getByRole('textbox', { name: 'Culture' })).toHaveValue('82.5');
  await fillScores(edit, '40');
  await edit.getByRole('textbox', { name: 'Assessed on' }).fill('2026-11-20');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expectDrawerScore(drawer, id);
  expect((await call('scores:breakdown', { organization_id: id })).org_air).toBeLessThan(before);

  // Emptying the scores and TC removes the assessment: no score, not 0.
  await drawer.getByRole('button', { name: 'Edit' }).click();
  for (const label of [...dimensions, 'Talent concentration (TC)']) {
    await edit.getByRole('textbox', { name: label, exact: true }).fill('');
  }
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toContainText('has no complete assessment, so no score');
});

test('imports a CSV with assessments: the preview shows them and names what a partial row lacks', async ({
  page,
}) => {
  await open(page);
  const before = await shownTotal(page);
  const codes = [
    'data_infrastructure',
    'ai_governance',
    'technology_stack',
    'talent',
    'leadership',
    'use_case_portfolio',
    'culture',
  ];
  const path = join(files, 'assessed.csv');
  await writeFile(
    path,
    [
      ['legal_name', 'focus_group_id', ...codes, 'talent_concentration', 'assessed_on'].join(','),
      ['Zed Whole', 'pe_retail', '55', '60', '65', '70', '75', '80', '85', '0.2', '2026-09-30'].join(','),
      ['Zed Partial', 'pe_retail', '55', '60', '', '', '', '', '', '0.2', '2026-09-30'].join(','),
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import organizations' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(path);
  await expect(dialog).toContainText('every column matched');
  await dialog.getByRole('switch', { name: /Import the valid rows/ }).check();
  await dialog.getByRole('button', { name: 'Check the file' }).click();
  const problems = dialog.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems).toContainText('technology_stack, talent, leadership, use_case_portfolio, culture');
  await expect(problems).toContainText('an assessment has all 7 dimension scores, TC and the date');
  await expect(dialog.getByRole('table', { name: 'Rows as stored' })).toContainText(
    '7 scores 55–85 · TC 0.2 · 2026-09-30',
  );
  await screenshot(page, 'import-preview-assessment');
  await dialog.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(dialog).toContainText('Imported: 1 inserted, 0 updated, 0 skipped, 1 rejected');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => shownTotal(page)).toBe(before + 1);
  const retail = await call('scores:ranking', { focus_group_id: 'pe_retail', limit: 1000 });
  expect(retail.top.some((o) => o.legal_name === 'Zed Whole')).toBe(true);
});

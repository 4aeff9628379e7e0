import { expect, test } from '@playwright/test';
import { cell, grid, gridLoaded } from './grid';
import { prepare, scratchDb, startHost, type RunningHost, type ScratchDb } from './own-host';
import { openSection } from './ui';

let db: ScratchDb;
let host: RunningHost;

test.beforeAll(async () => {
  db = await scratchDb();
  host = await startHost(db.file);
  await prepare(host, { count: 300, seed: 11 });
});

test.afterAll(async () => {
  await host?.stop();
  await db?.dispose();
});

test('draws the next screen down before it is scrolled to, and scrolls into those same rows', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await openSection(page, 'Organizations');
  await gridLoaded(page);
  const position = page.getByTestId('row-position');
  await expect(position).toHaveText(/^rows 1–\d+ of 300$/);
  const screen = Number(/–(\d+)/.exec(await position.innerText())![1]);

  // The last row of the next screen is in the document with its organization, before any scroll.
  const ahead = cell(page, 2 * screen - 1, 'legal_name');
  await expect(ahead).toHaveText(/\S/);
  await expect(ahead).not.toHaveClass(/og-loading/);

  // One screen down: the frame that shows it holds the very rows drawn before, none added.
  const kept = await grid(page).evaluate(async (element, first) => {
    const row = (index: number) => element.querySelector(`[role="row"][aria-rowindex="${index + 2}"]`);
    const before = Array.from({ length: 5 }, (_, i) => row(first + i));
    element.scrollTop += element.clientHeight - 62;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return before.every(
      (element, i) => element !== null && element.isConnected && row(first + i) === element,
    );
  }, screen + 1);
  expect(kept).toBe(true);
  await gridLoaded(page);
  await expect(position).not.toHaveText(/^rows 1–/);
});

import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Screenshots go to an ignored folder, so that `npm test` leaves the work tree clean; `npm run
 * screenshots` sets SECTOR_STUDIO_SCREENSHOTS=readme to refresh the README's pictures instead.
 */
export const screenshotDir =
  process.env.SECTOR_STUDIO_SCREENSHOTS === 'readme' ? 'e2e/screenshots' : 'test-results/screenshots';

export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText(
    name === 'Home' ? 'Sector Studio' : name,
  );
}

/** An option of a select by its label, with or without the count a filter menu shows after it. */
export function optionNamed(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('option', { name: new RegExp(`^${escaped}(\\s*(≥ )?[\\d,]+)?$`) });
}

/** Picks an option of a Mantine Select by the select's label and the option's text. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await optionNamed(page, option).click();
  await expect(page.getByRole('combobox', { name: label, exact: true })).toHaveValue(option);
}

export async function screenshot(page: Page, section: string): Promise<void> {
  // Let charts finish their first animation so that screenshots show them drawn.
  await page.waitForTimeout(600);
  // No hover tooltip or focus ring in the picture.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // The header and navbar are fixed; a viewport as tall as the page keeps them whole in the image.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport !== null) await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${screenshotDir}/${section}.png` });
  if (viewport !== null) await page.setViewportSize(viewport);
}

/** The text of every row of the cache log, newest first. */
export async function cacheLog(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Cache log' }).locator('tbody tr').allInnerTexts();
}

/** The value of a stat card (or cache figure) in the main area, by its label. */
export function stat(page: Page, label: string) {
  // Sections stay mounted while hidden; only the one on screen counts.
  return page.getByRole('main').getByLabel(label, { exact: true }).filter({ visible: true });
}

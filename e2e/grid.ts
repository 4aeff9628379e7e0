import { expect, type Locator, type Page } from '@playwright/test';

/** The Organizations grid (role=grid), its cells and what it shows. */
export function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Organizations' });
}

/** Waits until every visible row has arrived from the backend. */
export async function gridLoaded(page: Page): Promise<void> {
  await expect(grid(page)).toHaveAttribute('data-loading', 'false');
}

export function cell(page: Page, row: number, column: string): Locator {
  return grid(page).locator(`[role="gridcell"][data-column="${column}"][data-cell^="${row}:"]`);
}

/** The texts a column shows in the rendered rows, top to bottom. */
export async function columnTexts(page: Page, column: string): Promise<string[]> {
  await gridLoaded(page);
  return grid(page).evaluate((element, name) => {
    const cells = [...element.querySelectorAll<HTMLElement>(`[role="gridcell"][data-column="${name}"]`)];
    return cells
      .map((c) => ({ row: Number(c.dataset.cell?.split(':')[0]), text: c.innerText.trim() }))
      .sort((a, b) => a.row - b.row)
      .map((c) => c.text);
  }, column);
}

/** Header names in display order (visible columns only). */
export async function headers(page: Page): Promise<string[]> {
  return grid(page).evaluate((element) =>
    [...element.querySelectorAll<HTMLElement>('[role="columnheader"]')]
      .sort((a, b) => Number(a.getAttribute('aria-colindex')) - Number(b.getAttribute('aria-colindex')))
      .map((h) => h.querySelector('.og-head-label')?.textContent ?? ''),
  );
}

export function header(page: Page, label: string): Locator {
  return grid(page)
    .getByRole('columnheader')
    .filter({ has: page.locator('.og-head-label', { hasText: new RegExp(`^${escape(label)}$`) }) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which cell has the keyboard focus, as "row:col". */
export async function focusedCell(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null);
}

/** "1,234 organizations" in the status line. */
export async function shownTotal(page: Page): Promise<number> {
  const text = await page
    .locator('p[aria-live="polite"]')
    .filter({ hasText: /^[\d,]+ organizations?/ })
    .innerText();
  return Number(/^([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
}

const magnitude: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Money as the grid shows it ("$137.86 B", "$950.00"), as a number; a blank as -1. */
export function dollars(text: string): number {
  if (text === '—') return -1;
  const letter = /([KMBT])$/.exec(text)?.[1];
  return Number(text.replace(/[^\d.-]/g, '')) * (letter ? (magnitude[letter] ?? 1) : 1);
}

export function ordered(values: number[], dir: 'asc' | 'desc'): boolean {
  return values.every((v, i) => i === 0 || (dir === 'asc' ? values[i - 1]! <= v : values[i - 1]! >= v));
}

/** Opens a column's header menu and picks an item. */
export async function columnMenu(page: Page, label: string, item: string): Promise<void> {
  await grid(page)
    .getByRole('button', { name: `Column menu: ${label}`, exact: true })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  // Until its closing transition ends the menu is still there, and the next column's menu has the same items.
  await expect(page.getByRole('menu')).toHaveCount(0);
}

/** Scrolls the grid sideways until a column's header is drawn (only visible columns are). */
export async function revealColumn(page: Page, label: string): Promise<void> {
  for (let step = 0; step < 60 && (await header(page, label).count()) === 0; step++) {
    await grid(page).evaluate((element) => (element.scrollLeft += element.clientWidth / 2));
    await page.waitForTimeout(50);
  }
  await expect(header(page, label)).toHaveCount(1);
}

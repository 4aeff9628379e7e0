import { expect, type Page } from '@playwright/test';

/** What has the keyboard focus: its role or tag, and its accessible name as far as the page says it. */
export async function focused(page: Page): Promise<{ tag: string; role: string | null; name: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null) return { tag: 'none', role: null, name: '' };
    const labelledBy = element.getAttribute('aria-labelledby');
    const byId = labelledBy
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute('aria-label') ??
      byId ??
      (labels && labels.length > 0 ? (labels[0]?.textContent ?? '') : null) ??
      element.innerText ??
      '';
    return { tag: element.tagName.toLowerCase(), role: element.getAttribute('role'), name: name.trim() };
  });
}

/** The focus arrives on the element named `name` (menus and dialogs move it after a frame or a transition). */
export async function expectFocusOn(page: Page, name: string): Promise<void> {
  await expect.poll(async () => (await focused(page)).name).toBe(name);
}

/**
 * Focus is not left on the page itself once an action settles: a button busy with its action is
 * disabled, and it takes the focus back in the frame after it is done (the action's events, such as
 * the cache log's, may show before that).
 */
export async function expectFocusKept(page: Page): Promise<void> {
  await expect.poll(async () => (await focused(page)).tag).not.toBe('body');
}

/**
 * Presses Tab until the focused element's name matches, and says how many presses it took; fails
 * after `limit`, so that a test also bounds how far a control is from where the walk started.
 */
export async function tabTo(page: Page, name: string | RegExp, limit = 25, key = 'Tab'): Promise<number> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (matches((await focused(page)).name)) return presses;
  }
  throw new Error(`${String(name)} was not reached in ${limit} presses of ${key}`);
}

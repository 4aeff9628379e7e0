import { expect, test } from '@playwright/test';

test('the page loads under its CSP meta, with its icon, and without a console error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));

  await page.goto('/');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self'; .*connect-src 'self'/,
  );
  // The status line comes from a fetch to /api, which the meta's connect-src must allow.
  await expect(page.getByText(/^(no schema|schema v\d+)$/)).toBeVisible();
  // So must EventSource, which carries the cache log and progress.
  const opened = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const source = new EventSource('/api/events');
        source.onopen = () => resolve(true);
        source.onerror = () => resolve(false);
      }),
  );
  expect(opened).toBe(true);

  // A browser asks for /favicon.ico (or the linked icons) by itself; it used to be a 404 and a
  // console error on every load. Headless Chromium does not, so the test asks.
  const favicon = await page.request.get('/favicon.ico');
  expect([favicon.status(), favicon.headers()['content-type']]).toEqual([200, 'image/x-icon']);
  const links = await page
    .locator('link[rel="icon"]')
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLLinkElement).href));
  expect(links.map((href) => new URL(href).pathname)).toEqual(['/favicon.ico', '/icon.svg']);
  for (const href of links) expect((await page.request.get(href)).status()).toBe(200);

  expect(problems).toEqual([]);
});

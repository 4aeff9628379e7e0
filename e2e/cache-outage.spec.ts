import { expect, test } from '@playwright/test';
import { redisServerAvailability, startRedisServer } from '../test-support/redis-server';
import { prepare, scratchDb, startHost } from './own-host';
import { cacheLog, choose, openSection } from './ui';

const redis = redisServerAvailability();

test('the header says when the shared Redis became unreachable, and when it is back', async ({ page }) => {
  test.skip(!redis.available, 'redis-server not found');
  test.setTimeout(120_000);
  const db = await scratchDb();
  const server = await startRedisServer();
  let restarted: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  const host = await startHost(db.file, 0, { REDIS_URL: server.url });
  try {
    await prepare(host);
    await page.goto(host.url);
    const badge = page.getByText(/^(cache: |Redis unreachable)/);
    await expect(badge).toHaveText(`cache: Redis at 127.0.0.1:${server.port}`);

    await openSection(page, 'Cache');
    await choose(page, 'Select a Sector to Fetch', 'Financial Services');
    process.kill(server.pid, 'SIGKILL');
    await server.stop();
    // Pushed by the host: nobody clicks anything.
    await expect(badge).toHaveText(/^Redis unreachable since \d\d:\d\d:\d\d$/);

    await page.getByRole('button', { name: 'Fetch Config (with cache)' }).click();
    await expect(page.getByText('Loaded from the database')).toBeVisible();
    await expect
      .poll(async () => (await cacheLog(page))[0])
      .toContain('Cache MISS for key: sector:pe_financial_services (cache unavailable)');
    // The badge says it once; the cache statistics read after each log line (60 ms later) do not
    // notify again.
    await page.waitForTimeout(1000);
    // Counted once: a retrying assertion would pass when the notification closes by itself.
    expect(await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).count()).toBe(0);

    restarted = await startRedisServer(undefined, { port: server.port });
    await expect(badge).toHaveText(`cache: Redis at 127.0.0.1:${server.port}`);
  } finally {
    await host.stop();
    await restarted?.stop();
    await db.dispose();
  }
});

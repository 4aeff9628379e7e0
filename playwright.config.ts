import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Drives the real renderer in Debian's Chromium against the browser host (see TOOLCHAIN.md: no
 * Playwright browser download here). CHROMIUM_PATH points elsewhere, e.g. at Playwright's own browser.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromium);
if (!haveChromium && (process.env.CI === 'true' || process.env.CHROMIUM_PATH !== undefined)) {
  // A CI run without a browser must fail loudly, never pass by skipping the end-to-end suite.
  throw new Error(`Chromium not found at ${chromium}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // The flow spec walks one database from empty to filled; the other specs start their own hosts.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI === 'true',
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI === 'true' ? 'list' : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: process.env.SECTOR_STUDIO_E2E_URL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: haveChromium ? chromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

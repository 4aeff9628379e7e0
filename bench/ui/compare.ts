import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { scrollFps } from './probes';

/**
 * How the grid library was chosen: the candidates draw the same synthetic result (a million rows of
 * 92 columns, values from the row number, no backend) in the same Chromium, and each is timed on a
 * jump to the middle and on continuous scrolling. Writes bench/ui-compare.json. AG Grid Community
 * is a development dependency for this comparison only; the app does not bundle it.
 */

const root = resolve(new URL('../..', import.meta.url).pathname);
const dist = join(root, 'bench/tmp/compare');
const libraries = ['tanstack', 'aggrid'] as const;

function build(): void {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'bench/ui/compare/vite.config.ts'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) throw new Error('building the comparison page failed');
}

function serve(): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((req, res) => {
    const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/$/, '/index.html'));
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      done({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

/** Scrolls the library's scroller to `fraction`; ms until the row there shows its own text. */
async function jump(page: Page, fraction: number): Promise<number> {
  return page.evaluate(async (at) => {
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const scroller = (document.querySelector('[role="grid"].og-scroller') ??
      document.querySelector('.ag-grid-viewport')) as HTMLElement;
    await frame();
    const start = performance.now();
    scroller.scrollTop = Math.round((scroller.scrollHeight - scroller.clientHeight) * at);
    for (let i = 0; i < 600; i++) {
      await frame();
      // Both libraries number their rows with aria-rowindex (the header row is 1).
      const rows = [...document.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')].filter(
        (row) => {
          const index = Number(row.getAttribute('aria-rowindex')) - 2;
          const box = row.getBoundingClientRect();
          return (
            index > 1000 &&
            box.top > 0 &&
            box.bottom < innerHeight &&
            row.textContent?.includes(`Org ${index}`)
          );
        },
      );
      if (rows.length > 5) break;
    }
    await frame();
    return performance.now() - start;
  }, fraction);
}

function bundleKb(): number {
  const assets = join(dist, 'assets');
  return Math.round(
    readdirSync(assets)
      .filter((name) => name.endsWith('.js'))
      .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0) / 1024,
  );
}

async function main(): Promise<void> {
  build();
  const site = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const results: Record<string, unknown> = {
    generated: new Date().toISOString(),
    browser: `Chromium ${browser.version()}`,
    rows: 1_000_000,
    columns: 92,
    viewport: '1280x800',
    page_js_gzip_kb_both_libraries: bundleKb(),
  };
  try {
    for (const lib of libraries) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript('window.__name = (fn) => fn;');
      await page.goto(`${site.url}/?lib=${lib}`);
      await page.waitForSelector('[role="row"][aria-rowindex="3"]');
      const jumps: number[] = [];
      for (let i = 0; i < 15; i++) jumps.push(await jump(page, 0.3 + (0.4 * i) / 15));
      jumps.sort((a, b) => a - b);
      const scroller = lib === 'aggrid' ? '.ag-grid-viewport' : '[role="grid"].og-scroller';
      const fps = await scrollFps(page, 4_000, scroller);
      const nodes = await page.evaluate(() => document.querySelectorAll('*').length);
      const scrollHeight = await page.evaluate(
        (selector) => document.querySelector(selector)?.scrollHeight ?? 0,
        scroller,
      );
      results[lib] = {
        jump_median_ms: Math.round(jumps[Math.floor(jumps.length / 2)] ?? 0),
        jump_p95_ms: Math.round(jumps[Math.ceil(jumps.length * 0.95) - 1] ?? 0),
        scroll_fps: Math.round(fps),
        dom_elements: nodes,
        scroll_height_px: scrollHeight,
      };
      console.log(lib, results[lib]);
      await page.close();
    }
  } finally {
    await browser.close();
    site.close();
  }
  writeFileSync(join(root, 'bench/ui-compare.json'), `${JSON.stringify(results, null, 2)}\n`);
}

await main();

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { buildRenderer, startHost } from '../../e2e/host';
import { coldOpen } from './cold-open';
import { scrollFps, jumpMs, thumbDrag, waitPainted } from './probes';
import { plainTableTime, screenFramesMs, screenWorkMs } from './screen-probes';

/**
 * The renderer benchmark (issue 10): drives the real Organizations grid in Chromium against the
 * browser host on a database of --orgs organizations and writes bench/ui-results.json. Never part of
 * `npm test`: timings on a shared machine are reported, not asserted.
 *
 * - scroll_vs_plain_table: one screen scrolled until its rows are painted, against the same browser
 *   painting the same rows (every column, as a table without virtualisation holds them) via innerHTML;
 *   the main thread's time to the end of the painting frame, and the whole frames counted before
 *   (screen-probes.ts says how and why both).
 * - jump_p95_ms: the scrollbar dragged to around the middle of the result until those rows are painted.
 * - scroll_fps: frames per second while scrolling continuously, from requestAnimationFrame timestamps.
 * - thumb_drag_blank_frames, thumb_drag_paint_p95_ms: the scrollbar's thumb dragged from the top to
 *   the bottom at a steady pace over 6 s: the share of frames with placeholder rows, how long
 *   placeholders stay before every row is painted, and how far the rows shown are from the thumb's.
 * - cold_open_ms: a new host process on the file and a new page until the grid's first page is
 *   painted, against the sqlite3 shell counting the same file's organizations (cold-open.ts).
 */

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/ui-results.json' },
    rounds: { type: 'string', default: '20' },
  },
});
const orgs = Number(values.orgs);
const rounds = Number(values.rounds);
const root = new URL('../..', import.meta.url).pathname;

function cli(db: string, ...args: string[]): void {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'electron/cli/main.ts', '--db', db, ...args],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed`);
}

/** A database of `orgs` organizations, built once and kept in the OS temp folder for later runs. */
function database(): string {
  if (values.db !== undefined) return values.db;
  const file = join(tmpdir(), `sector-studio-ui-bench-${orgs}.db`);
  if (!existsSync(file)) {
    console.error(
      `Building ${file} with ${orgs.toLocaleString()} organizations (once; later runs reuse it)…`,
    );
    cli(file, 'init');
    cli(file, 'seed');
    cli(file, 'seed-orgs', '--count', String(orgs), '--seed', '1');
  }
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

async function openGrid(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#organizations`);
  // The default view, whatever an earlier run left in this profile.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('grid', { name: 'Organizations' }).waitFor();
  await waitPainted(page);
}

async function main(): Promise<void> {
  const db = database();
  buildRenderer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const cold = await coldOpen(browser, db, 3);
  const host = await startHost(db);
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx compiles the probes with esbuild's keepNames, whose helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn;');
    await openGrid(page, host.url);
    const total = await page.evaluate(
      () => Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) - 1,
    );

    // The first drag of a new sort builds its anchors (one pass over the index); it is reported apart.
    const firstJump = await jumpMs(page, 0.5);
    const jumps: number[] = [];
    for (let i = 0; i < rounds; i++) jumps.push(await jumpMs(page, 0.4 + (0.2 * i) / rounds));

    const screens: number[] = [];
    const tables: number[] = [];
    const screenFrames: number[] = [];
    const tableFrames: number[] = [];
    for (let i = 0; i < rounds; i++) {
      screens.push(await screenWorkMs(page));
      const table = await plainTableTime(page);
      tables.push(table.workMs);
      tableFrames.push(table.framesMs);
      screenFrames.push(await screenFramesMs(page));
    }
    const fps = await scrollFps(page, 5_000);
    const drag = await thumbDrag(page, 6_000);

    const results = {
      generated: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memory_gb: round(totalmem() / 2 ** 30),
        node: process.version,
        /** 1-minute load average at the start and the end: other jobs share the cores. */
        load_avg: [round(loadAtStart, 2), round(loadavg()[0] ?? 0, 2)],
      },
      browser: `Chromium ${browser.version()}`,
      organizations: total,
      viewport: '1280x800',
      rounds,
      duration_s: round((performance.now() - started) / 1000),
      measurements: {
        scroll_vs_plain_table: {
          value: round(median(screens) / median(tables), 2),
          grid_screen_ms_median: round(median(screens)),
          plain_table_ms_median: round(median(tables)),
          target: '<= 0.5',
          in_frames: {
            value: round(median(screenFrames) / median(tableFrames), 2),
            grid_screen_ms_median: round(median(screenFrames)),
            plain_table_ms_median: round(median(tableFrames)),
          },
        },
        jump_p95_ms: {
          value: round(p95(jumps)),
          median_ms: round(median(jumps)),
          first_jump_ms: round(firstJump),
          target: '<= 300',
        },
        scroll_fps: { value: round(fps), target: '>= 50' },
        thumb_drag_blank_frames: {
          value: round(drag.blankShare, 3),
          frames: drag.frames,
          lag_rows_median: drag.lagRowsMedian,
          target: '<= 0.1',
        },
        thumb_drag_paint_p95_ms: {
          value: round(drag.paintP95Ms),
          longest_blank_ms: round(drag.longestBlankMs),
          target: '<= 150',
        },
        cold_open_ms: {
          value: round(cold.totalMs, 0),
          host_ms: round(cold.hostMs, 0),
          page_ms: round(cold.pageMs, 0),
          sqlite3_count_ms: cold.shellCountMs === null ? null : round(cold.shellCountMs, 0),
          vs_sqlite3_count: cold.shellCountMs === null ? null : round(cold.totalMs / cold.shellCountMs, 0),
          rounds: cold.rounds,
        },
      },
    };
    writeFileSync(resolve(root, values.out), `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results.measurements, null, 2));
  } finally {
    await browser.close();
    await host.stop();
  }
}

await main();

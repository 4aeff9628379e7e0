import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { createBackend } from '../../electron/backend/index';
import { buildRenderer, startHost } from '../../e2e/host';
import { jumpMs, waitPainted } from './probes';

/**
 * Where the time of a thumb drag goes (issue 20): the drag of `npm run bench:ui` on --db, with a
 * timestamp per rows request in the page (asked, headers received, body read, or aborted), the
 * renderer's frames and style and layout work from Chromium's trace, and the same windows read in
 * process (no HTTP, no page) for the backend's share. Writes --out; a diagnosis, not a target.
 *
 *   npx tsx bench/ui/drag-trace.ts --db FILE [--out bench/ui-drag-trace.json]
 */

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/ui-drag-trace.json' },
    ms: { type: 'string', default: '6000' },
  },
});
if (values.db === undefined) throw new Error('--db FILE: a database of organizations');
const db = values.db;
const duration = Number(values.ms);
const root = new URL('../..', import.meta.url).pathname;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(xs.length * p) - 1))] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

interface Request {
  start: number;
  asked: number;
  headers: number | null;
  body: number | null;
  aborted: boolean;
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
}

/** In the page: every orgs:rows request, timed. */
function recordRequests(): void {
  const log: Request[] = [];
  (window as unknown as { rowRequests: Request[] }).rowRequests = log;
  const plain = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    if (!String(input).includes('orgs%3Arows')) return plain(input, init);
    const entry: Request = {
      start: (JSON.parse(String(init?.body)) as { start: number }).start,
      asked: performance.now(),
      headers: null,
      body: null,
      aborted: false,
    };
    log.push(entry);
    try {
      const response = await plain(input, init);
      entry.headers = performance.now();
      const text = await response.text();
      entry.body = performance.now();
      return new Response(text, { status: response.status, headers: response.headers });
    } catch (error) {
      entry.aborted = true;
      throw error;
    }
  };
}

/** The same drag as the bench's thumbDrag, keeping each frame's time and whether it had placeholders. */
async function drag(ms: number) {
  const grid = document.querySelector('[role="grid"]') as HTMLElement;
  const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
  const loading = () => grid.dataset.loading !== 'false';
  grid.scrollTop = 0;
  while (loading()) await frame();
  const requests = (window as unknown as { rowRequests: Request[] }).rowRequests;
  requests.length = 0;
  const max = grid.scrollHeight - grid.clientHeight;
  const frames: { at: number; blank: boolean }[] = [];
  const start = await frame();
  for (let now = start; now - start <= ms; now = await frame()) {
    frames.push({ at: now - start, blank: loading() });
    grid.scrollTop = Math.round(max * Math.min(1, (now - start) / ms));
  }
  return { frames, requests };
}

async function inPage() {
  buildRenderer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const host = await startHost(db);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(recordRequests);
    await page.goto(`${host.url}/#organizations`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('grid', { name: 'Organizations' }).waitFor();
    await waitPainted(page);
    await jumpMs(page, 0.5); // builds the anchors, as the bench's first jump does
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data) => {
      events.push(...(data.value as unknown as TraceEvent[]));
    });
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    const result = await page.evaluate(drag, duration);
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    const total = (name: string) =>
      events.filter((e) => e.name === name && e.ph === 'X').reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    return { ...result, styleMs: total('UpdateLayoutTree'), layoutMs: total('Layout') };
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The backend's share: 50-row windows anywhere in the default sort, read in process. */
async function inProcess(count: number) {
  const backend = await createBackend({ dbFile: db, mustExist: true });
  const read = async (start: number) => {
    const result = await backend.invoke('orgs:rows', { sort: 'legal_name', dir: 'asc', start, count });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const { total } = await read(0);
  await read(Math.floor(total / 2)); // the anchors
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const rows = await read(Math.floor(((i + 0.5) / 60) * (total - count)));
    times.push(performance.now() - started);
    bytes += JSON.stringify(rows).length;
  }
  await backend.close();
  return {
    median_ms: round(percentile(times, 0.5)),
    p95_ms: round(percentile(times, 0.95)),
    bytes: bytes / 60,
  };
}

const loadAtStart = loadavg()[0] ?? 0;
const page = await inPage();
const backend = await inProcess(50);
const answered = page.requests.filter((r) => r.body !== null && !r.aborted);
const gaps = page.frames.slice(1).map((f, i) => f.at - (page.frames[i]?.at ?? 0));
const trace = {
  generated: new Date().toISOString(),
  load_avg: [round(loadAtStart), round(loadavg()[0] ?? 0)],
  drag_ms: duration,
  frames: page.frames.length,
  blank_frames: page.frames.filter((f) => f.blank).length,
  frame_gap_ms: { median: round(percentile(gaps, 0.5)), p95: round(percentile(gaps, 0.95)) },
  renderer_style_ms: round(page.styleMs),
  renderer_layout_ms: round(page.layoutMs),
  requests: page.requests.length,
  aborted: page.requests.filter((r) => r.aborted).length,
  /** Asked until the response's headers: the host, its reader worker and the network. */
  to_headers_ms: {
    median: round(
      percentile(
        answered.map((r) => (r.headers ?? 0) - r.asked),
        0.5,
      ),
    ),
    p95: round(
      percentile(
        answered.map((r) => (r.headers ?? 0) - r.asked),
        0.95,
      ),
    ),
  },
  /** Headers until the body is read: mostly waiting for the page's busy main thread. */
  body_ms: {
    median: round(
      percentile(
        answered.map((r) => (r.body ?? 0) - (r.headers ?? 0)),
        0.5,
      ),
    ),
    p95: round(
      percentile(
        answered.map((r) => (r.body ?? 0) - (r.headers ?? 0)),
        0.95,
      ),
    ),
  },
  backend_window_50: backend,
};
writeFileSync(resolve(root, values.out), `${JSON.stringify(trace, null, 2)}\n`);
console.log(JSON.stringify(trace, null, 2));
process.exit(0);

import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackend } from '../electron/backend/index';
import { startBrowserHost } from '../electron/browser-host/server';
import { invokePath, type Input } from '../shared/contract';
import { orgSortColumns } from '../shared/org-query';
import { call, propagationMs } from './backend-calls';
import { percentile } from './stats';

export interface ConcurrencyBench {
  /** p95 of orgs:query pages over HTTP while the same host inserts `inserted` organizations. */
  pageP95DuringInsertMs: number;
  /** The same pages with nothing else running, for comparison. */
  pageP95IdleMs: number;
  pagesDuringInsert: number;
  /** p99 of the event-loop delay of the thread that serves the UI, during the insert. */
  loopDelayP99Ms: number;
  inserted: number;
  insertSeconds: number;
  /** From the start of an edit in one instance to the DELETE in another instance's cache log. */
  propagationMedianMs: number;
  propagationMaxMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The shell keeps serving while it works: the browser host (the same thread as Electron's main
 * process in the desktop app) inserts organizations while a client pages through them, and a
 * second instance on the same file sees configuration edits. Everything goes through the app's
 * own transports (HTTP and the backend), as a user's requests do.
 */
export async function benchConcurrency(dir: string, orgs: number, quick: boolean): Promise<ConcurrencyBench> {
  const file = join(dir, 'concurrency.sqlite');
  const backend = await createBackend({ dbFile: file });
  const other = await createBackend({ dbFile: file });
  const host = await startBrowserHost({ backend, port: 0, staticDir: dir });
  try {
    for (const channel of ['schema:init', 'seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
      await call(backend, channel, {});
    }
    await call(backend, 'orgs:insertSample', { count: 5_000, seed: 1 });

    let page = 0;
    const timePage = async (): Promise<number> => {
      const input: Input<'orgs:query'> = {
        sort: orgSortColumns[page % orgSortColumns.length],
        dir: page % 2 === 0 ? 'asc' : 'desc',
        limit: 100,
      };
      page++;
      const started = performance.now();
      const response = await fetch(`${host.url}${invokePath('orgs:query')}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean };
      if (!body.ok) throw new Error('a page failed during the bench');
      return performance.now() - started;
    };

    const idle: number[] = [];
    for (let i = 0; i < (quick ? 20 : 100); i++) idle.push(await timePage());

    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    let inserting = true;
    const insert = call(backend, 'orgs:insertSample', { count: orgs, seed: 2 }).finally(
      () => (inserting = false),
    );
    const during: number[] = [];
    while (inserting) {
      during.push(await timePage());
      await sleep(50);
    }
    const { inserted } = await insert;
    const insertSeconds = (performance.now() - started) / 1000;
    loop.disable();

    const propagation = await propagationMs(other, backend, quick ? 3 : 10);

    return {
      pageP95DuringInsertMs: percentile(during, 95),
      pageP95IdleMs: percentile(idle, 95),
      pagesDuringInsert: during.length,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      inserted,
      insertSeconds,
      propagationMedianMs: percentile(propagation, 50),
      propagationMaxMs: Math.max(...propagation),
    };
  } finally {
    await host.close();
    await other.close();
    await backend.close();
  }
}

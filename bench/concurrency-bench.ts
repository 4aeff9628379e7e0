import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBackend, type Backend } from '../electron/backend/index';
import { startBrowserHost } from '../electron/browser-host/server';
import { invokePath, type Channel, type Input } from '../shared/contract';
import { orgSortColumns } from '../shared/org-query';
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
  /** From an edit committed by one instance to the DELETE in another instance's cache log. */
  propagationMedianMs: number;
  propagationMaxMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ok<T>(backend: Backend, channel: Channel, input: object): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

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
    for (const channel of [
      'schema:init',
      'seed:focusGroupsDimensions',
      'seed:weightsCalibrations',
    ] as const) {
      await ok(backend, channel, {});
    }
    await ok(backend, 'orgs:insertSample', { count: 5_000, seed: 1 });

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
    const insert = ok<{ inserted: number }>(backend, 'orgs:insertSample', { count: orgs, seed: 2 }).finally(
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

    const propagation: number[] = [];
    for (let i = 0; i < (quick ? 3 : 10); i++) {
      await ok(backend, 'cache:fetch', { focus_group_id: 'pe_energy' });
      const seen = new Promise<number>((resolve) => {
        const stop = backend.subscribe('cache:log', (entry) => {
          if (entry.message.includes('changed in another process') && entry.key === 'sector:pe_energy') {
            stop();
            resolve(performance.now());
          }
        });
      });
      await ok(other, 'config:updateWeight', {
        focus_group_id: 'pe_energy',
        dimension_code: 'talent',
        weight: Number((0.12 + ((i % 2) + 1) / 1000).toFixed(3)),
        rationale: 'test edit',
      });
      const committed = performance.now();
      propagation.push((await seen) - committed);
    }

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

import { spawnSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import { startHost } from '../../e2e/host';
import { sqliteShellOrSkip } from '../sqlite3-shell';
import { waitPainted } from './probes';

export interface ColdOpen {
  /** Starting the host process until the first grid page is painted. */
  totalMs: number;
  /** Of which: the host process until it listens (Node and tsx start, the file opened and migrated). */
  hostMs: number;
  /** Of which: loading the page until its grid shows the first rows. */
  pageMs: number;
  /** The sqlite3 shell answering SELECT count(*) on the same file, start to exit. */
  shellCountMs: number | null;
  rounds: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function shellCountMs(db: string): number {
  const started = performance.now();
  const run = spawnSync('sqlite3', ['-readonly', db, 'SELECT count(*) FROM organizations'], {
    stdio: 'ignore',
  });
  if (run.error !== undefined || run.status !== 0) throw new Error(`sqlite3 could not count ${db}`);
  return performance.now() - started;
}

/**
 * A cold open as a user has it: a new host process on the file (the desktop main process's backend
 * under Node, as the tests run it) and a new page, until the grid's first page is painted; each round
 * starts and stops its own host. The anchor is the sqlite3 shell counting the same file's rows.
 */
export async function coldOpen(browser: Browser, db: string, rounds: number): Promise<ColdOpen> {
  const totals: number[] = [];
  const hosts: number[] = [];
  const pages: number[] = [];
  const shell: number[] = [];
  const hasShell = sqliteShellOrSkip();
  for (let round = 0; round < rounds; round++) {
    if (hasShell) shell.push(shellCountMs(db));
    const started = performance.now();
    const host = await startHost(db);
    const listening = performance.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}/#organizations`);
      await page.getByRole('grid', { name: 'Organizations' }).waitFor();
      await waitPainted(page);
      const painted = performance.now();
      totals.push(painted - started);
      hosts.push(listening - started);
      pages.push(painted - listening);
    } finally {
      await context.close();
      await host.stop();
    }
  }
  return {
    totalMs: median(totals),
    hostMs: median(hosts),
    pageMs: median(pages),
    shellCountMs: shell.length > 0 ? median(shell) : null,
    rounds,
  };
}

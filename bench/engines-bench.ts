import { Writable } from 'node:stream';
import { createBackend } from '../electron/backend/index';
import { call, propagationMs } from './backend-calls';
import { orgSortColumns } from '../shared/org-query';
import { median, percentile } from './stats';

export const engineFigures = [
  'seed_s',
  'seed_orgs_per_s',
  'page_p95_ms',
  'page_p95_ms_by_sort',
  'rows_window_p95_ms',
  'count_first_ms',
  'export_rows_per_s',
  'config_miss_ms',
  'config_hit_ms',
  'config_propagation_ms',
] as const;
export type EngineFigure = (typeof engineFigures)[number];
export type EngineResults = Record<EngineFigure, number>;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const round = (value: number) => Number(value.toPrecision(4));

/**
 * The same user-level operations through the same backend and contract on one engine's database:
 * what an analyst meets in team mode beside the laptop file. `location` is an empty database.
 */
export async function benchEngine(location: string, orgs: number, quick: boolean): Promise<EngineResults> {
  const backend = await createBackend({ dbFile: location });
  const other = await createBackend({ dbFile: location });
  try {
    await call(backend, 'schema:init', {});
    await call(backend, 'seed:sectorsDimensions', {});
    await call(backend, 'seed:weightsCalibrations', {});
    const seedMs = await timed(() => call(backend, 'orgs:insertSample', { count: orgs, seed: 42 }));

    const rounds = quick ? 20 : 100;
    const sectors = (await call(backend, 'sectors:list', {})).map((s) => s.focus_group_id);
    const pages: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const focus_group_id = sectors[i % sectors.length] ?? null;
      const first = await call(backend, 'orgs:query', { focus_group_id, sort: 'legal_name', limit: 100 });
      pages.push(
        await timed(() =>
          call(backend, 'orgs:query', {
            focus_group_id,
            sort: 'legal_name',
            limit: 100,
            after: first.next_cursor,
          }),
        ),
      );
    }
    const bySort: number[] = [];
    for (const sort of orgSortColumns) {
      const samples: number[] = [];
      for (let i = 0; i < rounds / 5; i++) {
        const dir = i % 2 === 0 ? 'asc' : 'desc';
        const focus_group_id = i % 4 < 2 ? null : (sectors[i % sectors.length] ?? null);
        samples.push(
          await timed(() => call(backend, 'orgs:query', { focus_group_id, sort, dir, limit: 100 })),
        );
      }
      bySort.push(percentile(samples, 95));
    }
    const windows: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const start = Math.floor(((i * 7919) % rounds) * (orgs / rounds));
      windows.push(
        await timed(() => call(backend, 'orgs:rows', { sort: 'legal_name', dir: 'asc', start, count: 60 })),
      );
    }
    const countFirst = await timed(() => backend.invoke('orgs:query', { search: 'Holdings', limit: 1 }));

    let exported = 0;
    const devNull = new Writable({ write: (_chunk, _encoding, done) => done() });
    const exportMs = await timed(async () => {
      exported = (
        await backend.exportOrganizations(
          { sort: 'legal_name', dir: 'asc', format: 'csv' },
          { stream: devNull },
        )
      ).rows;
    });

    const misses: number[] = [];
    const hits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await call(backend, 'cache:invalidate', { focus_group_id: 'pe_energy' });
      misses.push(await timed(() => call(backend, 'cache:fetch', { focus_group_id: 'pe_energy' })));
      hits.push(await timed(() => call(backend, 'cache:fetch', { focus_group_id: 'pe_energy' })));
    }

    const propagation = await propagationMs(backend, other, quick ? 3 : 10);

    return {
      seed_s: round(seedMs / 1000),
      seed_orgs_per_s: Math.round(orgs / (seedMs / 1000)),
      page_p95_ms: round(percentile(pages, 95)),
      page_p95_ms_by_sort: round(Math.max(...bySort)),
      rows_window_p95_ms: round(percentile(windows, 95)),
      count_first_ms: round(countFirst),
      export_rows_per_s: Math.round(exported / (exportMs / 1000)),
      config_miss_ms: round(median(misses)),
      config_hit_ms: round(median(hits)),
      config_propagation_ms: round(median(propagation)),
    };
  } finally {
    await other.close();
    await backend.close();
  }
}

export function formatEngines(results: Partial<Record<string, EngineResults>>): string {
  const names = Object.keys(results);
  const lines = [['figure', ...names].join('\t')];
  for (const figure of engineFigures) {
    lines.push([figure, ...names.map((name) => String(results[name]?.[figure] ?? '—'))].join('\t'));
  }
  return lines.join('\n');
}

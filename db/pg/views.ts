import type pg from 'pg';
import { viewsRepository, type ViewsSql } from '../core/views-repository';
import type { ViewOperations } from '../port';
import { pgEngine } from './sql-engine';

/** jsonb and timestamptz read back as the text SQLite holds: JSON, and ISO 8601 in UTC to the millisecond. */
export const pgViewsSql: ViewsSql = {
  list: `SELECT name, view::text AS view,
    to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS saved_at FROM saved_views`,
};

export function pgViews(pool: pg.Pool): ViewOperations {
  const { reads, writes } = viewsRepository(pgEngine(pool), pgViewsSql);
  return { ...reads, ...writes };
}

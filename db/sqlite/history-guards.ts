import { quoteIdentifier } from '../core/identifier';
import type { Db } from './connection';

/**
 * Runs `work` (inside the caller's transaction) without the triggers that keep the configuration
 * history (the change-set migration, named trg_history_*), then puts them back as they were written. Only a
 * whole-database replacement uses this (the demo reset, `copy --replace` onto a file): it replaces
 * every row of every table, history included, and is an action of its own, never an edit.
 */
export function withoutHistoryGuards<T>(db: Db, work: () => T): T {
  const guards = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger' AND name LIKE 'trg\\_history\\_%' ESCAPE '\\'`,
    )
    .all();
  for (const { name } of guards) db.prepare(`DROP TRIGGER main.${quoteIdentifier(name)}`).run();
  try {
    return work();
  } finally {
    for (const { sql } of guards) db.exec(sql);
  }
}

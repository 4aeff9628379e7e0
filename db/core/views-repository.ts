import type { SavedView, ViewBody } from '../../shared/saved-views';
import type { ViewOperations } from '../port';
import type { SqlEngine, SqlSession } from './sql';

/**
 * The statements of the saved views, as each engine writes them: the list comes back as
 * (name, view as JSON text, saved_at as ISO text in UTC).
 */
export interface ViewsSql {
  list: string;
}

/** The same text on both engines: an upsert by name, and a delete. */
const commonSql = {
  /** (name, view JSON text, saved_at) */
  save: `INSERT INTO saved_views (name, view, saved_at) VALUES ($1, $2, $3)
    ON CONFLICT (name) DO UPDATE SET view = excluded.view, saved_at = excluded.saved_at`,
  exists: 'SELECT 1 AS found FROM saved_views WHERE name = $1',
  delete: 'DELETE FROM saved_views WHERE name = $1',
};

interface Stored {
  name: string;
  view: string;
  saved_at: string;
}

/** Names as a person reads a list: letters before their case, then numbers by value. */
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Saved views over either engine. A view's body is stored as the JSON text the grid gave it; a view
 * of the same name is replaced, whoever saved it (the last save wins, as in a shared folder).
 */
export function viewsRepository(engine: SqlEngine, sql: ViewsSql, clock: () => Date = () => new Date()) {
  async function list(db: SqlSession): Promise<SavedView[]> {
    const rows = await db.rows<Stored>(sql.list);
    return rows
      .map((row) => ({ name: row.name, view: JSON.parse(row.view) as ViewBody, saved_at: row.saved_at }))
      .sort((a, b) => byName.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
  }

  async function save(db: SqlSession, name: string, view: ViewBody): Promise<boolean> {
    const existed = (await db.row(commonSql.exists, [name])) !== undefined;
    await db.run(commonSql.save, [name, JSON.stringify(view), clock().toISOString()]);
    return existed;
  }

  const reads = { listViews: () => engine.read(list) };
  const writes = {
    saveView: (input: { name: string; view: ViewBody }) =>
      engine.write(async (db) => {
        await save(db, input.name, input.view);
        return list(db);
      }),
    deleteView: (name: string) =>
      engine.write(async (db) => {
        await db.run(commonSql.delete, [name]);
        return list(db);
      }),
    importViews: (views: { name: string; view: ViewBody }[]) =>
      engine.write(async (db) => {
        let replaced = 0;
        for (const view of views) if (await save(db, view.name, view.view)) replaced++;
        return { added: views.length - replaced, replaced, views: await list(db) };
      }),
  };
  return { reads, writes } satisfies {
    reads: Pick<ViewOperations, 'listViews'>;
    writes: Omit<ViewOperations, 'listViews'>;
  };
}

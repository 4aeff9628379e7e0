import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection';
import type { ConfigChangeRow } from './protocol';

/**
 * Watches the file for configuration changes committed by any other connection. `data_version`
 * changes only when another connection commits, so an idle check is one pragma; only then are the
 * config_changes rows after the last one seen read (the table appears when the schema does).
 */
export function watchConfigChanges(
  db: Db,
  everyMs: number,
  report: (rows: ConfigChangeRow[]) => void,
): () => void {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const tableExists = db
    .prepare<[], number>("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'config_changes'")
    .pluck();
  let since: Statement<[number], ConfigChangeRow> | undefined;
  let last = 0;
  const prepare = () =>
    db.prepare<[number], ConfigChangeRow>(
      'SELECT seq, focus_group_id FROM config_changes WHERE seq > ? ORDER BY seq',
    );
  if (tableExists.get()) {
    since = prepare();
    last = (db.prepare('SELECT coalesce(max(seq), 0) FROM config_changes').pluck().get() as number) ?? 0;
  }
  let version = dataVersion.get();

  const timer = setInterval(() => {
    const now = dataVersion.get();
    if (now === version) return;
    version = now;
    if (since === undefined) {
      if (!tableExists.get()) return;
      since = prepare();
    }
    const rows = since.all(last);
    const newest = rows[rows.length - 1];
    if (newest === undefined) return;
    last = newest.seq;
    report(rows);
  }, everyMs);
  return () => clearInterval(timer);
}

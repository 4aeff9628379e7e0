import type { Db } from '../connection';

/**
 * Watches the file for sectors whose Org-AI-R scores went stale (score_freshness, migration 12),
 * whoever's commit made them so: this instance's writer, another process, a script. An idle check is
 * one pragma; only after a commit is the freshness table read. Reports once at the start too, for
 * what was left stale while no instance was running.
 */
export function watchStaleScores(db: Db, everyMs: number, report: () => void): () => void {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const tableExists = db
    .prepare<[], number>("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'score_freshness'")
    .pluck();
  const staleExists = () => db.prepare('SELECT 1 FROM score_freshness WHERE stale LIMIT 1').pluck().get();
  const check = () => {
    if (tableExists.get() && staleExists()) report();
  };
  let version = dataVersion.get();
  check();
  const timer = setInterval(() => {
    const now = dataVersion.get();
    if (now === version) return;
    version = now;
    check();
  }, everyMs);
  return () => clearInterval(timer);
}

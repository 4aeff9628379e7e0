import type { Statement } from 'better-sqlite3';
import type { ScoreRefreshSql } from '../core/score-refresh';
import type { Db } from './connection';
import { sqliteDataVersion } from './data-version';

/**
 * Scores written through one statement prepared on first use (the table exists only after migration
 * 12), each value bound as the double the formula computed, in the ids' order: the key order of the
 * sector's range (migration 13), so the rows are appended rather than spread over the table.
 */
export function sqliteScoreRefreshSql(db: Db): ScoreRefreshSql {
  let insert: Statement | undefined;
  return {
    commitMark: sqliteDataVersion(db),
    written: null,
    async insert(_session, sectorId, { ids, scores }) {
      insert ??= db.prepare(
        `INSERT INTO organization_scores (organization_id, focus_group_id, vr, hr, synergy, org_air)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < ids.length; i++) {
        insert.run(ids[i], sectorId, scores.vr[i], scores.hr[i], scores.synergy[i], scores.orgAir[i]);
      }
    },
  };
}

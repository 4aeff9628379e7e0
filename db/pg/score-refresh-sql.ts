import type pg from 'pg';
import { refreshSchedule, type RefreshSchedule } from '../core/refresh-schedule';
import type { ScoreRefreshSql } from '../core/score-refresh';

/** A column as an array literal: JavaScript writes each double so that PostgreSQL reads it back exactly. */
const arrayOf = (values: ArrayLike<number | string>) => `{${Array.from(values).join(',')}}`;

/**
 * A sector's scores in one statement (five arrays unnested), then organization_changes bumped so
 * that every instance drops its cached orders and counts (migration 3).
 */
export const pgScoreRefreshSql: ScoreRefreshSql = {
  commitMark: null,
  written: 'UPDATE organization_changes SET version = version + 1',
  async insert(db, sectorId, { ids, scores }) {
    await db.run(
      `INSERT INTO organization_scores (organization_id, focus_group_id, vr, hr, synergy, org_air)
       SELECT s.id, $1, s.vr, s.hr, s.synergy, s.org_air
       FROM unnest($2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS s (id, vr, hr, synergy, org_air)
       ON CONFLICT (organization_id) DO UPDATE SET focus_group_id = excluded.focus_group_id,
         vr = excluded.vr, hr = excluded.hr, synergy = excluded.synergy, org_air = excluded.org_air`,
      [
        sectorId,
        arrayOf(ids),
        arrayOf(scores.vr),
        arrayOf(scores.hr),
        arrayOf(scores.synergy),
        arrayOf(scores.orgAir),
      ],
    );
  },
};

/** How often an instance looks for stale scores: within a second of any writer's commit, as for configurations. */
const POLL_MS = 250;

/**
 * Refreshes stale scores whoever made them stale (this instance, another, the CLI, a script): one
 * indexed look at score_freshness per poll. A server away or a database without the schema only
 * means nothing to refresh yet.
 */
export function watchStaleScores(pool: pg.Pool, refresh: () => Promise<unknown>): RefreshSchedule {
  const schedule = refreshSchedule(refresh, () => {});
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    pool
      .query<{ stale: boolean }>('SELECT EXISTS (SELECT 1 FROM score_freshness WHERE stale) AS stale')
      .then(({ rows }) => {
        if (rows[0]?.stale) schedule.request();
      })
      .catch(() => {})
      .finally(() => (looking = false));
  }, POLL_MS);
  timer.unref();
  return {
    request: schedule.request,
    async stop() {
      clearInterval(timer);
      await schedule.stop();
    },
  };
}

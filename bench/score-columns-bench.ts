import type { Db } from '../db/sqlite/connection';
import { sqliteOperations } from '../db/sqlite/worker/operations';
import { createOrganizationRepository } from '../db/sqlite/org-repo';
import { createPositionReader } from '../db/sqlite/org-positions';
import type { OrgSelection } from '../shared/org-query';
import { percentile, sink } from './stats';

const PAGE = 100;

export interface ScoreColumnsBench {
  /** p95 in ms of a grid window of one sector sorted by Org-AI-R (descending), its order already built. */
  scoreP95: number;
  /** p95 in ms of the same windows sorted by name: the grid's usual page. */
  nameP95: number;
  /** ms to build the Org-AI-R order of the sector (the first window after a change). */
  sortMs: number;
  /** p95 in ms to recompute and store the scores of the sector after a weight marked it stale. */
  refreshP95: number;
  /** The same after an analyst's edit of an assessment of the sector, which the writer follows. */
  refreshInputsP95: number;
  /** The same after another process changed an assessment: the sector's inputs are read again. */
  refreshRereadP95: number;
  /** ms of the first refresh, every sector stale (as after the migration or a platform parameter). */
  refreshAllMs: number;
  organizations: number;
  windows: number;
}

/**
 * The Org-AI-R columns as the writer and the reader run them: the stored scores recomputed (all
 * sectors, then one sector after a weight save, an analyst's edit and another process's change),
 * and windows of the sector's
 * rows sorted by Org-AI-R against the same windows sorted by name, at positions spread over the
 * order as a scrollbar drag reads them.
 */
export async function benchScoreColumns(db: Db, sector: string, quick: boolean): Promise<ScoreColumnsBench> {
  // The writer thread's operations, as the app runs them (here on this thread).
  const { write, read } = sqliteOperations(db, db.name);
  const { refreshScores } = write;
  let started = performance.now();
  await refreshScores();
  const refreshAllMs = performance.now() - started;

  // A weight's save marks the sector stale as this does.
  const markStale = db.prepare(
    'UPDATE score_freshness SET stale = 1, version = version + 1 WHERE focus_group_id = ?',
  );
  const assessed = db
    .prepare<[string], string>(
      `SELECT o.organization_id FROM organizations o JOIN organization_assessments a USING (organization_id)
       WHERE o.focus_group_id = ? LIMIT 20`,
    )
    .pluck()
    .all(sector);
  let edits = 0;
  /** An analyst's edit of one organization's assessment, saved through the app's update. */
  const editAssessment = async () => {
    const id = assessed[edits % assessed.length] as string;
    const row = await read.getOrganization(id);
    const saved = await write.updateOrganization({
      organization_id: id,
      version: String(row?.updated_at),
      values: { data_infrastructure: (edits++ % 100) + 0.25 },
    });
    if (saved.value.status !== 'saved') throw new Error(`The bench's edit of ${id} was not saved`);
  };
  /** The same change made by another process (an UPDATE this connection did not make through the app). */
  const changeElsewhere = async () => {
    db.prepare('UPDATE organization_dimension_scores SET score = score WHERE organization_id = ?').run(
      assessed[0],
    );
  };
  // As in an app that has scored the sector once since it started: its inputs are kept.
  markStale.run(sector);
  await refreshScores();
  const refreshes: number[] = [];
  const inputRefreshes: number[] = [];
  const rereadRefreshes: number[] = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    for (const [change, times] of [
      [async () => void markStale.run(sector), refreshes],
      [editAssessment, inputRefreshes],
      [changeElsewhere, rereadRefreshes],
    ] as const) {
      await change();
      started = performance.now();
      const done = await refreshScores();
      times.push(performance.now() - started);
      if (!done.sectors.includes(sector)) throw new Error(`The refresh left ${sector} stale`);
    }
  }

  const organizations = createOrganizationRepository(db);
  const positions = createPositionReader(db, organizations);
  const byScore: OrgSelection = { focus_group_id: sector, sort: 'org_air', dir: 'desc' };
  const byName: OrgSelection = { focus_group_id: sector, sort: 'legal_name', dir: 'asc' };
  const total = positions.count(byScore);
  started = performance.now();
  positions.prepare(byScore);
  const sortMs = performance.now() - started;
  positions.prepare(byName);

  const spots = quick ? 10 : 50;
  const starts = Array.from({ length: spots }, (_, i) => Math.floor((i / spots) * Math.max(0, total - PAGE)));
  const score: number[] = [];
  const name: number[] = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    for (const start of starts) {
      for (const [selection, times] of [
        [byScore, score],
        [byName, name],
      ] as const) {
        const began = performance.now();
        const rows = positions.rows({ ...selection, start, count: PAGE });
        times.push(performance.now() - began);
        sink.value += rows.rows.length;
      }
    }
  }
  return {
    scoreP95: percentile(score, 95),
    nameP95: percentile(name, 95),
    sortMs,
    refreshP95: percentile(refreshes, 95),
    refreshInputsP95: percentile(inputRefreshes, 95),
    refreshRereadP95: percentile(rereadRefreshes, 95),
    refreshAllMs,
    organizations: total,
    windows: score.length,
  };
}

import { sqliteParameterSql } from '../core/platform-parameters';
import type { ScoreRefreshSql } from '../core/score-refresh';
import { scoringOperations } from '../core/scoring-repository';
import type { SqlEngine } from '../core/sql';
import type { ScoringOperations } from '../port';
import { sqliteConfigRepository } from '../sqlite/config-repo';
import type { Db } from '../sqlite/connection';
import { sqliteScoreRefreshSql } from '../sqlite/score-refresh-sql';
import { sqliteEngine } from '../sqlite/sql-engine';

/** The scoring operations on an SQLite connection, through `engine` and `refresh` when a test stands in for them. */
export function sqliteScoring(
  db: Db,
  {
    engine = sqliteEngine(db),
    refresh = sqliteScoreRefreshSql(db),
  }: { engine?: SqlEngine; refresh?: ScoreRefreshSql } = {},
): ScoringOperations {
  return scoringOperations(engine, sqliteConfigRepository(db), { parameters: sqliteParameterSql, refresh });
}

/** The sector's assessed organizations, by id. */
export const assessedIds = (db: Db, sector: string): string[] =>
  db
    .prepare<[string], string>(
      `SELECT o.organization_id FROM organizations o JOIN organization_assessments a USING (organization_id)
       WHERE o.focus_group_id = ? ORDER BY 1`,
    )
    .pluck()
    .all(sector);

/** The Org-AI-R the refresh stored for an organization. */
export const storedOrgAir = (db: Db, id: string): number | undefined =>
  db
    .prepare<[string], number>('SELECT org_air FROM organization_scores WHERE organization_id = ?')
    .pluck()
    .get(id);

/** The organization's Org-AI-R as a ranking computes it from the inputs now. */
export async function rankedOrgAir(
  sectorRanking: ScoringOperations['sectorRanking'],
  sector: string,
  id: string,
): Promise<number | undefined> {
  const ranking = await sectorRanking({ focus_group_id: sector, limit: 1000 });
  return ranking.top.find((row) => row.organization_id === id)?.org_air;
}

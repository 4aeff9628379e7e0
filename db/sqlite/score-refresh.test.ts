import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqlEngine } from '../core/sql';
import type { ScoringOperations } from '../port';
import { folderPerTest, seededDb, seededFileDb } from '../test/helpers';
import { openDatabase, type Db } from './connection';
import { insertSamples } from './sample-orgs';
import { sqliteConfigRepository } from './config-repo';
import { sqliteScoreRefreshSql } from './score-refresh-sql';
import { sqliteEngine } from './sql-engine';
import { sqliteParameterSql } from '../core/platform-parameters';
import { scoringOperations } from '../core/scoring-repository';

const sector = 'pe_energy';
const folder = folderPerTest();

/** The sector's first assessed organization, by id. */
const firstAssessed = (db: Db) =>
  db
    .prepare<[string], string>(
      `SELECT o.organization_id FROM organizations o JOIN organization_assessments a USING (organization_id)
       WHERE o.focus_group_id = ? ORDER BY 1 LIMIT 1`,
    )
    .pluck()
    .get(sector) as string;

const storedOrgAir = (db: Db, id: string) =>
  db
    .prepare<[string], number>('SELECT org_air FROM organization_scores WHERE organization_id = ?')
    .pluck()
    .get(id);

/** The organization's Org-AI-R as a ranking computes it from the inputs now. */
async function rankedOrgAir(sectorRanking: ScoringOperations['sectorRanking'], id: string) {
  const ranking = await sectorRanking({ focus_group_id: sector, limit: 1000 });
  return ranking.top.find((row) => row.organization_id === id)?.org_air;
}

describe('the scores refresh', () => {
  it('after a refresh that failed, a later change of the same inputs is still read', async () => {
    const db = seededDb();
    await insertSamples(db, { count: 70, seed: 5 });
    const refreshSql = sqliteScoreRefreshSql(db);
    let fail = true;
    const { refreshScores, sectorRanking } = scoringOperations(sqliteEngine(db), sqliteConfigRepository(db), {
      parameters: sqliteParameterSql,
      refresh: {
        ...refreshSql,
        async insert(session, sectorId, scored) {
          if (fail) throw new Error('disk full');
          return refreshSql.insert(session, sectorId, scored);
        },
      },
    });
    // Every sector is stale from its inputs: the failed refresh read them, then rolled back.
    await expect(refreshScores()).rejects.toThrow('disk full');
    fail = false;
    const id = firstAssessed(db);
    // Still stale from an input change, so this one does not mark the sector again.
    db.prepare('UPDATE organization_dimension_scores SET score = 0 WHERE organization_id = ?').run(id);
    await refreshScores();

    expect(storedOrgAir(db, id)).toBe(await rankedOrgAir(sectorRanking, id));
    db.close();
  });

  it("another connection's commit between the read of a sector's inputs and its write is not overwritten", async () => {
    const file = join(folder(), 'scores.db');
    const db = seededFileDb(file);
    await insertSamples(db, { count: 70, seed: 5 });
    const other = openDatabase(file);
    const id = firstAssessed(db);
    const engine = sqliteEngine(db);
    let commitsBetween = 1;
    // The inputs are read outside the write lock: another connection commits just before it is taken.
    // The sector is already stale from its inputs, so the change does not move its versions.
    const racing: SqlEngine = {
      ...engine,
      write: (work, wait) => {
        if (commitsBetween-- > 0) {
          other
            .prepare('UPDATE organization_dimension_scores SET score = 0 WHERE organization_id = ?')
            .run(id);
        }
        return engine.write(work, wait);
      },
    };
    const scoring = (on: SqlEngine) =>
      scoringOperations(on, sqliteConfigRepository(db), {
        parameters: sqliteParameterSql,
        refresh: sqliteScoreRefreshSql(db),
      });
    await scoring(racing).refreshScores();

    expect(storedOrgAir(db, id)).toBe(await rankedOrgAir(scoring(engine).sectorRanking, id));
    db.close();
    other.close();
  });
});

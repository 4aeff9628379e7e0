import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqlEngine } from '../core/sql';
import { folderPerTest, seededDb, seededFileDb } from '../test/helpers';
import { assessedIds, rankedOrgAir, sqliteScoring, storedOrgAir } from '../test/scores';
import { openDatabase, type Db } from './connection';
import { insertSamples } from './sample-orgs';
import { sqliteScoreRefreshSql } from './score-refresh-sql';
import { sqliteEngine } from './sql-engine';

const sector = 'pe_energy';
const folder = folderPerTest();

/** The sector's first assessed organization, by id. */
const firstAssessed = (db: Db) => assessedIds(db, sector)[0] as string;

describe('the scores refresh', () => {
  it('after a refresh that failed, a later change of the same inputs is still read', async () => {
    const db = seededDb();
    await insertSamples(db, { count: 70, seed: 5 });
    const refreshSql = sqliteScoreRefreshSql(db);
    let fail = true;
    const { refreshScores, sectorRanking } = sqliteScoring(db, {
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

    expect(storedOrgAir(db, id)).toBe(await rankedOrgAir(sectorRanking, sector, id));
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
    await sqliteScoring(db, { engine: racing }).refreshScores();

    expect(storedOrgAir(db, id)).toBe(await rankedOrgAir(sqliteScoring(db).sectorRanking, sector, id));
    db.close();
    other.close();
  });
});

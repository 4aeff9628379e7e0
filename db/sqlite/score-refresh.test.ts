import { describe, expect, it } from 'vitest';
import { seededDb } from '../test/helpers';
import { insertSamples } from './sample-orgs';
import { sqliteConfigRepository } from './config-repo';
import { sqliteScoreRefreshSql } from './score-refresh-sql';
import { sqliteEngine } from './sql-engine';
import { sqliteParameterSql } from '../core/platform-parameters';
import { scoringOperations } from '../core/scoring-repository';

const sector = 'pe_energy';

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
    const id = db
      .prepare<[string], string>(
        `SELECT o.organization_id FROM organizations o JOIN organization_assessments a USING (organization_id)
         WHERE o.focus_group_id = ? ORDER BY 1 LIMIT 1`,
      )
      .pluck()
      .get(sector) as string;
    // Still stale from an input change, so this one does not mark the sector again.
    db.prepare('UPDATE organization_dimension_scores SET score = 0 WHERE organization_id = ?').run(id);
    await refreshScores();

    const stored = db
      .prepare<[string], number>('SELECT org_air FROM organization_scores WHERE organization_id = ?')
      .pluck()
      .get(id);
    const ranking = await sectorRanking({ focus_group_id: sector, limit: 1000 });
    expect(stored).toBe(ranking.top.find((row) => row.organization_id === id)?.org_air);
    db.close();
  });
});

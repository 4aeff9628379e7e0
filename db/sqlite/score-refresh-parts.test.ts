import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSectorColumns } from '../core/sector-columns';
import { loadSectorColumnsInParts } from '../core/sector-parts';
import { folderPerTest, seededDb, seededFileDb } from '../test/helpers';
import { assessedIds, rankedOrgAir, sqliteScoring, storedOrgAir } from '../test/scores';
import { openDatabase } from './connection';
import { insertSamples } from './sample-orgs';
import { sqliteScoreRefreshSql } from './score-refresh-sql';
import { sqliteEngine } from './sql-engine';

const sector = 'pe_energy';
const folder = folderPerTest();

describe("a sector's inputs read in parts", () => {
  it('are those one read gives, whatever the part size and however names repeat', async () => {
    const db = seededDb();
    await insertSamples(db, { count: 200, seed: 9 });
    const engine = sqliteEngine(db);
    const ids = db
      .prepare<[string], string>('SELECT organization_id FROM organizations WHERE focus_group_id = ?')
      .pluck()
      .all(sector);
    const rename = db.prepare('UPDATE organizations SET legal_name = ? WHERE organization_id = ?');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('Acme', 'Zeta', 'acme')), { maxLength: 20 }),
        async (limit, renames) => {
          for (const [pick, name] of renames) rename.run(name, ids[pick % ids.length] as string);
          const whole = await engine.read((session) => loadSectorColumns(session, sector));
          const inParts = await loadSectorColumnsInParts((work) => engine.read(work), sector, limit);
          expect(inParts).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
    db.close();
  });

  it("are read again when another connection commits between two of the refresh's turns", async () => {
    const file = join(folder(), 'parts.db');
    const db = seededFileDb(file);
    await insertSamples(db, { count: 70, seed: 5 });
    const other = openDatabase(file);
    // pe_energy is the first sector the refresh takes, and after the first round the only stale one.
    const assessed = assessedIds(db, sector);
    const change = other.prepare(
      'UPDATE organization_dimension_scores SET score = ? WHERE organization_id = ?',
    );

    // Before each turn in turn (the stale list, a sector's versions, its parts, its write), another
    // connection changes an assessment: the sector, already stale from its inputs, keeps its versions.
    for (let before = 1; before <= 8; before++) {
      const id = assessed[before % assessed.length] as string;
      let turns = 0;
      const turn = async <T>(work: () => Promise<T>): Promise<T> => {
        if (++turns === before) change.run(before, id);
        return work();
      };
      await sqliteScoring(db, { refresh: { ...sqliteScoreRefreshSql(db), turn } }).refreshScores();
      expect(storedOrgAir(db, id)).toBe(await rankedOrgAir(sqliteScoring(db).sectorRanking, sector, id));
      // Stale again for the next round.
      change.run(0, id);
    }
    db.close();
    other.close();
  });
});

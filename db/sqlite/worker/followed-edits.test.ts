import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrgRow } from '../../../shared/domain';
import { folderPerTest } from '../../test/helpers';
import { openDatabase, type Db } from '../connection';
import { migrate } from '../migrate';
import { insertSamples } from '../sample-orgs';
import { seedSectorsAndDimensions, seedWeightsAndCalibrations } from '../seeding';
import { sqliteOperations } from './operations';

const folder = folderPerTest();

/** Every stored score, in one order. */
const storedScores = (db: Db) =>
  db
    .prepare(
      'SELECT organization_id, vr, hr, synergy, org_air FROM organization_scores ORDER BY organization_id',
    )
    .all();

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const pick = fc.nat();
const step = fc.oneof(
  weighted(
    4,
    fc.record({ kind: fc.constant('score' as const), pick, score: fc.integer({ min: 0, max: 10_000 }) }),
  ),
  weighted(
    2,
    fc.record({ kind: fc.constant('revenue' as const), pick, revenue: fc.integer({ min: 0, max: 50 }) }),
  ),
  weighted(1, fc.record({ kind: fc.constant('clear' as const), pick })),
  weighted(1, fc.record({ kind: fc.constant('delete' as const), pick })),
  weighted(1, fc.record({ kind: fc.constant('restore' as const) })),
  weighted(
    1,
    fc.record({ kind: fc.constant('elsewhere' as const), pick, score: fc.integer({ min: 0, max: 100 }) }),
  ),
  weighted(
    1,
    fc.record({ kind: fc.constant('calibration' as const), value: fc.integer({ min: 50, max: 90 }) }),
  ),
  weighted(3, fc.record({ kind: fc.constant('refresh' as const) })),
);
/** Where the edits fall: two sectors, so that they meet the inputs the writer keeps (two sectors). */
const edited = ['pe_energy', 'pe_technology'];

describe("the writer's own edits, followed in the scoring inputs it keeps", () => {
  it('leave the stored scores those a full read of the file gives, whatever else changes it', async () => {
    const dir = folder();
    const base = join(dir, 'base.db');
    const setup = openDatabase(base);
    migrate(setup);
    seedSectorsAndDimensions(setup);
    seedWeightsAndCalibrations(setup);
    await insertSamples(setup, { count: 120, seed: 3 });
    setup.close();
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const file = join(dir, `run-${runs++}.db`);
        copyFileSync(base, file);
        const db = openDatabase(file);
        const other = openDatabase(file);
        const operations = sqliteOperations(db, file);
        const ids = () =>
          db
            .prepare<string[], string>(
              'SELECT organization_id FROM organizations WHERE focus_group_id IN (?, ?) ORDER BY 1',
            )
            .pluck()
            .all(...edited);
        const idAt = (pick: number) => {
          const all = ids();
          return all[pick % all.length] as string;
        };
        const edit = async (id: string, values: Record<string, number | null>) => {
          const row = (await operations.read.getOrganization(id)) as OrgRow;
          await operations.write
            .updateOrganization({ organization_id: id, version: row.updated_at as string, values })
            .catch(() => undefined); // a partial assessment is refused: nothing kept is trusted then
        };
        let deleted: OrgRow[] = [];
        // Every sector scored, and the two sectors' inputs kept, as in an app that has shown their scores.
        await operations.write.refreshScores();
        for (const sector of edited) {
          other
            .prepare('UPDATE score_freshness SET stale = 1, version = version + 1 WHERE focus_group_id = ?')
            .run(sector);
        }
        await operations.write.refreshScores();
        for (const s of steps) {
          if (s.kind === 'score') await edit(idAt(s.pick), { data_infrastructure: s.score / 100 });
          if (s.kind === 'revenue') await edit(idAt(s.pick), { annual_revenue_usd: s.revenue * 1_000_000 });
          if (s.kind === 'clear') {
            const none = { talent_concentration: null, assessed_on: null };
            const dimensions = db.prepare<[], string>('SELECT dimension_code FROM dimensions').pluck().all();
            await edit(idAt(s.pick), { ...none, ...Object.fromEntries(dimensions.map((d) => [d, null])) });
          }
          if (s.kind === 'delete')
            deleted = (await operations.write.deleteOrganizations([idAt(s.pick)])).value.rows;
          if (s.kind === 'restore' && deleted.length > 0) {
            await operations.write.restoreOrganizations(deleted);
            deleted = [];
          }
          if (s.kind === 'elsewhere') {
            other
              .prepare('UPDATE organization_dimension_scores SET score = ? WHERE organization_id = ?')
              .run(s.score, idAt(s.pick));
          }
          if (s.kind === 'calibration') {
            await operations.configWrite.updateCalibration(
              {
                focus_group_id: 'pe_technology',
                parameter_name: 'h_r_baseline',
                value: s.value,
                rationale: 'a weight saved between edits',
                author: 'Test Analyst',
              },
              {},
            );
          }
          if (s.kind === 'refresh') await operations.write.refreshScores();
        }
        await operations.write.refreshScores();
        const followed = storedScores(db);
        // Every sector read again from the file (another connection's commit: nothing kept holds).
        other
          .prepare(
            'UPDATE score_freshness SET stale = 1, version = version + 1, inputs_version = version + 1',
          )
          .run();
        await operations.write.refreshScores();
        expect(followed).toEqual(storedScores(db));
        db.close();
        other.close();
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgStatuses } from '../../shared/org-query';
import { loadReference } from '../core/reference';
import { insertSamples } from './sample-orgs';
import { seededDb } from '../test/helpers';

const sectors = loadReference().focus_groups.map((g) => g.focus_group_id);

type Change =
  | { kind: 'insert'; count: number }
  | { kind: 'status'; pick: number; status: (typeof orgStatuses)[number] }
  | { kind: 'sector'; pick: number; sector: string }
  | { kind: 'delete'; pick: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constant('status' as const),
    pick: fc.nat(),
    status: fc.constantFrom(...orgStatuses),
  }),
  fc.record({ kind: fc.constant('sector' as const), pick: fc.nat(), sector: fc.constantFrom(...sectors) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('organization_counts', () => {
  it('equals a GROUP BY of organizations after any inserts, updates and deletes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        const db = seededDb();
        for (const c of changes) {
          const ids = db
            .prepare('SELECT organization_id FROM organizations ORDER BY rowid')
            .pluck()
            .all() as string[];
          const id = ids.length > 0 && c.kind !== 'insert' ? ids[c.pick % ids.length] : undefined;
          if (c.kind === 'insert') await insertSamples(db, { count: c.count });
          else if (id && c.kind === 'status') {
            db.prepare('UPDATE organizations SET status = ? WHERE organization_id = ?').run(c.status, id);
          } else if (id && c.kind === 'sector') {
            // The attribute row belongs to the old sector: moving sectors means dropping it first.
            db.transaction(() => {
              for (const t of Object.keys(loadReference().attribute_tables)) {
                db.prepare(`DELETE FROM ${t} WHERE organization_id = ?`).run(id);
              }
              db.prepare('UPDATE organizations SET focus_group_id = ? WHERE organization_id = ?').run(
                c.sector,
                id,
              );
            })();
          } else if (id && c.kind === 'delete') {
            db.prepare('DELETE FROM organizations WHERE organization_id = ?').run(id);
          }
        }
        const counted = db
          .prepare(
            'SELECT focus_group_id, status, organizations FROM organization_counts WHERE organizations > 0 ORDER BY 1, 2',
          )
          .all();
        const grouped = db
          .prepare(
            'SELECT focus_group_id, status, count(*) AS organizations FROM organizations GROUP BY 1, 2 ORDER BY 1, 2',
          )
          .all();
        expect(counted).toEqual(grouped);
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});

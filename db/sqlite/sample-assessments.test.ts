import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference';
import { generateOrganizations } from '../core/sample-orgs';
import { openDatabase } from './connection';
import { migrate } from './migrate';
import { insertSamples } from './sample-orgs';
import { seedSectorsAndDimensions } from './seeding';
import { seededDb, tempDir } from '../test/helpers';

const reference = loadReference();
const sectors = reference.focus_groups.map((g) => g.focus_group_id);
const dimensions = reference.dimensions.map((d) => d.dimension_id);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('sample assessments', () => {
  it('leave the organizations of a seed as they were without them', () => {
    const strip = (rows: ReturnType<typeof generateOrganizations>) =>
      [...rows].map((r) => ({ ...r.organization, organization_id: null, attributes: r.attributes }));
    expect(strip(generateOrganizations(50, 9, sectors, dimensions))).toEqual(
      strip(generateOrganizations(50, 9, sectors)),
    );
  });

  it('score every dimension in range with two decimals, TC with four, dated', () => {
    for (const { assessment } of generateOrganizations(700, 4, sectors, dimensions)) {
      if (!assessment) throw new Error('no assessment');
      expect(Object.keys(assessment.scores)).toEqual(dimensions);
      for (const score of Object.values(assessment.scores)) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(Math.round(score * 100) / 100).toBe(score);
      }
      expect(assessment.talent_concentration).toBeGreaterThanOrEqual(0);
      expect(assessment.talent_concentration).toBeLessThanOrEqual(1);
      expect(Math.round(assessment.talent_concentration * 1e4) / 1e4).toBe(assessment.talent_concentration);
      expect(assessment.assessed_on).toMatch(/^202[4-5]-\d{2}-\d{2}$/);
    }
  });

  it('follow the sector attributes: a scaled digital twin scores higher on Data Infrastructure', () => {
    const byTwin = new Map<string, number[]>();
    for (const row of generateOrganizations(7_000, 2, sectors, dimensions)) {
      if (row.sector !== 'pe_manufacturing' || !row.assessment) continue;
      const twin = String(row.attributes.digital_twin_status);
      byTwin.set(twin, [...(byTwin.get(twin) ?? []), row.assessment.scores.pe_dim_data_infra ?? 0]);
    }
    expect(mean(byTwin.get('scaled') ?? [])).toBeGreaterThan(mean(byTwin.get('none') ?? []) + 5);
  });

  it('go in with their organizations on both insert paths', async () => {
    const small = seededDb();
    await insertSamples(small, { count: 30, seed: 1 });
    const file = join(dir, 'bulk.db');
    const bulk = openDatabase(file);
    migrate(bulk);
    seedSectorsAndDimensions(bulk);
    await insertSamples(bulk, { count: 300, seed: 1, bulkMinRows: 100 });
    for (const [db, n] of [
      [small, 30],
      [bulk, 300],
    ] as const) {
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      expect(count('organization_assessments')).toBe(n);
      expect(count('organization_dimension_scores')).toBe(n * 7);
    }
    bulk.close();
  });
});

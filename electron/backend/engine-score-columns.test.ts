import { afterEach, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../shared/domain';
import type { OrgWindow } from '../../shared/org-query';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';
import { eventually } from '../../db/test/helpers';

const sector = 'pe_manufacturing';
const dimensionColumns = [
  'data_infrastructure',
  'ai_governance',
  'technology_stack',
  'talent',
  'leadership',
  'use_case_portfolio',
  'culture',
];

describe.each(storageEngines())('Org-AI-R columns of the unified view on $name', (engine) => {
  const open: Backend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
  });

  async function seeded(count = 140): Promise<{ url: string; backend: Backend }> {
    const url = await engine.newDatabase();
    const backend = await createBackend({ dbFile: url, changePollMs: 100 });
    open.push(backend);
    await ok(backend.invoke('schema:init', {}));
    await ok(backend.invoke('seed:sectorsDimensions', {}));
    await ok(backend.invoke('seed:weightsCalibrations', {}));
    await ok(backend.invoke('orgs:insertSample', { count, seed: 11 }));
    return { url, backend };
  }

  const rowsOf = async (backend: Backend, window: Partial<OrgWindow> = {}): Promise<OrgRow[]> =>
    (
      await ok(
        backend.invoke('orgs:rows', {
          focus_group_id: sector,
          sort: 'legal_name',
          dir: 'asc',
          start: 0,
          count: 500,
          ...window,
        }),
      )
    ).rows;

  /** The sector's rows once every assessed organization shows a score. */
  const freshRows = (backend: Backend) =>
    eventually(
      () => rowsOf(backend),
      (rows) => rows.every((row) => (row.assessed_on === null) === (row.org_air === null)),
    );

  const rankingScores = async (backend: Backend) => {
    const ranking = await ok(backend.invoke('scores:ranking', { focus_group_id: sector, limit: 1000 }));
    return new Map(ranking.top.map((r) => [r.organization_id, r.org_air]));
  };

  const test = it.skipIf(engine.skip !== null);

  test('every organization shows its assessment and the scores the ranking computes', async () => {
    const { backend } = await seeded();
    const columns = (await ok(backend.invoke('orgs:columns', {}))).map((c) => c.name);
    expect(columns.slice(-13)).toEqual([
      ...dimensionColumns,
      'talent_concentration',
      'assessed_on',
      'vr',
      'hr',
      'synergy',
      'org_air',
    ]);
    const rows = await freshRows(backend);
    const expected = await rankingScores(backend);
    expect(rows.filter((row) => row.org_air !== null)).toHaveLength(expected.size);
    for (const row of rows) expect(row.org_air).toBe(expected.get(row.organization_id as string));

    const first = rows[0] as OrgRow;
    const b = await ok(
      backend.invoke('scores:breakdown', { organization_id: first.organization_id as string }),
    );
    expect([first.vr, first.hr, first.synergy, first.org_air]).toEqual([b.vr, b.hr, b.synergy, b.org_air]);
    expect(first.talent_concentration).toBe(b.talent_concentration);
    expect(first.assessed_on).toBe(b.assessed_on);
    expect(dimensionColumns.map((c) => first[c])).toEqual(b.dimensions.map((d) => d.score));
  });

  test('a saved weight blanks the sector until its scores are recomputed under the new weights', async () => {
    const { url, backend } = await seeded();
    const before = await freshRows(backend);
    const { dimension_weights: saved } = await ok(backend.invoke('config:get', { focus_group_id: sector }));
    const moved = Number(Math.min(saved.data_infrastructure ?? 0, 0.1).toFixed(3));
    await ok(
      backend.invoke('config:updateWeights', {
        focus_group_id: sector,
        weights: [
          {
            dimension_code: 'data_infrastructure',
            weight: Number(((saved.data_infrastructure ?? 0) - moved).toFixed(3)),
          },
          { dimension_code: 'talent', weight: Number(((saved.talent ?? 0) + moved).toFixed(3)) },
        ],
        rationale: 'Talent matters more here',
      }),
    );
    const after = await eventually(
      () => freshRows(backend),
      (rows) => rows.some((row, i) => row.org_air !== before[i]?.org_air),
    );
    const expected = await rankingScores(backend);
    for (const row of after) expect(row.org_air).toBe(expected.get(row.organization_id as string));

    // Inside a writer's transaction the trigger has already marked the sector: no stale score shows.
    const [, seen] = await engine.statements(
      url,
      [
        `UPDATE organization_dimension_scores SET score = 1 WHERE dimension_id = 'pe_dim_talent' AND organization_id = '${after[0]?.organization_id as string}'`,
        `SELECT count(org_air) AS n FROM vw_organizations_full WHERE focus_group_id = '${sector}'`,
      ],
      { rollback: true },
    );
    expect(Number(seen?.[0]?.n)).toBe(0);
  });

  test("another process's change of an assessment or a revenue is noticed and scored", async () => {
    const { url, backend } = await seeded();
    const before = await freshRows(backend);
    const id = before[0]?.organization_id as string;
    await engine.script(
      url,
      `UPDATE organization_dimension_scores SET score = 0 WHERE organization_id = '${id}';
       UPDATE organizations SET annual_revenue_usd = 1 WHERE organization_id = '${before[1]?.organization_id as string}';`,
    );
    const after = await eventually(
      () => freshRows(backend),
      (rows) => rows[0]?.org_air !== before[0]?.org_air,
    );
    expect(dimensionColumns.map((c) => after[0]?.[c])).toEqual(dimensionColumns.map(() => 0));
    const expected = await rankingScores(backend);
    for (const row of after) expect(row.org_air).toBe(expected.get(row.organization_id as string));
  });

  test('an assessment changed while a weight has the sector stale: the refresh reads the inputs again', async () => {
    const { url, backend } = await seeded();
    const before = await freshRows(backend);
    const id = before[0]?.organization_id as string;
    // The sector marked as a saved weight marks it: refreshed alone, its inputs are kept.
    const markedAsByWeight = `UPDATE score_freshness SET stale = TRUE, version = version + 1
      WHERE focus_group_id = '${sector}'`;
    await engine.statements(url, [markedAsByWeight]);
    await eventually(
      async () =>
        (await engine.statements(url, [`SELECT count(*) AS n FROM score_freshness WHERE stale`]))[0],
      (stale) => Number(stale?.[0]?.n) === 0,
    );
    // Marked so again, then an assessment changed before the refresh ran.
    await engine.statements(url, [
      markedAsByWeight,
      `UPDATE organization_dimension_scores SET score = 0 WHERE organization_id = '${id}'`,
    ]);
    const after = await eventually(
      () => freshRows(backend),
      (rows) => rows[0]?.org_air !== before[0]?.org_air,
    );
    expect(dimensionColumns.map((c) => after[0]?.[c])).toEqual(dimensionColumns.map(() => 0));
    const expected = await rankingScores(backend);
    for (const row of after) expect(row.org_air).toBe(expected.get(row.organization_id as string));
  });

  test('Org-AI-R filters and sorts, unassessed organizations after the scored ones', async () => {
    const { url, backend } = await seeded();
    await ok(
      backend.invoke('orgs:add', {
        values: { legal_name: 'Zeta Unassessed', focus_group_id: sector, status: 'active' },
      }),
    );
    const rows = await freshRows(backend);
    const scores = rows
      .flatMap((row) => (typeof row.org_air === 'number' ? [row.org_air] : []))
      .sort((a, b) => a - b);
    const median = scores[Math.floor(scores.length / 2)] as number;

    const ranked = await rowsOf(backend, { sort: 'org_air', dir: 'desc' });
    expect(ranked.map((row) => row.org_air)).toEqual([...scores.reverse(), null]);
    expect(ranked.at(-1)?.legal_name).toBe('Zeta Unassessed');

    const where = [{ column: 'org_air', op: 'range' as const, min: median }];
    const filtered = await ok(
      backend.invoke('orgs:rows', {
        focus_group_id: sector,
        sort: 'org_air',
        dir: 'desc',
        start: 0,
        count: 500,
        where,
      }),
    );
    expect(filtered.total).toBe(scores.filter((s) => s >= median).length);
    expect(filtered.rows.every((row) => (row.org_air as number) >= median)).toBe(true);

    // A stale sector matches no score filter: its scores are unknown until recomputed.
    const [, count] = await engine.statements(
      url,
      [
        `UPDATE organizations SET annual_revenue_usd = coalesce(annual_revenue_usd, 0) + 1 WHERE organization_id = '${rows[0]?.organization_id as string}'`,
        `SELECT count(*) AS n FROM organization_scores AS d JOIN score_freshness AS f
           ON f.focus_group_id = d.focus_group_id AND NOT f.stale WHERE d.focus_group_id = '${sector}'`,
      ],
      { rollback: true },
    );
    expect(Number(count?.[0]?.n)).toBe(0);
  });

  test("an organization's scores go with it", async () => {
    const { url, backend } = await seeded();
    const rows = await freshRows(backend);
    const id = rows[0]?.organization_id as string;
    await ok(backend.invoke('orgs:delete', { ids: [id] }));
    // Deleted with the organization on SQLite; on PostgreSQL by the refresh of its stale sector.
    await eventually(
      async () =>
        (
          await engine.statements(url, [
            `SELECT count(*) AS n FROM organization_scores WHERE organization_id = '${id}'`,
          ])
        )[0],
      (left) => Number(left?.[0]?.n) === 0,
    );
    const after = await freshRows(backend);
    const expected = await rankingScores(backend);
    for (const row of after) expect(row.org_air).toBe(expected.get(row.organization_id as string));
  });
});

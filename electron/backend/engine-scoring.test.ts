import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './index';
import { storageEngines } from './test/engines';
import { failure, ok } from './test/results';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const sector = 'pe_manufacturing';

describe.each(storageEngines())('Org-AI-R scores on $name', (engine) => {
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

  const test = it.skipIf(engine.skip !== null);

  test('rank every assessed organization of a sector, each breakdown adding up by the formula', async () => {
    const { backend } = await seeded();
    const ranking = await ok(backend.invoke('scores:ranking', { focus_group_id: sector, limit: 1000 }));
    expect(ranking).toMatchObject({ assessed: 20, unassessed: 0, as_of: null });
    expect(ranking.parameters).toEqual({
      alpha: 0.6,
      beta: 0.12,
      lambda: 0.25,
      kappa: 0.15,
      alignment: 1,
      timing: 1,
    });
    expect(ranking.calibrations.h_r_baseline).toBe(72);
    expect(ranking.top.map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const scores = ranking.top.map((r) => r.org_air);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranking.histogram.reduce((a, b) => a + b, 0)).toBe(20);

    for (const row of ranking.top) {
      const b = await ok(backend.invoke('scores:breakdown', { organization_id: row.organization_id }));
      expect(b.rank).toBe(row.rank);
      expect(b.org_air).toBeCloseTo(row.org_air, 10);
      const { alpha, beta } = b.parameters;
      expect(b.dimensions).toHaveLength(7);
      expect(b.dimensions.reduce((sum, d) => sum + d.contribution, 0)).toBeCloseTo(b.weighted_mean, 10);
      expect(b.vr).toBeLessThanOrEqual(b.weighted_mean + 1e-9);
      expect(b.position_factor).toBeCloseTo(clamp(b.position_relative + b.position_revenue, -1, 1), 12);
      expect(b.hr).toBeCloseTo(clamp(72 * (1 + 0.15 * b.position_factor), 0, 100), 10);
      expect(b.org_air).toBeCloseTo((1 - beta) * (alpha * b.vr + (1 - alpha) * b.hr) + beta * b.synergy, 10);
      for (const value of [b.vr, b.hr, b.synergy, b.org_air]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }
    }
  });

  test('a what-if re-ranks without saving; the saved weights give the saved ranking', async () => {
    const { backend } = await seeded();
    const before = await ok(backend.invoke('config:get', { focus_group_id: sector }));
    const same = await ok(
      backend.invoke('scores:whatIf', { focus_group_id: sector, weights: before.dimension_weights }),
    );
    expect(same).toMatchObject({ spearman: 1, moved_over_5: 0, movers: [] });
    expect(same.top_after).toEqual(same.top_before);

    const onlyData = await ok(
      backend.invoke('scores:whatIf', {
        focus_group_id: sector,
        weights: Object.fromEntries(
          Object.keys(before.dimension_weights).map((c) => [c, c === 'data_infrastructure' ? 1 : 0]),
        ),
      }),
    );
    expect(onlyData.spearman).toBeLessThan(1);
    expect(onlyData.movers.length).toBeGreaterThan(0);
    for (const m of onlyData.movers) expect(m.rank_after).not.toBe(m.rank_before);
    const moves = onlyData.movers.map((m) => Math.abs(m.rank_after - m.rank_before));
    expect(moves).toEqual([...moves].sort((a, b) => b - a));
    expect(await ok(backend.invoke('config:get', { focus_group_id: sector }))).toEqual(before);

    const parameters = await ok(
      backend.invoke('scores:whatIf', { focus_group_id: sector, parameters: { beta: 1 } }),
    );
    expect(parameters.top_after.map((r) => r.org_air_after)).not.toEqual(
      parameters.top_before.map((r) => r.org_air_before),
    );
    expect(
      (await failure(backend.invoke('scores:whatIf', { focus_group_id: sector, weights: { nope: 0.5 } })))
        .code,
    ).toBe('NOT_FOUND');
  });

  test('platform parameters are dated versions with a rationale, and scores follow them', async () => {
    const { backend } = await seeded();
    const { parameters } = await ok(backend.invoke('platform:parameters', {}));
    const alpha = parameters.find((p) => p.parameter_name === 'alpha');
    expect(alpha).toMatchObject({ value: 0.6, effective_from: '2024-01-01' });
    const updated = await ok(
      backend.invoke('platform:updateParameter', {
        parameter_name: 'alpha',
        value: 0.5,
        rationale: 'Weigh H^R more this quarter',
        parameter_id: alpha?.parameter_id,
      }),
    );
    expect(updated.parameters.find((p) => p.parameter_name === 'alpha')).toMatchObject({
      value: 0.5,
      rationale: 'Weigh H^R more this quarter',
    });
    const history = (await ok(backend.invoke('platform:history', {}))).filter(
      (v) => v.parameter_name === 'alpha',
    );
    expect(history.map((v) => [v.value, v.is_current])).toEqual([
      [0.6, false],
      [0.5, true],
    ]);
    const ranking = await ok(backend.invoke('scores:ranking', { focus_group_id: sector }));
    expect(ranking.parameters.alpha).toBe(0.5);
    const then = await ok(backend.invoke('scores:ranking', { focus_group_id: sector, as_of: '2024-06-01' }));
    expect(then.parameters.alpha).toBe(0.6);
    expect(
      (
        await failure(
          backend.invoke('platform:updateParameter', {
            parameter_name: 'alpha',
            value: 0.7,
            rationale: 'stale editor',
            parameter_id: alpha?.parameter_id,
          }),
        )
      ).code,
    ).toBe('CONFLICT');

    // A second change on the same day is a version of its own, with its author; the first stays.
    const current = history.find((v) => v.is_current);
    await ok(
      backend.invoke('platform:updateParameter', {
        parameter_name: 'alpha',
        value: 0.55,
        rationale: 'Halfway back',
        parameter_id: current?.parameter_id,
        author: 'Dana Whitfield',
      }),
    );
    const again = (await ok(backend.invoke('platform:history', {}))).filter(
      (v) => v.parameter_name === 'alpha',
    );
    expect(again.map((v) => [v.value, v.is_current, v.rationale])).toEqual([
      [0.6, false, "The framework's published value"],
      [0.5, false, 'Weigh H^R more this quarter'],
      [0.55, true, 'Halfway back'],
    ]);
    expect(again.map((v) => v.author)).toEqual([null, expect.any(String), 'Dana Whitfield']);
  });

  test('scores are never stale: an assessment changed by another tool shows at the next call', async () => {
    const { url, backend } = await seeded();
    const first = await ok(backend.invoke('scores:ranking', { focus_group_id: sector, limit: 1000 }));
    const last = first.top[first.top.length - 1];
    if (!last) throw new Error('no organizations');
    await engine.script(
      url,
      `UPDATE organization_dimension_scores SET score = 100 WHERE organization_id = '${last.organization_id}'`,
    );
    const next = await ok(backend.invoke('scores:ranking', { focus_group_id: sector, limit: 1000 }));
    expect(next.top.find((r) => r.organization_id === last.organization_id)?.rank).toBe(1);

    await engine.script(
      url,
      `DELETE FROM organization_assessments WHERE organization_id = '${last.organization_id}'`,
    );
    const without = await ok(backend.invoke('scores:ranking', { focus_group_id: sector }));
    expect(without).toMatchObject({ assessed: 19, unassessed: 1 });
    expect(
      (await failure(backend.invoke('scores:breakdown', { organization_id: last.organization_id }))).message,
    ).toMatch(/no complete assessment/);
  });

  test('the database refuses scores and talent concentrations out of range or scale', async () => {
    const { url, backend } = await seeded(7);
    const { top } = await ok(backend.invoke('scores:ranking', { focus_group_id: sector }));
    const id = top[0]?.organization_id ?? '';
    const bad = [
      `UPDATE organization_dimension_scores SET score = 100.5 WHERE organization_id = '${id}'`,
      `UPDATE organization_dimension_scores SET score = -1 WHERE organization_id = '${id}'`,
      `UPDATE organization_assessments SET talent_concentration = 1.5 WHERE organization_id = '${id}'`,
      `INSERT INTO organization_dimension_scores (organization_id, dimension_id, score) VALUES ('${id}', 'pe_dim_nope', 50)`,
      `INSERT INTO platform_parameters (platform, parameter_name, parameter_value) VALUES ('other', 'alpha', 1)`,
    ];
    if (engine.name === 'sqlite') {
      // PostgreSQL's DECIMAL(5,2) and (5,4) round extra decimals; SQLite refuses them.
      bad.push(`UPDATE organization_dimension_scores SET score = 55.123 WHERE organization_id = '${id}'`);
      bad.push(
        `UPDATE organization_assessments SET talent_concentration = 0.12345 WHERE organization_id = '${id}'`,
      );
      bad.push(
        `UPDATE organization_assessments SET assessed_on = '2024-13-01' WHERE organization_id = '${id}'`,
      );
    }
    for (const sql of bad) await expect(engine.script(url, sql), sql).rejects.toThrow();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './connection';
import { seededDb } from '../test/helpers';

/** Each refusal must come from SQLite itself: these inserts bypass every line of app code. */
let db: Db;
/** A change set of Manufacturing's and one of Energy's, for the versions the tests insert. */
let manufacturing: number;
let energy: number;
beforeEach(() => {
  db = seededDb();
  const changeSet = db
    .prepare(
      `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
       VALUES (?, '2030-01-01T00:00:00.000Z', 'a script', 'test', 'edit') RETURNING change_set_id`,
    )
    .pluck();
  manufacturing = changeSet.get('pe_manufacturing') as number;
  energy = changeSet.get('pe_energy') as number;
});

const ORG = '00000000-0000-4000-8000-000000000001';

function insertOrg(overrides: Record<string, unknown> = {}) {
  const row = {
    organization_id: ORG,
    legal_name: 'Acme Corp',
    focus_group_id: 'pe_manufacturing',
    ...overrides,
  };
  const columns = Object.keys(row);
  db.prepare(
    `INSERT INTO organizations (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}

function insertWeight(weight: unknown, dimension = 'pe_dim_culture', effectiveFrom = '2030-01-01') {
  db.prepare(
    `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, effective_from, is_current,
       change_set_id) VALUES ('pe_manufacturing', ?, ?, ?, 0, ?)`,
  ).run(dimension, weight, effectiveFrom, manufacturing);
}

describe('the schema refuses bad rows by itself', () => {
  it('weights outside 0..1 or not numbers', () => {
    expect(() => insertWeight(1.5)).toThrow(/CHECK constraint failed/);
    expect(() => insertWeight(-0.01)).toThrow(/CHECK constraint failed/);
    expect(() => insertWeight('heavy')).toThrow(/CHECK constraint failed/);
    expect(() => insertWeight(0.5)).not.toThrow();
  });

  it('a second current weight for the same sector and dimension', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, effective_from,
             change_set_id) VALUES ('pe_manufacturing', 'pe_dim_culture', 0.1, '2031-01-01', ?)`,
        )
        .run(manufacturing),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it("a version in another sector's change set; one that names none gets a change set of its own", () => {
    expect(() => insertWeight(0.2, 'pe_dim_culture', '2030-01-01')).not.toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, is_current, change_set_id)
           VALUES ('pe_manufacturing', 'pe_dim_talent', 0.2, 0, ?)`,
        )
        .run(energy),
    ).toThrow(/FOREIGN KEY constraint failed/);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO focus_group_dimension_weights (focus_group_id, dimension_id, weight, weight_rationale, is_current)
         VALUES ('pe_manufacturing', 'pe_dim_talent', 0.2, 'by a script', 0)`,
      )
      .run();
    expect(
      db
        .prepare(
          `SELECT s.focus_group_id, s.kind, s.author, s.rationale FROM focus_group_dimension_weights w
           JOIN config_change_sets s USING (change_set_id) WHERE w.weight_id = ?`,
        )
        .get(lastInsertRowid),
    ).toEqual({
      focus_group_id: 'pe_manufacturing',
      kind: 'external',
      author: null,
      rationale: 'by a script',
    });
  });

  it('dates that are not dates, and an end before the start', () => {
    expect(() => insertWeight(0.2, 'pe_dim_culture', '2024-13-45')).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, effective_from,
             effective_to, is_current, change_set_id) VALUES ('pe_energy', 'x', 1, '2025-01-02', '2025-01-01', 0, ?)`,
        )
        .run(energy),
    ).toThrow(/CHECK constraint failed/);
  });

  it('weights and calibrations of unknown sectors or dimensions', () => {
    expect(() => insertWeight(0.2, 'pe_dim_nothing')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value, change_set_id)
           VALUES ('pe_nowhere', 'x', 1, ?)`,
        )
        .run(energy),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('organizations of an unknown sector, or a sector id without the pe_ prefix', () => {
    expect(() => insertOrg({ focus_group_id: 'pe_nowhere' })).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare(
      "INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order) VALUES ('ind_x', 'individual_air', 'X', 'X', 9)",
    ).run();
    expect(() => insertOrg({ focus_group_id: 'ind_x' })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ focus_group_id: 'pexmanufacturing' })).toThrow(/CHECK constraint failed/);
  });

  it('a status outside active, inactive, archived', () => {
    expect(() => insertOrg({ status: 'bogus' })).toThrow(/CHECK constraint failed/);
    insertOrg({ status: 'archived' });
  });

  it('over-long text, a missing legal name, a malformed id, a non-integer count', () => {
    expect(() => insertOrg({ legal_name: 'x'.repeat(300) })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ legal_name: null })).toThrow(/NOT NULL constraint failed/);
    expect(() => insertOrg({ ticker_symbol: 'TOOLONGTICKER' })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ headquarters_country: 'USAX' })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ organization_id: 'not-a-uuid' })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ employee_count: 'many' })).toThrow(/CHECK constraint failed/);
    expect(() => insertOrg({ employee_count: 12.5 })).toThrow(/CHECK constraint failed/);
    insertOrg({ legal_name: 'x'.repeat(255) });
  });

  describe('attribute tables', () => {
    beforeEach(() => insertOrg());
    const insertAttr = (column: string, value: unknown, table = 'org_attributes_manufacturing') =>
      db.prepare(`INSERT INTO ${table} (organization_id, ${column}) VALUES (?, ?)`).run(ORG, value);

    it('array columns hold JSON arrays only', () => {
      expect(() => insertAttr('ot_systems', 'not json')).toThrow(/malformed JSON|CHECK constraint failed/);
      expect(() => insertAttr('ot_systems', '{"a":1}')).toThrow(/CHECK constraint failed/);
      expect(() => insertAttr('ot_systems', '"a"')).toThrow(/CHECK constraint failed/);
      insertAttr('ot_systems', '["Siemens SIMATIC"]');
    });

    it("PostgreSQL's types hold here too: INTEGER's range, DECIMAL's scale, VARCHAR(100) items", () => {
      expect(() => insertAttr('plant_count', 2 ** 31)).toThrow(/plant_count: out of range for an INTEGER/);
      expect(() => insertAttr('ot_systems', JSON.stringify(['x'.repeat(101)]))).toThrow(
        /ot_systems: each item/,
      );
      expect(() => insertAttr('ot_systems', '[1]')).toThrow(/ot_systems: each item/);
      insertAttr('plant_count', 2 ** 31 - 1);
    });

    it('booleans are 0 or 1', () => {
      expect(() => insertAttr('edge_computing', 2)).toThrow(/CHECK constraint failed/);
      expect(() => insertAttr('edge_computing', 'yes')).toThrow(/CHECK constraint failed/);
      insertAttr('edge_computing', 1);
    });

    it('varchar lengths and counts', () => {
      expect(() => insertAttr('it_ot_integration', 'x'.repeat(21))).toThrow(/CHECK constraint failed/);
      expect(() => insertAttr('plant_count', -1)).toThrow(/CHECK constraint failed/);
    });

    it('belong to an existing organization of their own sector', () => {
      expect(() =>
        db
          .prepare('INSERT INTO org_attributes_manufacturing (organization_id) VALUES (?)')
          .run('00000000-0000-4000-8000-00000000ffff'),
      ).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => insertAttr('regulatory_bodies', '["SEC"]', 'org_attributes_financial_services')).toThrow(
        /holds attributes of pe_financial_services organizations only/,
      );
    });

    it('percentages stay within 0..100', () => {
      insertOrg({ organization_id: '00000000-0000-4000-8000-000000000002', focus_group_id: 'pe_retail' });
      const insert = (v: number) =>
        db
          .prepare('INSERT INTO org_attributes_retail (organization_id, ecommerce_pct) VALUES (?, ?)')
          .run('00000000-0000-4000-8000-000000000002', v);
      expect(() => insert(100.5)).toThrow(/CHECK constraint failed/);
      insert(42.5);
    });

    it('are deleted with their organization', () => {
      insertAttr('edge_computing', 1);
      db.prepare('DELETE FROM organizations WHERE organization_id = ?').run(ORG);
      expect(db.prepare('SELECT count(*) AS n FROM org_attributes_manufacturing').get()).toEqual({ n: 0 });
    });
  });
});

import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSESSED_ON, assessmentFields, TALENT_CONCENTRATION } from '../../shared/assessment';
import { checkFieldValue, type FieldSpec } from '../../shared/org-fields';
import { loadReference } from '../../db/core/reference';
import { typeParsers } from '../../db/pg/pool';
import { createBackend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';

/**
 * The assessment's rules (shared/assessment.ts) and each database's CHECKs agree, value by value: a
 * score, TC or day the rules accept is stored as given; one they refuse is refused, or would be
 * stored as something else (PostgreSQL rounds a DECIMAL silently: that is not storing the value).
 */
const engines = storageEngines();
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const ORG = '01900000-0000-7000-8000-000000000002';
const fields = assessmentFields(loadReference().dimensions);
const score = fields[0] as FieldSpec;
const tc = fields.find((f) => f.name === TALENT_CONCENTRATION) as FieldSpec;
const day = fields.find((f) => f.name === ASSESSED_ON) as FieldSpec;

/** An assessment that holds the value in the field tried, and valid values elsewhere. */
const row = (spec: FieldSpec, value: number | string) => ({
  score: spec === score ? value : 50,
  tc: spec === tc ? value : 0.5,
  day: spec === day ? value : '2026-01-01',
});

/** The scale's neighbourhood: whole, the field's decimals, one more, around and beyond the bounds. */
const number = (max: number, scale: number) =>
  fc.oneof(
    fc.integer({ min: -max * 10 ** scale, max: 2 * max * 10 ** scale }).map((n) => n / 10 ** scale),
    fc
      .integer({ min: -max * 10 ** (scale + 1), max: 2 * max * 10 ** (scale + 1) })
      .map((n) => n / 10 ** (scale + 1)),
    fc.double({ min: -2 * max, max: 2 * max, noNaN: true }),
  );
const days = fc.oneof(
  fc
    .date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom(
    '2026-02-29',
    '2024-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-1-5',
    '2026-01-01 ',
    'today',
    '',
  ),
);
const tried = fc.oneof(
  number(100, 2).map((v) => [score, v] as const),
  number(1, 4).map((v) => [tc, v] as const),
  days.map((v) => [day, v] as const),
);

type Stores = (spec: FieldSpec, value: number | string) => Promise<boolean>;

function sqliteStores(file: string): Stores {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  closers.push(() => void db.close());
  return async (spec, value) => {
    const r = row(spec, value);
    db.exec('BEGIN');
    try {
      db.prepare(
        "INSERT INTO organizations (organization_id, legal_name, focus_group_id) VALUES (?, 'x', 'pe_retail')",
      ).run(ORG);
      db.prepare('INSERT INTO organization_assessments VALUES (?, ?, ?)').run(ORG, r.tc, r.day);
      db.prepare("INSERT INTO organization_dimension_scores VALUES (?, 'pe_dim_talent', ?)").run(
        ORG,
        r.score,
      );
      const stored = db
        .prepare(
          'SELECT a.talent_concentration AS tc, a.assessed_on AS day, s.score FROM organization_assessments a JOIN organization_dimension_scores s USING (organization_id)',
        )
        .get() as typeof r;
      return JSON.stringify(stored) === JSON.stringify({ tc: r.tc, day: r.day, score: r.score });
    } catch {
      return false;
    } finally {
      db.exec('ROLLBACK');
    }
  };
}

async function pgStores(url: string): Promise<Stores> {
  const client = new pg.Client({ connectionString: url, types: typeParsers });
  await client.connect();
  closers.push(() => client.end());
  return async (spec, value) => {
    const r = row(spec, value);
    await client.query('BEGIN');
    try {
      await client.query(
        "INSERT INTO organizations (organization_id, legal_name, focus_group_id) VALUES ($1, 'x', 'pe_retail')",
        [ORG],
      );
      await client.query('INSERT INTO organization_assessments VALUES ($1, $2::numeric, $3::date)', [
        ORG,
        r.tc,
        r.day,
      ]);
      await client.query(
        "INSERT INTO organization_dimension_scores VALUES ($1, 'pe_dim_talent', $2::numeric)",
        [ORG, r.score],
      );
      const { rows } = await client.query<typeof r>(
        'SELECT a.talent_concentration AS tc, a.assessed_on AS day, s.score FROM organization_assessments a JOIN organization_dimension_scores s USING (organization_id)',
      );
      return JSON.stringify(rows[0]) === JSON.stringify({ tc: r.tc, day: r.day, score: r.score });
    } catch {
      return false;
    } finally {
      await client.query('ROLLBACK');
    }
  };
}

describe.each(engines)("the assessment's rules and $name agree on every value", (engine) => {
  it.skipIf(engine.skip)(
    'a score, TC or day the rules accept is stored as given; one they refuse is not (property)',
    async () => {
      const location = await engine.newDatabase();
      const backend = await createBackend({ dbFile: location });
      await ok(backend.invoke('schema:init', {}));
      await ok(backend.invoke('seed:sectorsDimensions', {}));
      await backend.close();
      const stores = engine.name === 'sqlite' ? sqliteStores(location) : await pgStores(location);
      await fc.assert(
        fc.asyncProperty(tried, async ([spec, value]) => {
          const accepted = checkFieldValue(spec, value) === null;
          expect({ field: spec.name, value, accepted: await stores(spec, value) }).toEqual({
            field: spec.name,
            value,
            accepted,
          });
        }),
        { numRuns: engine.name === 'sqlite' ? 2000 : 600 },
      );
    },
    120_000,
  );
});

import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrgValue } from '../../shared/domain';
import { checkFieldValue, type FieldSpec } from '../../shared/org-fields';
import { attributeTables } from '../../db/core/columns';
import { organizationFields } from '../../db/core/org-fields';
import { typedValue } from '../../db/core/test/typed-values';
import { bindValue } from '../../db/core/org-repository';
import { typeParsers } from '../../db/pg/pool';
import { pgOrgSql } from '../../db/pg/org-write-sql';
import { sqliteOrgSql } from '../../db/sqlite/org-write-sql';
import { createBackend } from './index';
import { storageEngines } from './test/engines';
import { ok } from './test/results';

/**
 * The import's rules and each database agree, value by value: whatever the fields accept (and so the
 * form, `org add` and an import accept), the database stores as given; whatever they refuse, the
 * database refuses too, or would store as something else (PostgreSQL rounds a DECIMAL and cuts
 * trailing spaces off a VARCHAR silently: that is not storing the value). Values are of the
 * columns' declared types; text holds no control character but tab and line breaks (the app refuses
 * those where both databases would store them: see docs/organizations.md).
 */
const engines = storageEngines();
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const ORG = '01900000-0000-7000-8000-000000000001';
const fields = organizationFields().filter((f) => f.editable && f.kind !== 'sector');
const tableOf = (spec: FieldSpec) => attributeTables().find((t) => t.sectorId === spec.sector)?.table ?? null;

type Stores = (spec: FieldSpec, value: OrgValue) => Promise<boolean>;

/** The organization a value is tried in: the least a row needs, with the value in its own column. */
function base(spec: FieldSpec, value: OrgValue, own: boolean): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = {
    organization_id: ORG,
    legal_name: 'x',
    focus_group_id: spec.sector ?? 'pe_technology',
  };
  if (own) row[spec.name] = bindValue(value);
  return row;
}

function sqliteStores(file: string): Stores {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  closers.push(() => void db.close());
  return async (spec, value) => {
    const table = tableOf(spec);
    db.exec('BEGIN');
    try {
      const row = base(spec, value, table === null);
      const names = Object.keys(row);
      db.prepare(
        `INSERT INTO organizations (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ).run(Object.values(row));
      if (table !== null)
        db.prepare(`INSERT INTO ${table} (organization_id, ${spec.name}) VALUES (?, ?)`).run(
          ORG,
          bindValue(value),
        );
      const stored = db
        .prepare(`SELECT ${spec.name} FROM vw_organizations_full WHERE organization_id = ?`)
        .get(ORG);
      return (
        JSON.stringify(sqliteOrgSql.decode(stored as Record<string, unknown>)[spec.name]) ===
        JSON.stringify(value)
      );
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
    const table = tableOf(spec);
    const cast = pgOrgSql.value(spec.kind, 3);
    await client.query('BEGIN');
    try {
      const own = table === null;
      const row = base(spec, value, own);
      const names = Object.keys(row);
      const params = names.map((name, i) =>
        name === spec.name ? cast.replace('$3', `$${i + 1}`) : `$${i + 1}`,
      );
      await client.query(
        `INSERT INTO organizations (${names.join(', ')}) VALUES (${params.join(', ')})`,
        Object.values(row),
      );
      if (!own) {
        await client.query(
          `INSERT INTO ${table} (organization_id, ${spec.name}) VALUES ($1, ${pgOrgSql.value(spec.kind, 2)})`,
          [ORG, bindValue(value)],
        );
      }
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT ${spec.name} FROM vw_organizations_full WHERE organization_id = $1`,
        [ORG],
      );
      return JSON.stringify(rows[0]?.[spec.name] ?? null) === JSON.stringify(value);
    } catch {
      return false;
    } finally {
      await client.query('ROLLBACK');
    }
  };
}

describe.each(engines)('the fields and $name agree on every value', (engine) => {
  it.skipIf(engine.skip)(
    'a value the rules accept is stored as given; one they refuse is not (property)',
    async () => {
      const location = await engine.newDatabase();
      const backend = await createBackend({ dbFile: location });
      await ok(backend.invoke('schema:init', {}));
      await ok(backend.invoke('seed:sectorsDimensions', {}));
      await backend.close();
      const stores = engine.name === 'sqlite' ? sqliteStores(location) : await pgStores(location);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fields).chain((spec) => fc.tuple(fc.constant(spec), typedValue(spec))),
          async ([spec, value]) => {
            const accepted = checkFieldValue(spec, value) === null;
            expect({ column: spec.name, value, accepted: await stores(spec, value) }).toEqual({
              column: spec.name,
              value,
              accepted,
            });
          },
        ),
        { numRuns: engine.name === 'sqlite' ? 3000 : 1000 },
      );
    },
    120_000,
  );
});

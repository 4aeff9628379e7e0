import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { attributeTables } from '../core/columns';
import { toErrorValue } from '../core/errors';
import type { PlannedRow, SectorRef } from '../core/import/plan';
import type { ImportTarget, ImportTransaction } from '../core/import/run';
import { fieldNamed } from '../core/org-fields';
import { refusal } from '../core/org-refusals';

const tableOf = (sector: string) => attributeTables().find((t) => t.sectorId === sector)?.table ?? null;
const keptOnUpdate = new Set(['organization_id', 'created_at', 'updated_at']);

type Db = pg.Pool | pg.PoolClient;

async function lookup(db: Db, ids: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ organization_id: string; focus_group_id: string }>(
    'SELECT organization_id, focus_group_id FROM organizations WHERE organization_id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.organization_id, r.focus_group_id]));
}

/** Rows grouped by the statement that writes them: same table, same action, same columns. */
function groups(rows: PlannedRow[]) {
  const byKey = new Map<
    string,
    { table: string; action: 'insert' | 'update'; columns: string[]; objects: object[] }
  >();
  const add = (table: string, action: 'insert' | 'update', columns: string[], object: object) => {
    const key = `${table}|${action}|${columns.join(',')}`;
    const group = byKey.get(key) ?? { table, action, columns, objects: [] };
    group.objects.push(object);
    byKey.set(key, group);
  };
  const moved = new Map<string, string[]>();
  for (const row of rows) {
    const names = Object.keys(row.values);
    const own = names.filter((n) => fieldNamed(n)?.sector === null);
    const attributes = names.filter((n) => fieldNamed(n)?.sector === row.sector);
    const pick = (columns: string[]) => Object.fromEntries(columns.map((c) => [c, row.values[c] ?? null]));
    if (row.action === 'insert') add('organizations', 'insert', own, pick(own));
    else
      add(
        'organizations',
        'update',
        own.filter((n) => !keptOnUpdate.has(n)),
        pick(own),
      );
    if (row.action === 'update' && row.previousSector !== null && row.previousSector !== row.sector) {
      const old = tableOf(row.previousSector);
      if (old !== null) moved.set(old, [...(moved.get(old) ?? []), row.id]);
    }
    const table = tableOf(row.sector);
    if (table !== null && attributes.length > 0) {
      add(table, 'insert', ['organization_id', ...attributes], pick(['organization_id', ...attributes]));
    }
  }
  return { moved, groups: [...byKey.values()] };
}

/**
 * The import's writes on one connection of the pool, a chunk of rows per statement bound as one
 * JSON parameter (json_populate_recordset gives each value its column's type, lists included), as
 * the sample insert does. Organizations before attribute rows, whose trigger checks the sector.
 */
async function writeRows(client: pg.PoolClient, rows: PlannedRow[]): Promise<void> {
  const { moved, groups: all } = groups(rows);
  for (const [table, ids] of moved) {
    await client.query(`DELETE FROM ${table} WHERE organization_id = ANY($1::uuid[])`, [ids]);
  }
  const ordered = [
    ...all.filter((g) => g.table === 'organizations'),
    ...all.filter((g) => g.table !== 'organizations'),
  ];
  for (const group of ordered) {
    const columns = group.columns.join(', ');
    const source = `json_populate_recordset(NULL::${group.table}, $1)`;
    if (group.action === 'insert') {
      const update = group.columns.filter((c) => c !== 'organization_id').map((c) => `${c} = excluded.${c}`);
      const upsert =
        group.table === 'organizations' || update.length === 0
          ? ''
          : ` ON CONFLICT (organization_id) DO UPDATE SET ${update.join(', ')}`;
      await client.query(
        `INSERT INTO ${group.table} (${columns}) SELECT ${columns} FROM ${source}${upsert}`,
        [JSON.stringify(group.objects)],
      );
    } else {
      const set = [
        ...group.columns.map((c) => `${c} = r.${c}`),
        'updated_at = organization_version_after(o.updated_at)',
      ];
      await client.query(
        `UPDATE organizations AS o SET ${set.join(', ')} FROM ${source} AS r WHERE o.organization_id = r.organization_id`,
        [JSON.stringify(group.objects)],
      );
    }
  }
}

/** The chunk's assessments: those of updated rows replaced, new ones inserted with a score per dimension code. */
async function writeAssessments(client: pg.PoolClient, rows: PlannedRow[]): Promise<void> {
  const given = rows.filter((r) => r.assessment !== undefined);
  if (given.length === 0) return;
  const replaced = given.filter((r) => r.action === 'update').map((r) => r.id);
  if (replaced.length > 0) {
    await client.query('DELETE FROM organization_assessments WHERE organization_id = ANY($1::uuid[])', [
      replaced,
    ]);
  }
  const kept = given.flatMap((r) => (r.assessment ? [{ id: r.id, ...r.assessment }] : []));
  if (kept.length === 0) return;
  await client.query(
    `INSERT INTO organization_assessments (organization_id, talent_concentration, assessed_on)
     SELECT id, talent_concentration, assessed_on
     FROM json_to_recordset($1) AS r(id uuid, talent_concentration numeric, assessed_on date)`,
    [JSON.stringify(kept)],
  );
  const scores = kept.flatMap((a) =>
    Object.entries(a.scores).map(([code, score]) => ({ id: a.id, code, score })),
  );
  const { rowCount } = await client.query(
    `INSERT INTO organization_dimension_scores (organization_id, dimension_id, score)
     SELECT r.id, d.dimension_id, r.score
     FROM json_to_recordset($1) AS r(id uuid, code text, score numeric) JOIN dimensions d ON d.dimension_code = r.code`,
    [JSON.stringify(scores)],
  );
  if (rowCount !== scores.length) {
    throw new AppError('INVALID_INPUT', 'A score names a dimension code the database does not have');
  }
}

/** The import on PostgreSQL: asynchronous I/O on the thread that serves the UI, one transaction. */
export function pgImportTarget(pool: pg.Pool): ImportTarget {
  return {
    async sectors() {
      const { rows } = await pool.query<SectorRef>(
        'SELECT focus_group_id, group_name, group_code FROM focus_groups',
      );
      return rows;
    },
    lookup: (ids) => lookup(pool, ids),
    async transaction(_inserts, work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Writers of organizations queue here (migration 003): a concurrent edit waits for the import.
        await client.query('UPDATE organization_changes SET version = version + 1');
        const tx: ImportTransaction = {
          lookup: (ids) => lookup(client, ids),
          async write(rows) {
            try {
              await writeRows(client, rows);
              await writeAssessments(client, rows);
            } catch (error) {
              const refused = toErrorValue(refusal(error, []));
              const first = rows[0]?.line ?? 0;
              const last = rows[rows.length - 1]?.line ?? 0;
              throw new AppError(refused.code, `Rows ${first}–${last}: ${refused.message}`, refused.field);
            }
          },
        };
        const keep = await work(tx);
        await client.query(keep ? 'COMMIT' : 'ROLLBACK');
        return keep;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

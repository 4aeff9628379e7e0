import type { OrgRow, OrgValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type {
  ChangeRange,
  NewOrganization,
  OrgChanges,
  OrgDeleted,
  OrganizationEdit,
  OrgRestored,
  OrgSaved,
  OrgUpdateResult,
} from '../../shared/org-edits';
import { checkFieldValue, type FieldKind, type FieldSpec } from '../../shared/org-fields';
import {
  assessmentFieldsOf,
  mergedAssessment,
  readAssessments,
  splitAssessment,
  withAssessments,
  writeAssessment,
} from './assessments';
import { attributeTables } from './columns';
import { editableField, fieldNamed, organizationFields } from './org-fields';
import { refusal } from './org-refusals';
import type { SqlEngine, SqlSession, SqlValue } from './sql';
import { uuidv7 } from './uuid-v7';

/** Where the engines write an organization differently; every identifier comes from the field catalog. */
export interface OrgEngineSql {
  /** The bound parameter $n as a value of the column's type (PostgreSQL casts; SQLite takes it as is). */
  value(kind: FieldKind, n: number): string;
  /** Run first in a write, so that the change log's positions read next are this write's own. */
  lock: string | null;
  /** The version after updated_at's current one (at least a millisecond later). */
  nextVersion: string;
  /** updated_at equals the version bound at $n. */
  versionIs(n: number): string;
  /** The ids bound as a JSON array at $n, as a subquery for IN. */
  idList(n: number): string;
  /** A row of the view as the engine returns it, as typed values. */
  decode(row: Record<string, unknown>): OrgRow;
}

export interface OrgRepository {
  get(id: string): Promise<OrgRow | null>;
  add(input: NewOrganization): Promise<OrgSaved>;
  update(edit: OrganizationEdit): Promise<OrgUpdateResult>;
  remove(ids: string[]): Promise<OrgDeleted>;
  restore(rows: OrgRow[]): Promise<OrgRestored>;
  changes(after: number, own: ChangeRange[]): Promise<OrgChanges>;
}

/** A typed value as both engines bind it: booleans as 1 or 0, lists as JSON text. */
export function bindValue(value: OrgValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return JSON.stringify(value);
  return value;
}

const tableOf = (sector: string) => attributeTables().find((t) => t.sectorId === sector)?.table ?? null;

function invalid(spec: FieldSpec, reason: string): AppError {
  return new AppError('INVALID_INPUT', `${spec.label} ${reason}`, spec.name);
}

/** The values checked against their fields; a value of another sector's attribute is refused too. */
function checked(
  values: Record<string, OrgValue>,
  sector: string,
  editable: boolean,
): Map<string, FieldSpec> {
  const specs = new Map<string, FieldSpec>();
  for (const [name, value] of Object.entries(values)) {
    const spec = editable ? editableField(name) : fieldNamed(name);
    if (spec === undefined) continue;
    if (spec.sector !== null && spec.sector !== sector) {
      if (value === null) continue;
      throw invalid(spec, `is an attribute of another sector (${spec.sector}), not of ${sector}`);
    }
    const problem = checkFieldValue(spec, value);
    if (problem !== null) throw invalid(spec, problem);
    specs.set(name, spec);
  }
  return specs;
}

export function orgRepository(engine: SqlEngine, sql: OrgEngineSql): OrgRepository {
  /** Rows of the view with their assessment's values, as the form and Undo take them. */
  const viewRows = async (db: SqlSession, ids: string[]) =>
    withAssessments(
      db,
      sql.idList(1),
      (
        await db.rows<Record<string, unknown>>(
          `SELECT * FROM vw_organizations_full WHERE organization_id IN ${sql.idList(1)}`,
          [JSON.stringify(ids)],
        )
      ).map((row) => sql.decode(row)),
    );
  const cast = (kind: 'id' | 'decimal' | 'date', n: number) => sql.value(kind, n);
  const lastSeq = async (db: SqlSession) =>
    Number(
      (
        await db.row<{ seq: number | string }>(
          'SELECT coalesce(max(seq), 0) AS seq FROM organization_change_log',
        )
      )?.seq ?? 0,
    );

  /** A write in one transaction that reports the change-log range it made. */
  async function write<T>(work: (db: SqlSession) => Promise<T>, written: () => string[]) {
    try {
      return await engine.write(async (db) => {
        if (sql.lock !== null) await db.run(sql.lock);
        const before = await lastSeq(db);
        const value = await work(db);
        return { value, changes: [before, await lastSeq(db)] as ChangeRange };
      });
    } catch (error) {
      throw refusal(error, written());
    }
  }

  async function requireSector(db: SqlSession, sector: string): Promise<void> {
    const found = await db.row('SELECT 1 AS found FROM focus_groups WHERE focus_group_id = $1', [sector]);
    if (found === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `Sector names a sector the database does not have: ${sector}`,
        'focus_group_id',
      );
    }
  }

  async function insertRow(db: SqlSession, specs: Map<string, FieldSpec>, values: Record<string, OrgValue>) {
    const own = [...specs.values()].filter((s) => s.sector === null && values[s.name] !== undefined);
    await db.run(
      `INSERT INTO organizations (${own.map((s) => s.name).join(', ')})
       VALUES (${own.map((s, i) => sql.value(s.kind, i + 1)).join(', ')})`,
      own.map((s) => bindValue(values[s.name] ?? null)),
    );
    await upsertAttributes(db, String(values.organization_id), String(values.focus_group_id), specs, values);
  }

  async function upsertAttributes(
    db: SqlSession,
    id: string,
    sector: string,
    specs: Map<string, FieldSpec>,
    values: Record<string, OrgValue>,
  ) {
    const table = tableOf(sector);
    const attributes = [...specs.values()].filter((s) => s.sector === sector);
    if (table === null || attributes.length === 0) return;
    const names = attributes.map((s) => s.name);
    await db.run(
      `INSERT INTO ${table} (organization_id, ${names.join(', ')})
       VALUES (${sql.value('id', 1)}, ${attributes.map((s, i) => sql.value(s.kind, i + 2)).join(', ')})
       ON CONFLICT (organization_id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`,
      [id, ...attributes.map((s) => bindValue(values[s.name] ?? null))],
    );
  }

  return {
    async get(id) {
      return engine.read(async (db) => (await viewRows(db, [id]))[0] ?? null);
    },

    async add({ values }) {
      const sector = values.focus_group_id;
      if (typeof sector !== 'string') {
        throw new AppError('INVALID_INPUT', 'Choose the sector first', 'focus_group_id');
      }
      const missing = organizationFields().find(
        (f) => f.required && f.editable && f.defaultValue === null && (values[f.name] ?? null) === null,
      );
      if (missing) throw invalid(missing, 'is required');
      const id = uuidv7();
      const { value, changes } = await write(
        async (db) => {
          await requireSector(db, sector);
          const fields = await assessmentFieldsOf(db);
          const { given, rest } = splitAssessment(fields, values);
          const assessment = mergedAssessment(fields, null, given);
          const specs = checked(rest, sector, true);
          specs.set('organization_id', fieldNamed('organization_id') as FieldSpec);
          await insertRow(db, specs, { ...rest, organization_id: id });
          if (assessment !== null) await writeAssessment(db, cast, id, assessment);
          return (await viewRows(db, [id]))[0] as OrgRow;
        },
        () => Object.keys(values),
      );
      return { row: value, changes };
    },

    async update({ organization_id: id, version, values }) {
      const names = Object.keys(values);
      const { value, changes } = await write(
        async (db): Promise<OrgUpdateResult> => {
          const current = await db.row<{ focus_group_id: string }>(
            `SELECT focus_group_id FROM organizations WHERE organization_id = ${sql.value('id', 1)} AND ${sql.versionIs(2)}`,
            [id, version],
          );
          if (current === undefined)
            return { status: 'conflict', current: (await viewRows(db, [id]))[0] ?? null };
          const sector =
            typeof values.focus_group_id === 'string' ? values.focus_group_id : current.focus_group_id;
          if (sector !== current.focus_group_id) await requireSector(db, sector);
          const fields = await assessmentFieldsOf(db);
          const { given, rest } = splitAssessment(fields, values);
          const specs = checked(rest, sector, true);
          if (Object.keys(given).length > 0) {
            const before = (await readAssessments(db, sql.idList(1), [id])).get(id) ?? null;
            await writeAssessment(db, cast, id, mergedAssessment(fields, before, given));
          }
          const own = [...specs.values()].filter((s) => s.sector === null);
          if (sector !== current.focus_group_id) {
            const old = tableOf(current.focus_group_id);
            if (old !== null)
              await db.run(`DELETE FROM ${old} WHERE organization_id = ${sql.value('id', 1)}`, [id]);
          }
          await db.run(
            `UPDATE organizations SET ${[...own.map((s, i) => `${s.name} = ${sql.value(s.kind, i + 2)}`), `updated_at = ${sql.nextVersion}`].join(', ')}
           WHERE organization_id = ${sql.value('id', 1)}`,
            [id, ...own.map((s) => bindValue(values[s.name] ?? null))],
          );
          await upsertAttributes(db, id, sector, specs, rest);
          return { status: 'saved', row: (await viewRows(db, [id]))[0] as OrgRow, changes: [0, 0] };
        },
        () => names,
      );
      return value.status === 'saved' ? { ...value, changes } : value;
    },

    async remove(ids) {
      const { value, changes } = await write(
        async (db) => {
          const rows = await viewRows(db, ids);
          await db.run(`DELETE FROM organizations WHERE organization_id IN ${sql.idList(1)}`, [
            JSON.stringify(ids),
          ]);
          return rows;
        },
        () => [],
      );
      return { rows: value, changes };
    },

    async restore(rows) {
      const prepared = rows.map((row) => {
        const sector = row.focus_group_id;
        if (typeof sector !== 'string')
          throw new AppError('INVALID_INPUT', 'A restored row has no sector', 'focus_group_id');
        const values = Object.fromEntries(
          Object.entries(row).filter(([name]) => fieldNamed(name) !== undefined),
        );
        return { row, values, specs: checked(values, sector, false) };
      });
      const { changes } = await write(
        async (db) => {
          const fields = await assessmentFieldsOf(db);
          for (const { row, values, specs } of prepared) {
            await insertRow(db, specs, values);
            // The assessment the delete took comes back with the organization.
            const assessment = mergedAssessment(fields, null, splitAssessment(fields, row).given);
            if (assessment !== null)
              await writeAssessment(db, cast, String(values.organization_id), assessment);
          }
        },
        () => [],
      );
      return { restored: rows.length, changes };
    },

    async changes(after, own) {
      return engine.read(async (db) => {
        const last = await lastSeq(db);
        const scores = Number(
          (await db.row<{ version: number | null }>('SELECT sum(version) AS version FROM score_freshness'))
            ?.version ?? 0,
        );
        if (after === 0 || last <= after) return { last, changes: 0, ids: [], scores };
        const entries = await db.rows<{ seq: number | string; organization_id: string | null; rows: number }>(
          'SELECT seq, organization_id, rows FROM organization_change_log WHERE seq > $1 ORDER BY seq',
          [after],
        );
        const ids = new Set<string>();
        let bulk = 0;
        for (const entry of entries) {
          const seq = Number(entry.seq);
          if (own.some(([from, to]) => seq > from && seq <= to)) continue;
          if (entry.organization_id === null) bulk += Number(entry.rows);
          else ids.add(entry.organization_id);
        }
        // The log keeps its newest rows only: positions it no longer holds were changes too.
        const first = Number(entries[0]?.seq ?? last + 1);
        const dropped = Math.max(0, first - after - 1);
        return { last, changes: ids.size + bulk + dropped, ids: [...ids].slice(0, 100), scores };
      });
    },
  };
}

import { AppError } from '../../shared/errors';
import type { PlatformParameters } from '../../shared/org-air';
import {
  platformParameterNames,
  type PlatformParameterDetail,
  type PlatformParameterVersion,
  type PlatformParametersView,
} from '../../shared/scoring';
import { effectiveDay, requireVersion, type CurrentRow } from './config-rules';
import type { ParameterEdit } from '../port';
import type { SqlEngine, SqlSession } from './sql';

/** The platform whose parameters the app scores with. */
const PLATFORM = 'pe_org_air';

const select = `SELECT parameter_id, parameter_name, parameter_value AS value, description, rationale, effective_from
  FROM platform_parameters`;

/** The statements both engines run as they are ($1 …); a day compares as text on SQLite, as DATE on PostgreSQL. */
const commonSql = {
  on: `${select} WHERE platform = '${PLATFORM}' AND effective_from <= $1
    AND (effective_to IS NULL OR effective_to > $1) ORDER BY parameter_id`,
  versions: `SELECT parameter_id, parameter_name, parameter_value AS value, description, rationale, effective_from,
    effective_to, is_current, author FROM platform_parameters WHERE platform = '${PLATFORM}'
    ORDER BY effective_from, parameter_id`,
  insert: `INSERT INTO platform_parameters (platform, parameter_name, parameter_value, description, rationale,
    effective_from, author) VALUES ('${PLATFORM}', $1, $2, $3, $4, $5, $6)`,
};

/** What each engine writes its own way: boolean literals and row locks. */
export interface EngineParameterSql {
  /** (parameter_name) CurrentRow with description; PostgreSQL locks it. */
  current: string;
  /** (id, day) */
  close: string;
}

export const sqliteParameterSql: EngineParameterSql = {
  current: `SELECT parameter_id AS id, parameter_value AS value, effective_from, description FROM platform_parameters
    WHERE platform = '${PLATFORM}' AND parameter_name = $1 AND is_current = 1`,
  close: 'UPDATE platform_parameters SET is_current = 0, effective_to = $2 WHERE parameter_id = $1',
};

export const pgParameterSql: EngineParameterSql = {
  current: `SELECT parameter_id AS id, parameter_value AS value, effective_from, description FROM platform_parameters
    WHERE platform = '${PLATFORM}' AND parameter_name = $1 AND is_current FOR UPDATE`,
  close: 'UPDATE platform_parameters SET is_current = FALSE, effective_to = $2 WHERE parameter_id = $1',
};

/** The parameters the formula needs, from the rows in force; a missing one is a clear error. */
export function parameterValues(rows: PlatformParameterDetail[]): PlatformParameters {
  const byName = new Map(rows.map((row) => [row.parameter_name, row.value]));
  const values = {} as PlatformParameters;
  for (const name of platformParameterNames) {
    const value = byName.get(name);
    if (value === undefined) {
      throw new AppError('NOT_FOUND', `The platform parameter ${name} has no value in force on that day`);
    }
    values[name] = value;
  }
  return values;
}

/**
 * The platform's parameters on any engine: read on a day, edited as new dated versions (the
 * calibrations' rules: every change a new version by its author, the previous one closed), and
 * their history.
 */
export function platformParameterRepository(
  engine: SqlEngine,
  engineSql: EngineParameterSql,
  now: () => string = () => new Date().toISOString(),
) {
  const today = () => now().slice(0, 10);
  /** In the framework's order (alpha first), whatever order their versions were written in. */
  const place = (name: string) => {
    const at = (platformParameterNames as readonly string[]).indexOf(name);
    return at < 0 ? platformParameterNames.length : at;
  };
  const on = async (db: SqlSession, day: string) =>
    (await db.rows<PlatformParameterDetail>(commonSql.on, [day])).sort(
      (a, b) => place(a.parameter_name) - place(b.parameter_name),
    );

  async function update(db: SqlSession, edit: ParameterEdit): Promise<number> {
    const current = await db.row<CurrentRow & { description: string | null }>(engineSql.current, [
      edit.parameter_name,
    ]);
    if (!current) throw new AppError('NOT_FOUND', `Unknown platform parameter: ${edit.parameter_name}`);
    requireVersion(edit.parameter_id, current, 'calibration', edit.parameter_name);
    // Every change is a new version (a second one on a day too), never a revision of a row.
    if (Number(current.value) === edit.value) return 0;
    const day = effectiveDay(now(), current);
    await db.run(engineSql.close, [current.id, day]);
    await db.run(commonSql.insert, [
      edit.parameter_name,
      edit.value,
      current.description,
      edit.rationale,
      day,
      edit.author,
    ]);
    return 1;
  }

  return {
    /** In force on `asOf`, or today. */
    sessionParameters: (db: SqlSession, asOf: string | null) => on(db, asOf ?? today()),
    platformParameters: (asOf?: string | null): Promise<PlatformParametersView> =>
      engine.read(async (db) => ({ as_of: asOf ?? null, parameters: await on(db, asOf ?? today()) })),
    platformParameterHistory: (): Promise<PlatformParameterVersion[]> =>
      engine.read(async (db) =>
        (await db.rows<PlatformParameterVersion>(commonSql.versions)).map((row) => ({
          ...row,
          is_current: Boolean(row.is_current),
        })),
      ),
    updatePlatformParameter: (edit: ParameterEdit): Promise<number> => engine.write((db) => update(db, edit)),
  };
}

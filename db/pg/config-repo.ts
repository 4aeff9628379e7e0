import type pg from 'pg';
import type { ConfigDocument } from '../../shared/config-document';
import type { FocusGroup, SectorDetails } from '../../shared/domain';
import {
  calibrationExists,
  noCalibration,
  nothingToRevert,
  requireDimension,
  requireVersion,
  revertChange,
  sectorDetails,
  sectorHistory,
  supersedeStep,
  unknownSector,
  utcToday,
  weightEdits,
  type CalibrationRow,
  type ConfigRepositoryOptions,
  type CurrentRow,
  type DimensionRow,
  type VersionRow,
  type WeightRow,
} from '../core/config-rules';
import { importDifferences, importSteps, parseConfigDocument, shareDocument } from '../core/config-share';
import { noSchemaError } from '../sqlite/migrate';
import type { ConfigRepository } from '../port';
import { inTransaction } from './pool';

type Db = pg.Pool | pg.PoolClient;
type Input<K extends keyof ConfigRepository> = Parameters<ConfigRepository[K]>[0];

const groupColumns = 'focus_group_id, platform, group_name, group_code, display_order, is_active';
const weightColumns = 'weight_id, dimension_id, weight, weight_rationale AS rationale, effective_from';
const calibrationColumns = `calibration_id, parameter_name, parameter_value AS value, parameter_type, description,
  rationale, effective_from`;
const inForce = 'effective_from <= $2::date AND (effective_to IS NULL OR effective_to > $2::date)';
const weightVersionColumns = `weight_id AS version_id, dimension_id AS key, weight AS value, effective_from,
  effective_to, is_current, weight_rationale AS rationale`;
const calibrationVersionColumns = `calibration_id AS version_id, parameter_name AS key, parameter_value AS value,
  effective_from, effective_to, is_current, rationale`;

/** The two value tables differ in names only; each change is written through one of these. */
const tables = {
  weight: {
    current: `SELECT weight_id AS id, weight AS value, effective_from FROM focus_group_dimension_weights
      WHERE focus_group_id = $1 AND dimension_id = $2 AND is_current FOR UPDATE`,
    // A revision is a new version, so it takes the next id of the table's sequence.
    revise: `UPDATE focus_group_dimension_weights SET weight = $2, weight_rationale = $3,
      weight_id = nextval(pg_get_serial_sequence('focus_group_dimension_weights', 'weight_id'))
      WHERE weight_id = $1`,
    close: `UPDATE focus_group_dimension_weights SET is_current = FALSE, effective_to = $2::date
      WHERE weight_id = $1`,
  },
  calibration: {
    current: `SELECT calibration_id AS id, parameter_value AS value, effective_from, parameter_type, description
      FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current FOR UPDATE`,
    revise: `UPDATE focus_group_calibrations SET parameter_value = $2, rationale = $3,
      calibration_id = nextval(pg_get_serial_sequence('focus_group_calibrations', 'calibration_id'))
      WHERE calibration_id = $1`,
    close: `UPDATE focus_group_calibrations SET is_current = FALSE, effective_to = $2::date
      WHERE calibration_id = $1`,
  },
} as const;

const insertWeight = `INSERT INTO focus_group_dimension_weights
  (focus_group_id, dimension_id, weight, weight_rationale, effective_from) VALUES ($1, $2, $3, $4, $5::date)`;
const insertCalibration = `INSERT INTO focus_group_calibrations
  (focus_group_id, parameter_name, parameter_value, parameter_type, description, rationale, effective_from)
  VALUES ($1, $2, $3, $4, $5, $6, $7::date)`;

type CalibrationCurrent = CurrentRow & Pick<CalibrationRow, 'parameter_type' | 'description'>;

/** A missing table means the schema was never initialized: the same NO_SCHEMA as on SQLite. */
async function withSchema<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === '42P01') throw noSchemaError();
    throw error;
  }
}

/** Reads of several statements see one moment: a read-only REPEATABLE READ transaction. */
function snapshot<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

// Names sort by their bytes ("C"), as SQLite sorts them, whatever the server's default collation.

/**
 * The configuration repository on PostgreSQL, with the SQLite repository's rules (db/config-rules.ts).
 * Every write first locks its sector's row (FOR NO KEY UPDATE, which organization inserts referencing
 * the sector do not wait for): writers of one sector take turns, so that the optimistic version check
 * and the effective dating read what the previous writer committed. Values are always bound.
 */
export function pgConfigRepository(pool: pg.Pool, options: ConfigRepositoryOptions = {}): ConfigRepository {
  const today = options.today ?? utcToday;

  const listSectors = async (db: Db): Promise<FocusGroup[]> =>
    (
      await db.query<FocusGroup>(
        `SELECT ${groupColumns} FROM focus_groups ORDER BY display_order, focus_group_id COLLATE "C"`,
      )
    ).rows;

  const dimensions = async (db: Db): Promise<DimensionRow[]> =>
    (
      await db.query<DimensionRow>(
        `SELECT dimension_id, dimension_name, dimension_code, display_order, description
         FROM dimensions ORDER BY display_order, dimension_id COLLATE "C"`,
      )
    ).rows;

  /** The sector's row; `lock` when writing (see above). */
  async function requireSector(db: Db, focusGroupId: string, lock = false): Promise<FocusGroup> {
    const { rows } = await db.query<FocusGroup>(
      `SELECT ${groupColumns} FROM focus_groups WHERE focus_group_id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [focusGroupId],
    );
    if (rows[0]) return rows[0];
    const any = await db.query('SELECT 1 FROM focus_groups LIMIT 1');
    throw unknownSector(focusGroupId, any.rows.length > 0);
  }

  async function load(db: Db, focusGroupId: string, asOf: string | null) {
    const group = await requireSector(db, focusGroupId);
    const [weights, calibrations] =
      asOf === null
        ? [
            `SELECT ${weightColumns} FROM focus_group_dimension_weights WHERE focus_group_id = $1 AND is_current`,
            `SELECT ${calibrationColumns} FROM focus_group_calibrations WHERE focus_group_id = $1 AND is_current
             ORDER BY calibration_id`,
          ]
        : [
            `SELECT ${weightColumns} FROM focus_group_dimension_weights WHERE focus_group_id = $1 AND ${inForce}`,
            `SELECT ${calibrationColumns} FROM focus_group_calibrations WHERE focus_group_id = $1 AND ${inForce}
             ORDER BY calibration_id`,
          ];
    const values = asOf === null ? [focusGroupId] : [focusGroupId, asOf];
    return sectorDetails(
      group,
      await dimensions(db),
      (await db.query<WeightRow>(weights, values)).rows,
      (await db.query<CalibrationRow>(calibrations, values)).rows,
      asOf,
    );
  }

  async function details(db: Db, focusGroupId: string, asOf: string | null): Promise<SectorDetails> {
    const { config, weights, calibrations } = await load(db, focusGroupId, asOf);
    return { config: config.toJSON(), weights, calibrations };
  }

  /** Closes the current row and inserts today's, or revises today's; false when nothing changes. */
  async function supersede(
    db: pg.PoolClient,
    kind: keyof typeof tables,
    current: CurrentRow | undefined,
    value: number,
    rationale: string,
    insert: (day: string) => Promise<unknown>,
  ): Promise<boolean> {
    const day = today();
    const step = supersedeStep(current, value, day);
    if (step === 'none') return false;
    if (step === 'revise' && current) {
      await db.query(tables[kind].revise, [current.id, value, rationale]);
      return true;
    }
    if (current) await db.query(tables[kind].close, [current.id, day]);
    await insert(day);
    return true;
  }

  async function setWeight(
    db: pg.PoolClient,
    focusGroupId: string,
    dimension: DimensionRow,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const { rows } = await db.query<CurrentRow>(tables.weight.current, [
      focusGroupId,
      dimension.dimension_id,
    ]);
    requireVersion(expected, rows[0], 'weight', dimension.dimension_name);
    return supersede(db, 'weight', rows[0], value, rationale, (day) =>
      db.query(insertWeight, [focusGroupId, dimension.dimension_id, value, rationale, day]),
    );
  }

  async function setCalibration(
    db: pg.PoolClient,
    group: FocusGroup,
    name: string,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const { rows } = await db.query<CalibrationCurrent>(tables.calibration.current, [
      group.focus_group_id,
      name,
    ]);
    const current = rows[0];
    if (!current) throw noCalibration(group.group_name, name);
    requireVersion(expected, current, 'calibration', name);
    return supersede(db, 'calibration', current, value, rationale, (day) =>
      db.query(insertCalibration, [
        group.focus_group_id,
        name,
        value,
        current.parameter_type,
        current.description,
        rationale,
        day,
      ]),
    );
  }

  async function updateWeights(db: pg.PoolClient, input: Input<'updateWeights'>): Promise<number> {
    await requireSector(db, input.focus_group_id, true);
    let changed = 0;
    for (const { dimension, weight, weight_id } of weightEdits(await dimensions(db), input.weights)) {
      if (await setWeight(db, input.focus_group_id, dimension, weight, input.rationale, weight_id)) changed++;
    }
    return changed;
  }

  async function updateCalibration(db: pg.PoolClient, input: Input<'updateCalibration'>): Promise<number> {
    const group = await requireSector(db, input.focus_group_id, true);
    const changed = await setCalibration(
      db,
      group,
      input.parameter_name,
      input.value,
      input.rationale,
      input.calibration_id,
    );
    return changed ? 1 : 0;
  }

  async function addCalibration(db: pg.PoolClient, input: Input<'addCalibration'>): Promise<void> {
    const group = await requireSector(db, input.focus_group_id, true);
    const existing = await db.query(
      'SELECT 1 FROM focus_group_calibrations WHERE focus_group_id = $1 AND parameter_name = $2 AND is_current',
      [input.focus_group_id, input.parameter_name],
    );
    if (existing.rows.length > 0) throw calibrationExists(group.group_name, input.parameter_name);
    await db.query(insertCalibration, [
      input.focus_group_id,
      input.parameter_name,
      input.value,
      input.parameter_type,
      input.description,
      input.rationale,
      today(),
    ]);
  }

  async function revert(db: pg.PoolClient, input: Input<'revert'>): Promise<void> {
    const group = await requireSector(db, input.focus_group_id, true);
    const columns = input.kind === 'weight' ? weightVersionColumns : calibrationVersionColumns;
    const where =
      input.kind === 'weight'
        ? 'FROM focus_group_dimension_weights WHERE weight_id = $1 AND focus_group_id = $2'
        : 'FROM focus_group_calibrations WHERE calibration_id = $1 AND focus_group_id = $2';
    const { rows } = await db.query<VersionRow>(`SELECT ${columns} ${where}`, [
      input.version_id,
      input.focus_group_id,
    ]);
    const change = revertChange(group, input, rows[0]);
    const changed =
      input.kind === 'weight'
        ? await setWeight(
            db,
            group.focus_group_id,
            requireDimension(await dimensions(db), change.key),
            change.value,
            change.rationale,
            input.current_id,
          )
        : await setCalibration(db, group, change.key, change.value, change.rationale, input.current_id);
    if (!changed) throw nothingToRevert(change.shown);
  }

  /** The document's differences, read with `db` (inside the import's transaction when applying). */
  async function differences(db: Db, document: ConfigDocument) {
    const sectors = await listSectors(db);
    const known = new Set(sectors.map((s) => s.focus_group_id));
    const current = new Map<string, SectorDetails>();
    for (const sector of document.sectors) {
      const id = sector.focus_group_id;
      if (known.has(id) && !current.has(id)) current.set(id, await details(db, id, null));
    }
    return importDifferences(document, {
      sectors,
      dimensions: await dimensions(db),
      details: (id) => {
        const found = current.get(id);
        if (!found) throw new Error(`details of ${id} were not read`);
        return found;
      },
    });
  }

  async function importDocument(db: pg.PoolClient, document: ConfigDocument) {
    // Every sector the document names, in one order, so that two imports never wait for each other.
    const ids = [...new Set(document.sectors.map((s) => s.focus_group_id))].sort();
    await db.query(
      'SELECT 1 FROM focus_groups WHERE focus_group_id = ANY($1) ORDER BY focus_group_id FOR NO KEY UPDATE',
      [ids],
    );
    const preview = await differences(db, document);
    for (const step of importSteps(document, preview)) {
      if (step.kind === 'weights') await updateWeights(db, step.input);
      else if (step.kind === 'add') await addCalibration(db, step.input);
      else await updateCalibration(db, step.input);
    }
    return preview;
  }

  const write =
    <I, R>(work: (db: pg.PoolClient, input: I) => Promise<R>) =>
    (input: I) =>
      withSchema(() => inTransaction(pool, (db) => work(db, input)));

  return {
    listSectors: () => withSchema(() => listSectors(pool)),
    listDimensions: () =>
      withSchema(async () => (await dimensions(pool)).map(({ description: _, ...d }) => d)),
    loadSectorConfig: (id, asOf) =>
      withSchema(async () => (await snapshot(pool, (db) => load(db, id, asOf ?? null))).config),
    loadSectorDetails: (id, asOf) => withSchema(() => snapshot(pool, (db) => details(db, id, asOf ?? null))),
    history: (id) =>
      withSchema(() =>
        snapshot(pool, async (db) => {
          const group = await requireSector(db, id);
          const versions = (sql: string) => db.query<VersionRow>(sql, [id]).then((r) => r.rows);
          return sectorHistory(
            group,
            await dimensions(db),
            await versions(
              `SELECT ${weightVersionColumns} FROM focus_group_dimension_weights WHERE focus_group_id = $1
               ORDER BY effective_from, weight_id`,
            ),
            await versions(
              `SELECT ${calibrationVersionColumns} FROM focus_group_calibrations WHERE focus_group_id = $1
               ORDER BY parameter_name COLLATE "C", effective_from, calibration_id`,
            ),
          );
        }),
      ),
    updateWeights: write(updateWeights),
    updateCalibration: write(updateCalibration),
    addCalibration: write(addCalibration),
    revert: write(revert),
    exportDocument: (focusGroupId) =>
      withSchema(() =>
        snapshot(pool, async (db) => {
          const ids =
            focusGroupId === null ? (await listSectors(db)).map((s) => s.focus_group_id) : [focusGroupId];
          const all: SectorDetails[] = [];
          for (const id of ids) all.push(await details(db, id, null));
          return shareDocument(all);
        }),
      ),
    previewImport: async (text) => {
      const document = parseConfigDocument(text);
      return withSchema(() => snapshot(pool, (db) => differences(db, document)));
    },
    importDocument: async (text) => {
      const document = parseConfigDocument(text);
      return write(importDocument)(document);
    },
  };
}

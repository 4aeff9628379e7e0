import type { ConfigDocument } from '../../shared/config-document';
import type { ConfigItemKind, Sector, SectorConfigJson, SectorDetails } from '../../shared/domain';
import type {
  CalibrationEdit,
  ConfigReads,
  ConfigRepository,
  ConfigWrites,
  NewCalibration,
  RevertRequest,
  WeightsEdit,
} from '../port';
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
} from './config-rules';
import { importDifferences, importSteps, parseConfigDocument, shareDocument } from './config-share';
import type { SqlEngine, SqlSession } from './sql';

/** What the statements read, the same on both engines (the tables are the seed's); $1 is the sector. */
export const configSelects = {
  sector:
    'SELECT focus_group_id, platform, group_name, group_code, display_order, is_active FROM focus_groups',
  dimension:
    'SELECT dimension_id, dimension_name, dimension_code, display_order, description FROM dimensions',
  weight: `SELECT weight_id, dimension_id, weight, weight_rationale AS rationale, effective_from
    FROM focus_group_dimension_weights`,
  calibration: `SELECT calibration_id, parameter_name, parameter_value AS value, parameter_type, description,
    rationale, effective_from FROM focus_group_calibrations`,
  weightVersion: `SELECT weight_id AS version_id, dimension_id AS key, weight AS value, effective_from, effective_to,
    is_current, weight_rationale AS rationale FROM focus_group_dimension_weights`,
  calibrationVersion: `SELECT calibration_id AS version_id, parameter_name AS key, parameter_value AS value,
    effective_from, effective_to, is_current, rationale FROM focus_group_calibrations`,
};

/** In force on the day $2. */
const inForce = 'effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)';

/** The statements whose text is the same on both engines. */
const commonSql = {
  sector: `${configSelects.sector} WHERE focus_group_id = $1`,
  anySector: 'SELECT 1 AS found FROM focus_groups LIMIT 1',
  weightsOn: `${configSelects.weight} WHERE focus_group_id = $1 AND ${inForce}`,
  calibrationsOn: `${configSelects.calibration} WHERE focus_group_id = $1 AND ${inForce} ORDER BY calibration_id`,
  weightVersions: `${configSelects.weightVersion} WHERE focus_group_id = $1 ORDER BY effective_from, weight_id`,
  weightVersion: `${configSelects.weightVersion} WHERE weight_id = $1 AND focus_group_id = $2`,
  calibrationVersion: `${configSelects.calibrationVersion} WHERE calibration_id = $1 AND focus_group_id = $2`,
  insertWeight: `INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from) VALUES ($1, $2, $3, $4, $5)`,
  insertCalibration: `INSERT INTO focus_group_calibrations
    (focus_group_id, parameter_name, parameter_value, parameter_type, description, rationale, effective_from)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
};

/** What each engine writes its own way (placeholders are $1, $2, … on both). */
export type EngineConfigSql = Omit<ConfigSql, keyof typeof commonSql>;

/**
 * The statements of the configuration repository: the same names, bound parameters in the same order
 * and the same columns back on every engine. Where the text differs (boolean literals, collations,
 * row locks, how a revision takes the next version id) each engine writes its own.
 */
interface ConfigSql {
  /** focus_group_id, platform, group_name, group_code, display_order, is_active; by display order. */
  sectors: string;
  /** (focus_group_id) */
  sector: string;
  /** (focus_group_id) The same, as the first statement of a write: PostgreSQL locks the row. */
  sectorForWrite: string;
  anySector: string;
  /** dimension_id, dimension_name, dimension_code, display_order, description; by display order. */
  dimensions: string;
  /** (focus_group_id) WeightRow */
  currentWeights: string;
  /** (focus_group_id, day) WeightRow in force that day */
  weightsOn: string;
  /** (focus_group_id) CalibrationRow by calibration_id */
  currentCalibrations: string;
  /** (focus_group_id, day) */
  calibrationsOn: string;
  /** (focus_group_id) VersionRow by effective_from, weight_id */
  weightVersions: string;
  /** (focus_group_id) VersionRow by parameter_name, effective_from, calibration_id */
  calibrationVersions: string;
  /** (version_id, focus_group_id) */
  weightVersion: string;
  calibrationVersion: string;
  /** (focus_group_id, dimension_id) CurrentRow of the current weight; PostgreSQL locks it. */
  currentWeight: string;
  /** (focus_group_id, parameter_name) CurrentRow with parameter_type and description. */
  currentCalibration: string;
  /** (id, value, rationale) A revision of today's row is a new version: it takes the next id. */
  reviseWeight: string;
  reviseCalibration: string;
  /** (id, day) */
  closeWeight: string;
  closeCalibration: string;
  /** (focus_group_id, dimension_id, value, rationale, day) */
  insertWeight: string;
  /** (focus_group_id, parameter_name, value, parameter_type, description, rationale, day) */
  insertCalibration: string;
}

type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: boolean | number };
type GroupRow = Stored<Sector, 'is_active'>;
type CalibrationCurrent = CurrentRow & Pick<CalibrationRow, 'parameter_type' | 'description'>;

/** SQLite stores booleans as 0 and 1, PostgreSQL as booleans: the screens get booleans. */
const sector = (row: GroupRow): Sector => ({ ...row, is_active: Boolean(row.is_active) });
const version = (row: Stored<VersionRow, 'is_current'>): VersionRow => ({
  ...row,
  is_current: Boolean(row.is_current),
});

/**
 * The configuration repository on any engine: effective dating, the optimistic version check,
 * reverts and share documents (rules in config-rules.ts and config-share.ts). Every read of several
 * statements sees one snapshot; every write is one transaction whose first statement reads (and on
 * PostgreSQL locks) its sector, so that writers of one sector take turns.
 */
export function configRepository(
  engine: SqlEngine,
  engineSql: EngineConfigSql,
  options: ConfigRepositoryOptions = {},
): { reads: ConfigReads; writes: ConfigWrites } {
  const sql: ConfigSql = { ...commonSql, ...engineSql };
  const today = options.today ?? utcToday;

  const listSectors = async (db: SqlSession) => (await db.rows<GroupRow>(sql.sectors)).map(sector);
  const dimensions = (db: SqlSession) => db.rows<DimensionRow>(sql.dimensions);

  async function requireSector(db: SqlSession, id: string, forWrite = false): Promise<Sector> {
    const row = await db.row<GroupRow>(forWrite ? sql.sectorForWrite : sql.sector, [id]);
    if (row) return sector(row);
    throw unknownSector(id, (await db.row(sql.anySector)) !== undefined);
  }

  async function load(db: SqlSession, id: string, asOf: string | null) {
    const group = await requireSector(db, id);
    const params = asOf === null ? [id] : [id, asOf];
    return sectorDetails(
      group,
      await dimensions(db),
      await db.rows<WeightRow>(asOf === null ? sql.currentWeights : sql.weightsOn, params),
      await db.rows<CalibrationRow>(asOf === null ? sql.currentCalibrations : sql.calibrationsOn, params),
      asOf,
    );
  }

  async function details(db: SqlSession, id: string, asOf: string | null): Promise<SectorDetails> {
    const { config, weights, calibrations } = await load(db, id, asOf);
    return { config: config.toJSON(), weights, calibrations };
  }

  /** Closes the current row and inserts today's, or revises today's; false when nothing changes. */
  async function supersede(
    db: SqlSession,
    kind: ConfigItemKind,
    current: CurrentRow | undefined,
    value: number,
    rationale: string,
    insert: (day: string) => Promise<void>,
  ): Promise<boolean> {
    const day = today();
    const step = supersedeStep(current, value, day);
    if (step === 'none') return false;
    if (step === 'revise' && current) {
      await db.run(kind === 'weight' ? sql.reviseWeight : sql.reviseCalibration, [
        current.id,
        value,
        rationale,
      ]);
      return true;
    }
    if (current) await db.run(kind === 'weight' ? sql.closeWeight : sql.closeCalibration, [current.id, day]);
    await insert(day);
    return true;
  }

  async function setWeight(
    db: SqlSession,
    id: string,
    dimension: DimensionRow,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const current = await db.row<CurrentRow>(sql.currentWeight, [id, dimension.dimension_id]);
    requireVersion(expected, current, 'weight', dimension.dimension_name);
    return supersede(db, 'weight', current, value, rationale, (day) =>
      db.run(sql.insertWeight, [id, dimension.dimension_id, value, rationale, day]),
    );
  }

  async function setCalibration(
    db: SqlSession,
    group: Sector,
    name: string,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const current = await db.row<CalibrationCurrent>(sql.currentCalibration, [group.focus_group_id, name]);
    if (!current) throw noCalibration(group.group_name, name);
    requireVersion(expected, current, 'calibration', name);
    return supersede(db, 'calibration', current, value, rationale, (day) =>
      db.run(sql.insertCalibration, [
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

  async function updateWeights(db: SqlSession, input: WeightsEdit): Promise<number> {
    await requireSector(db, input.focus_group_id, true);
    let changed = 0;
    for (const { dimension, weight, weight_id } of weightEdits(await dimensions(db), input.weights)) {
      if (await setWeight(db, input.focus_group_id, dimension, weight, input.rationale, weight_id)) changed++;
    }
    return changed;
  }

  async function updateCalibration(db: SqlSession, input: CalibrationEdit): Promise<number> {
    const group = await requireSector(db, input.focus_group_id, true);
    const { parameter_name, value, rationale, calibration_id } = input;
    return (await setCalibration(db, group, parameter_name, value, rationale, calibration_id)) ? 1 : 0;
  }

  async function addCalibration(db: SqlSession, input: NewCalibration): Promise<void> {
    const group = await requireSector(db, input.focus_group_id, true);
    if (await db.row(sql.currentCalibration, [input.focus_group_id, input.parameter_name])) {
      throw calibrationExists(group.group_name, input.parameter_name);
    }
    await db.run(sql.insertCalibration, [
      input.focus_group_id,
      input.parameter_name,
      input.value,
      input.parameter_type,
      input.description,
      input.rationale,
      today(),
    ]);
  }

  async function revert(db: SqlSession, input: RevertRequest): Promise<void> {
    const group = await requireSector(db, input.focus_group_id, true);
    const row = await db.row<Stored<VersionRow, 'is_current'>>(
      input.kind === 'weight' ? sql.weightVersion : sql.calibrationVersion,
      [input.version_id, input.focus_group_id],
    );
    const change = revertChange(group, input, row && version(row));
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
  async function differences(db: SqlSession, document: ConfigDocument) {
    const sectors = await listSectors(db);
    const known = new Set(sectors.map((s) => s.focus_group_id));
    const current = new Map<string, SectorDetails>();
    for (const { focus_group_id: id } of document.sectors) {
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

  async function importDocument(db: SqlSession, document: ConfigDocument) {
    // Every sector the document names, in one order, so that two imports never wait for each other.
    const ids = [...new Set(document.sectors.map((s) => s.focus_group_id))].sort();
    for (const id of ids) await db.row(sql.sectorForWrite, [id]);
    const preview = await differences(db, document);
    for (const step of importSteps(document, preview)) {
      if (step.kind === 'weights') await updateWeights(db, step.input);
      else if (step.kind === 'add') await addCalibration(db, step.input);
      else await updateCalibration(db, step.input);
    }
    return preview;
  }

  const write =
    <I, R>(work: (db: SqlSession, input: I) => Promise<R>) =>
    (input: I) =>
      engine.write((db) => work(db, input));

  const reads: ConfigReads = {
    listSectors: () => engine.read(listSectors),
    listDimensions: () =>
      engine.read(async (db) => (await dimensions(db)).map(({ description: _, ...d }) => d)),
    loadSectorConfig: (id, asOf): Promise<SectorConfigJson> =>
      engine.read(async (db) => (await load(db, id, asOf ?? null)).config.toJSON()),
    loadSectorDetails: (id, asOf) => engine.read((db) => details(db, id, asOf ?? null)),
    history: (id) =>
      engine.read(async (db) => {
        const group = await requireSector(db, id);
        const versions = async (statement: string) =>
          (await db.rows<Stored<VersionRow, 'is_current'>>(statement, [id])).map(version);
        return sectorHistory(
          group,
          await dimensions(db),
          await versions(sql.weightVersions),
          await versions(sql.calibrationVersions),
        );
      }),
    exportDocument: (sectorId) =>
      engine.read(async (db) => {
        const ids = sectorId === null ? (await listSectors(db)).map((s) => s.focus_group_id) : [sectorId];
        const all: SectorDetails[] = [];
        for (const id of ids) all.push(await details(db, id, null));
        return shareDocument(all);
      }),
    previewImport: async (text) => {
      const document = parseConfigDocument(text);
      return engine.read((db) => differences(db, document));
    },
  };
  const writes: ConfigWrites = {
    updateWeights: write(updateWeights),
    updateCalibration: write(updateCalibration),
    addCalibration: write(addCalibration),
    revert: write(revert),
    importDocument: async (text) => write(importDocument)(parseConfigDocument(text)),
  };
  return { reads, writes };
}

/** Both halves as one repository, for callers that need not know which connection answers what. */
export function joined(repository: { reads: ConfigReads; writes: ConfigWrites }): ConfigRepository {
  return { ...repository.reads, ...repository.writes };
}

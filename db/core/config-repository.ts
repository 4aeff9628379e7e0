import type { AsOf } from '../../shared/as-of';
import { futureProblem } from '../../shared/as-of';
import { filterHistory, revertPlan } from '../../shared/change-sets';
import type { ConfigDocument } from '../../shared/config-document';
import type {
  ConfigHistory,
  ConfigItemKind,
  Sector,
  SectorConfigJson,
  SectorDetails,
} from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type {
  CalibrationEdit,
  ChangeSetRevert,
  ConfigReads,
  ConfigRepository,
  ConfigWrites,
  ImportRequest,
  LockWait,
  NewCalibration,
  RevertRequest,
  Saved,
  WeightsEdit,
} from '../port';
import { changeSetSql, type ChangeSetDraft, type PendingChangeSet } from './change-set-sql';
import {
  beforeFirstVersion,
  calibrationExists,
  effectiveDay,
  noCalibration,
  nothingToRevert,
  requireDimension,
  requireVersion,
  revertChange,
  sectorDetails,
  sectorHistory,
  unknownSector,
  weightEdits,
  type CalibrationRow,
  type ChangeSetRow,
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
  weight: `SELECT w.weight_id, w.dimension_id, w.weight, w.weight_rationale AS rationale, w.effective_from
    FROM focus_group_dimension_weights w`,
  calibration: `SELECT c.calibration_id, c.parameter_name, c.parameter_value AS value, c.parameter_type,
    c.description, c.rationale, c.effective_from FROM focus_group_calibrations c`,
  weightVersion: `SELECT w.weight_id AS version_id, w.dimension_id AS key, w.weight AS value, w.effective_from,
    w.effective_to, w.is_current, w.weight_rationale AS rationale, w.change_set_id, s.made_at, s.author
    FROM focus_group_dimension_weights w JOIN config_change_sets s ON s.change_set_id = w.change_set_id`,
  calibrationVersion: `SELECT c.calibration_id AS version_id, c.parameter_name AS key, c.parameter_value AS value,
    c.effective_from, c.effective_to, c.is_current, c.rationale, c.change_set_id, s.made_at, s.author
    FROM focus_group_calibrations c JOIN config_change_sets s ON s.change_set_id = c.change_set_id`,
};

/** In force at the instant $2: each item's version of the latest change set made by then. */
const inForceAt = (table: string, alias: 'w' | 'c', item: string) =>
  `${alias}.focus_group_id = $1 AND ${alias}.change_set_id = (
    SELECT max(v.change_set_id) FROM ${table} v JOIN config_change_sets s ON s.change_set_id = v.change_set_id
    WHERE v.focus_group_id = $1 AND v.${item} = ${alias}.${item} AND s.made_at <= $2)`;

/** The statements whose text is the same on both engines. */
const commonSql = {
  ...changeSetSql,
  sector: `${configSelects.sector} WHERE focus_group_id = $1`,
  anySector: 'SELECT 1 AS found FROM focus_groups LIMIT 1',
  weightsAt: `${configSelects.weight} WHERE ${inForceAt('focus_group_dimension_weights', 'w', 'dimension_id')}`,
  calibrationsAt: `${configSelects.calibration}
    WHERE ${inForceAt('focus_group_calibrations', 'c', 'parameter_name')} ORDER BY c.calibration_id`,
  weightVersions: `${configSelects.weightVersion} WHERE w.focus_group_id = $1 ORDER BY w.change_set_id, w.weight_id`,
  weightVersion: `${configSelects.weightVersion} WHERE w.weight_id = $1 AND w.focus_group_id = $2`,
  calibrationVersion: `${configSelects.calibrationVersion} WHERE c.calibration_id = $1 AND c.focus_group_id = $2`,
  insertWeight: `INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from, change_set_id)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  insertCalibration: `INSERT INTO focus_group_calibrations (focus_group_id, parameter_name, parameter_value,
    parameter_type, description, rationale, effective_from, change_set_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
};

/** What each engine writes its own way (placeholders are $1, $2, … on both). */
export type EngineConfigSql = Omit<ConfigSql, keyof typeof commonSql>;

/**
 * The statements of the configuration repository: the same names, bound parameters in the same order
 * and the same columns back on every engine. Where the text differs (boolean literals, collations,
 * row locks, the clock) each engine writes its own.
 */
interface ConfigSql extends Record<keyof typeof changeSetSql, string> {
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
  /** (focus_group_id, instant) WeightRow in force then */
  weightsAt: string;
  /** (focus_group_id) CalibrationRow by calibration_id */
  currentCalibrations: string;
  /** (focus_group_id, instant) */
  calibrationsAt: string;
  /** (focus_group_id) VersionRow by change set */
  weightVersions: string;
  /** (focus_group_id) VersionRow by parameter_name, change set */
  calibrationVersions: string;
  /** (version_id, focus_group_id) */
  weightVersion: string;
  calibrationVersion: string;
  /** (focus_group_id, dimension_id) CurrentRow of the current weight; PostgreSQL locks it. */
  currentWeight: string;
  /** (focus_group_id, parameter_name) CurrentRow with parameter_type and description. */
  currentCalibration: string;
  /** (id, day) The one update a version ever gets: closing it. */
  closeWeight: string;
  closeCalibration: string;
  /** (focus_group_id, dimension_id, value, rationale, day, change_set_id) */
  insertWeight: string;
  /** (focus_group_id, parameter_name, value, parameter_type, description, rationale, day, change_set_id) */
  insertCalibration: string;
  /** now: the database's clock, UTC to the millisecond (YYYY-MM-DDTHH:MM:SS.sssZ). */
  now: string;
}

type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: boolean | number };
type GroupRow = Stored<Sector, 'is_active'>;
type CalibrationCurrent = CurrentRow & Pick<CalibrationRow, 'parameter_type' | 'description'>;
type Unauthored<T> = Omit<T, 'author'>;

/** SQLite stores booleans as 0 and 1, PostgreSQL as booleans: the screens get booleans. */
const sector = (row: GroupRow): Sector => ({ ...row, is_active: Boolean(row.is_active) });
const version = (row: Stored<VersionRow, 'is_current'>): VersionRow => ({
  ...row,
  is_current: Boolean(row.is_current),
});

const staleRevert = (group: Sector, seen: number, latest: number | undefined) =>
  new AppError(
    'CONFLICT',
    `${group.group_name} changed since you looked (change set #${latest ?? seen} is newer than #${seen}); nothing was reverted. History shows it now.`,
  );

/**
 * The configuration repository on any engine: change sets, effective dating, the optimistic
 * version check, reverts and share documents (rules in config-rules.ts and config-share.ts). Every
 * read of several statements sees one snapshot; every write is one transaction whose first
 * statement reads (and on PostgreSQL locks) its sector, so that writers of one sector take turns.
 * A write only ever inserts, and closes the versions it replaces.
 */
export function configRepository(
  engine: SqlEngine,
  engineSql: EngineConfigSql,
  options: ConfigRepositoryOptions = {},
): { reads: ConfigReads; writes: ConfigWrites } {
  const sql: ConfigSql = { ...commonSql, ...engineSql };

  const listSectors = async (db: SqlSession) => (await db.rows<GroupRow>(sql.sectors)).map(sector);
  const dimensions = (db: SqlSession) => db.rows<DimensionRow>(sql.dimensions);
  const clock = async (db: SqlSession) =>
    options.now?.() ?? (await db.row<{ now: string }>(sql.now))?.now ?? new Date().toISOString();

  async function requireSector(db: SqlSession, id: string, forWrite = false): Promise<Sector> {
    const row = await db.row<GroupRow>(forWrite ? sql.sectorForWrite : sql.sector, [id]);
    if (row) return sector(row);
    throw unknownSector(id, (await db.row(sql.anySector)) !== undefined);
  }

  async function load(db: SqlSession, id: string, asOf: AsOf | null) {
    const group = await requireSector(db, id);
    if (asOf === null) {
      return sectorDetails(
        group,
        await dimensions(db),
        await db.rows<WeightRow>(sql.currentWeights, [id]),
        await db.rows<CalibrationRow>(sql.currentCalibrations, [id]),
        null,
      );
    }
    const future = futureProblem(asOf, await clock(db));
    if (future !== null) throw new AppError('INVALID_INPUT', future);
    const weights = await db.rows<WeightRow>(sql.weightsAt, [id, asOf.at]);
    const calibrations = await db.rows<CalibrationRow>(sql.calibrationsAt, [id, asOf.at]);
    if (weights.length === 0 && calibrations.length === 0) {
      const first = await db.row<{ first: string | null }>(sql.firstChangeSet, [id]);
      throw beforeFirstVersion(group, asOf, first?.first ?? null);
    }
    return sectorDetails(group, await dimensions(db), weights, calibrations, asOf);
  }

  async function details(db: SqlSession, id: string, asOf: AsOf | null): Promise<SectorDetails> {
    const { config, weights, calibrations } = await load(db, id, asOf);
    return { config: config.toJSON(), weights, calibrations };
  }

  async function readHistory(db: SqlSession, group: Sector): Promise<ConfigHistory> {
    const id = group.focus_group_id;
    const versions = async (statement: string) =>
      (await db.rows<Stored<VersionRow, 'is_current'>>(statement, [id])).map(version);
    return sectorHistory(
      group,
      await dimensions(db),
      await versions(sql.weightVersions),
      await versions(sql.calibrationVersions),
      await db.rows<ChangeSetRow>(sql.changeSets, [id]),
    );
  }

  /** The write's change set, made with its first changed value (a write that changes nothing makes none). */
  async function changeSetOf(db: SqlSession, pending: PendingChangeSet): Promise<{ id: number; at: string }> {
    if (pending.made !== null) return pending.made;
    const sectorId = pending.group.focus_group_id;
    const last = await db.row<{ made_at: string }>(sql.lastChangeSet, [sectorId]);
    const now = await clock(db);
    // Never before the sector's previous change set, so that their order holds though a clock steps back.
    const at = last !== undefined && last.made_at > now ? last.made_at : now;
    const { kind, author, rationale, reverts } = pending.draft;
    const row = await db.row<{ change_set_id: number }>(sql.insertChangeSet, [
      sectorId,
      at,
      author,
      rationale,
      kind,
      reverts,
    ]);
    if (row === undefined) throw new Error('The change set was not inserted');
    pending.made = { id: row.change_set_id, at };
    return pending.made;
  }

  const pendingFor = (group: Sector, draft: ChangeSetDraft): PendingChangeSet => ({
    group,
    draft,
    made: null,
  });
  const saved = (pending: PendingChangeSet, changed: number): Saved => ({
    changed,
    change_set_id: pending.made?.id ?? null,
  });

  /** Closes the current version and adds the new one in the write's change set; false when nothing changes. */
  async function supersede(
    db: SqlSession,
    pending: PendingChangeSet,
    kind: ConfigItemKind,
    current: CurrentRow | undefined,
    value: number,
    insert: (changeSetId: number, day: string) => Promise<void>,
  ): Promise<boolean> {
    if (current?.value === value) return false;
    const set = await changeSetOf(db, pending);
    const day = effectiveDay(set.at, current);
    if (current) await db.run(kind === 'weight' ? sql.closeWeight : sql.closeCalibration, [current.id, day]);
    await insert(set.id, day);
    return true;
  }

  async function setWeight(
    db: SqlSession,
    pending: PendingChangeSet,
    dimension: DimensionRow,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const id = pending.group.focus_group_id;
    const current = await db.row<CurrentRow>(sql.currentWeight, [id, dimension.dimension_id]);
    requireVersion(expected, current, 'weight', dimension.dimension_name);
    return supersede(db, pending, 'weight', current, value, (setId, day) =>
      db.run(sql.insertWeight, [id, dimension.dimension_id, value, rationale, day, setId]),
    );
  }

  async function setCalibration(
    db: SqlSession,
    pending: PendingChangeSet,
    name: string,
    value: number,
    rationale: string,
    expected?: number,
  ): Promise<boolean> {
    const { group } = pending;
    const current = await db.row<CalibrationCurrent>(sql.currentCalibration, [group.focus_group_id, name]);
    if (!current) throw noCalibration(group.group_name, name);
    requireVersion(expected, current, 'calibration', name);
    const { parameter_type, description } = current;
    return supersede(db, pending, 'calibration', current, value, (setId, day) =>
      db.run(sql.insertCalibration, [
        group.focus_group_id,
        name,
        value,
        parameter_type,
        description,
        rationale,
        day,
        setId,
      ]),
    );
  }

  async function weightsIn(db: SqlSession, pending: PendingChangeSet, input: Unauthored<WeightsEdit>) {
    let changed = 0;
    for (const { dimension, weight, weight_id } of weightEdits(await dimensions(db), input.weights)) {
      if (await setWeight(db, pending, dimension, weight, input.rationale, weight_id)) changed++;
    }
    return changed;
  }

  async function calibrationIn(
    db: SqlSession,
    pending: PendingChangeSet,
    input: Unauthored<CalibrationEdit>,
  ) {
    const { parameter_name, value, rationale, calibration_id } = input;
    return (await setCalibration(db, pending, parameter_name, value, rationale, calibration_id)) ? 1 : 0;
  }

  async function addIn(db: SqlSession, pending: PendingChangeSet, input: Unauthored<NewCalibration>) {
    if (await db.row(sql.currentCalibration, [input.focus_group_id, input.parameter_name])) {
      throw calibrationExists(pending.group.group_name, input.parameter_name);
    }
    const set = await changeSetOf(db, pending);
    await db.run(sql.insertCalibration, [
      input.focus_group_id,
      input.parameter_name,
      input.value,
      input.parameter_type,
      input.description,
      input.rationale,
      set.at.slice(0, 10),
      set.id,
    ]);
  }

  /** A write of one sector: its row locked first, one change set of `kind` by the input's author. */
  const edit =
    <I extends { focus_group_id: string; author: string; rationale: string }>(
      kind: ChangeSetDraft['kind'],
      work: (db: SqlSession, pending: PendingChangeSet, input: I) => Promise<number>,
    ) =>
    async (db: SqlSession, input: I): Promise<Saved> => {
      const group = await requireSector(db, input.focus_group_id, true);
      const { author, rationale } = input;
      const pending = pendingFor(group, { kind, author, rationale, reverts: null });
      return saved(pending, await work(db, pending, input));
    };

  const updateWeights = edit<WeightsEdit>('edit', weightsIn);
  const updateCalibration = edit<CalibrationEdit>('edit', calibrationIn);
  const addCalibration = edit<NewCalibration>('edit', async (db, pending, input) => {
    await addIn(db, pending, input);
    return 1;
  });

  const revert = edit<RevertRequest>('revert', async (db, pending, input) => {
    const { group } = pending;
    const row = await db.row<Stored<VersionRow, 'is_current'>>(
      input.kind === 'weight' ? sql.weightVersion : sql.calibrationVersion,
      [input.version_id, input.focus_group_id],
    );
    const change = revertChange(group, input, row && version(row));
    const changed =
      input.kind === 'weight'
        ? await setWeight(
            db,
            pending,
            requireDimension(await dimensions(db), change.key),
            change.value,
            change.rationale,
            input.current_id,
          )
        : await setCalibration(db, pending, change.key, change.value, change.rationale, input.current_id);
    if (!changed) throw nothingToRevert(change.shown);
    return 1;
  });

  async function revertChangeSet(db: SqlSession, input: ChangeSetRevert): Promise<Saved> {
    const group = await requireSector(db, input.focus_group_id, true);
    const history = await readHistory(db, group);
    const latest = history.change_sets.at(-1)?.change_set_id;
    const seen = input.seen_change_set_id;
    if (seen !== undefined && latest !== seen) throw staleRevert(group, seen, latest);
    const plan = revertPlan(history, input.change_set_id);
    const pending = pendingFor(group, {
      kind: 'revert_set',
      author: input.author,
      rationale: input.rationale,
      reverts: input.change_set_id,
    });
    const note = `Reverted change set #${input.change_set_id}: ${input.rationale}`;
    const all = await dimensions(db);
    for (const step of plan.steps) {
      if (step.kind === 'weight')
        await setWeight(db, pending, requireDimension(all, step.key), step.restored, note);
      else await setCalibration(db, pending, step.key, step.restored, note);
    }
    return saved(pending, plan.steps.length);
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

  /** One change set per sector the document changes, in one transaction. */
  async function importDocument(db: SqlSession, input: { document: ConfigDocument; author: string }) {
    const { document, author } = input;
    // Every sector the document names, in one order, so that two imports never wait for each other.
    const ids = [...new Set(document.sectors.map((s) => s.focus_group_id))].sort();
    const sets = new Map<string, PendingChangeSet>();
    const rationale = `Imported from a configuration file exported at ${document.exported_at}`;
    for (const id of ids) {
      const row = await db.row<GroupRow>(sql.sectorForWrite, [id]);
      if (row) sets.set(id, pendingFor(sector(row), { kind: 'import', author, rationale, reverts: null }));
    }
    // An unknown sector is refused here, in one sentence, before anything is written.
    const preview = await differences(db, document);
    const setOf = (id: string) => {
      const found = sets.get(id);
      if (!found) throw new Error(`${id} was not locked`);
      return found;
    };
    for (const step of importSteps(document, preview)) {
      const pending = setOf(step.input.focus_group_id);
      if (step.kind === 'weights') await weightsIn(db, pending, step.input);
      else if (step.kind === 'add') await addIn(db, pending, step.input);
      else await calibrationIn(db, pending, step.input);
    }
    return preview;
  }

  const write =
    <I, R>(work: (db: SqlSession, input: I) => Promise<R>) =>
    (input: I, wait?: LockWait) =>
      engine.write((db) => work(db, input), wait);

  const reads: ConfigReads = {
    listSectors: () => engine.read(listSectors),
    listDimensions: () =>
      engine.read(async (db) => (await dimensions(db)).map(({ description: _, ...d }) => d)),
    loadSectorConfig: (id, asOf): Promise<SectorConfigJson> =>
      engine.read(async (db) => (await load(db, id, asOf ?? null)).config.toJSON()),
    loadSectorDetails: (id, asOf) => engine.read((db) => details(db, id, asOf ?? null)),
    history: (id, filter = {}) =>
      engine.read(async (db) => filterHistory(await readHistory(db, await requireSector(db, id)), filter)),
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
    revertChangeSet: write(revertChangeSet),
    importDocument: async ({ text, author }: ImportRequest, wait) =>
      write(importDocument)({ document: parseConfigDocument(text), author }, wait),
  };
  return { reads, writes };
}

/** Both halves as one repository, for callers that need not know which connection answers what. */
export function joined(repository: { reads: ConfigReads; writes: ConfigWrites }): ConfigRepository {
  return { ...repository.reads, ...repository.writes };
}

/**
 * The storage port: what the backend (handlers, services) sees of a database, whichever engine
 * serves it. Every operation answers with the JSON shapes the contract sends. SQLite implements it
 * from worker threads (db/sqlite/storage.ts), PostgreSQL over a connection pool (db/pg/storage.ts).
 */
import type { AsOf } from '../shared/as-of';
import type { ConfigDocument } from '../shared/config-document';
import type {
  CalibrationType,
  ConfigHistory,
  HistoryFilter,
  ConfigItemKind,
  DemoResetResult,
  Dimension,
  Sector,
  ImportPreview,
  InsertOrgsResult,
  MigrationResult,
  OrgPage,
  OrgRow,
  SchemaInfo,
  SectorConfigJson,
  SectorDetails,
  SeedResult,
} from '../shared/domain';
import type { SavedView, ViewBody, ViewsImported } from '../shared/saved-views';
import type { StorageStatus } from './core/status';
import type { ImportOutcome } from './core/import/apply';
import type { ImportRequest as OrgImportRequest } from './core/import/run';
import type { ImportPreview as OrgImportPreview } from '../shared/org-import';
import type {
  ChangeRange,
  NewOrganization,
  OrgChanges,
  OrgDeleted,
  OrganizationEdit,
  OrgRestored,
  OrgSaved,
  OrgUpdateResult,
} from '../shared/org-edits';
import type {
  PlatformParameterVersion,
  PlatformParametersView,
  ScoreBreakdown,
  ScoreRefresh,
  SectorRanking,
  WhatIfOverrides,
  WhatIfResult,
} from '../shared/scoring';
import type { ExportRequest, OrgColumn, OrgFilter, OrgQuery, OrgRows, OrgWindow } from '../shared/org-query';
import type { OrgFacets, OrgFacetsRequest } from '../shared/org-facets';

/** Reading the sector configurations (each from one snapshot). */
export interface ConfigReads {
  listSectors(): Promise<Sector[]>;
  listDimensions(): Promise<Dimension[]>;
  /**
   * The configuration in force now, or at `asOf`. Rejects with AppError NOT_FOUND for an unknown
   * sector (or a moment before its first change set), INVALID_INPUT for a moment in the future,
   * NOT_SEEDED before seeding.
   */
  loadSectorConfig(sectorId: string, asOf?: AsOf | null): Promise<SectorConfigJson>;
  /** The same with each weight's and calibration's rationale, description, type and date. */
  loadSectorDetails(sectorId: string, asOf?: AsOf | null): Promise<SectorDetails>;
  /** Every change set and version of the sector's weights and calibrations, oldest first. */
  history(sectorId: string, filter?: HistoryFilter): Promise<ConfigHistory>;
  /** The share document of one sector, or of all when null. */
  exportDocument(sectorId: string | null): Promise<ConfigDocument>;
  /** What importing the document would change; rejects a bad file with INVALID_INPUT in one sentence. */
  previewImport(text: string): Promise<ImportPreview>;
}

/** Who makes a change: every write names its author, which its change set keeps. */
interface Authored {
  author: string;
}

/** Weights of one sector; each `weight_id` is the version the editor showed. */
export interface WeightsEdit extends Authored {
  focus_group_id: string;
  weights: { dimension_code: string; weight: number; weight_id?: number | undefined }[];
  rationale: string;
}

/** One calibration's new value; `calibration_id` is the version the editor showed. */
export interface CalibrationEdit extends Authored {
  focus_group_id: string;
  parameter_name: string;
  value: number;
  rationale: string;
  calibration_id?: number | undefined;
}

export interface NewCalibration extends Authored {
  focus_group_id: string;
  parameter_name: string;
  parameter_type: CalibrationType;
  description: string;
  value: number;
  rationale: string;
}

export interface RevertRequest extends Authored {
  focus_group_id: string;
  kind: ConfigItemKind;
  version_id: number;
  /** The version current on the analyst's screen: CONFLICT when another is current by now. */
  current_id?: number | undefined;
  rationale: string;
}

export interface ChangeSetRevert extends Authored {
  focus_group_id: string;
  change_set_id: number;
  /** The newest change set on the analyst's screen: CONFLICT when the sector has a newer one. */
  seen_change_set_id?: number | undefined;
  rationale: string;
}

export interface ImportRequest extends Authored {
  text: string;
}

/** What a write made: how many values changed, in which change set (null when none changed). */
export interface Saved {
  changed: number;
  change_set_id: number | null;
}

/**
 * How a write waits for another process's lock: it reports the time waited (about once a second)
 * and gives up with CANCELLED when `signal` aborts, or with BUSY after the engine's limit.
 */
export interface LockWait {
  signal?: AbortSignal | undefined;
  onWait?: ((waitedMs: number) => void) | undefined;
}

/**
 * Changing them: each call one transaction and one change set (per sector), never an update of
 * what is recorded. A changed value closes its current version and adds one; the same value again
 * changes nothing and makes no change set.
 */
export interface ConfigWrites {
  /**
   * Sets weights of one sector. A weight given with `weight_id` is saved only while that version is
   * still the current one: otherwise nothing is saved and it rejects with CONFLICT naming the new value.
   */
  updateWeights(input: WeightsEdit, wait?: LockWait): Promise<Saved>;
  /**
   * Rejects with NOT_FOUND for a parameter the sector does not have (adding is its own action), and
   * with CONFLICT when `calibration_id` is no longer the current version.
   */
  updateCalibration(input: CalibrationEdit, wait?: LockWait): Promise<Saved>;
  /** Rejects with CONFLICT when the sector already has the parameter. */
  addCalibration(input: NewCalibration, wait?: LockWait): Promise<Saved>;
  /** Makes an earlier version's value current again as a new version. */
  revert(input: RevertRequest, wait?: LockWait): Promise<Saved>;
  /** Sets every value a change set changed back to its value before it, as a new change set. */
  revertChangeSet(input: ChangeSetRevert, wait?: LockWait): Promise<Saved>;
  /** Applies the document's differences in one transaction (a change set per sector); resolves to what it changed. */
  importDocument(input: ImportRequest, wait?: LockWait): Promise<ImportPreview>;
}

/** The sector configurations: what the configuration service and its handlers need. */
export type ConfigRepository = ConfigReads & ConfigWrites;

/**
 * The grid's saved views, shared by every window and instance on the database. Each write answers
 * with the list as it stands after it, so that the caller shows others' saves too.
 */
export interface ViewOperations {
  /** By name, as a person reads a list. */
  listViews(): Promise<SavedView[]>;
  /** Adds the view, or replaces the one of the same name. */
  saveView(input: { name: string; view: ViewBody }): Promise<SavedView[]>;
  deleteView(name: string): Promise<SavedView[]>;
  /** Saves every view of a file in one transaction, replacing those of the same names. */
  importViews(views: { name: string; view: ViewBody }[]): Promise<ViewsImported>;
}

export interface RankingRequest {
  focus_group_id: string;
  as_of?: string | null | undefined;
  /** Only organizations of this status are shown (ranks stay those of the whole sector). */
  status?: string | null | undefined;
  /** How many of the best and of the worst. */
  limit: number;
  /** Weights that replace those in force, by dimension code (a what-if of the whole ranking). */
  weights?: Record<string, number> | undefined;
}

export interface BreakdownRequest {
  organization_id: string;
  as_of?: string | null | undefined;
}

export type WhatIfRequest = WhatIfOverrides & { focus_group_id: string };

/** One platform parameter's new value; `parameter_id` is the version the editor showed. */
export interface ParameterEdit extends Authored {
  parameter_name: string;
  value: number;
  rationale: string;
  parameter_id?: number | undefined;
}

/** The Org-AI-R scores (docs/scoring.md) and the platform parameters they use. */
export interface ScoringOperations {
  /** In force today, or on `asOf`. */
  platformParameters(asOf?: string | null): Promise<PlatformParametersView>;
  platformParameterHistory(): Promise<PlatformParameterVersion[]>;
  /** A new dated version, as for calibrations; resolves to how many values changed (0 or 1). */
  updatePlatformParameter(edit: ParameterEdit): Promise<number>;
  sectorRanking(request: RankingRequest): Promise<SectorRanking>;
  /** Rejects with NOT_FOUND for an unknown organization or one without a complete assessment. */
  scoreBreakdown(request: BreakdownRequest): Promise<ScoreBreakdown>;
  /** The sector re-scored with the overrides against its saved configuration; nothing is saved. */
  whatIf(request: WhatIfRequest): Promise<WhatIfResult>;
  /**
   * Recomputes the scores of every stale sector (the grid's Org-AI-R columns) on the writer. Storages
   * run it by themselves when a sector goes stale; the CLI runs it before it reads organizations.
   */
  refreshScores(): Promise<ScoreRefresh>;
}

/** What a long operation gets: cancel and progress. */
export interface TaskHooks {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

/** Where an export's text goes: resolves when the destination can take more. */
export type TextSink = (chunk: string) => Promise<void>;

/** An export's hooks, with where its text goes. */
export interface ExportHooks extends TaskHooks {
  sink: TextSink;
}

/**
 * Analysts' own organizations, one transaction each (db/core/org-repository.ts on both engines). Every
 * write answers the change-log range it made, so that the window that made it does not count it as
 * another's change.
 */
export interface OrganizationEdits {
  getOrganization(id: string): Promise<OrgRow | null>;
  /** Rejects with INVALID_INPUT or CONSTRAINT naming the refused field. */
  addOrganization(input: NewOrganization): Promise<OrgSaved>;
  /** Saves only while `version` is still the row's: otherwise nothing is saved and the answer is a conflict. */
  updateOrganization(edit: OrganizationEdit): Promise<OrgUpdateResult>;
  deleteOrganizations(ids: string[]): Promise<OrgDeleted>;
  /** Inserts the rows a delete answered, with their ids and values (Undo). */
  restoreOrganizations(rows: OrgRow[]): Promise<OrgRestored>;
  /** Organizations others changed since change-log position `after`, less the ranges in `own`. */
  organizationChanges(after: number, own: ChangeRange[]): Promise<OrgChanges>;
  /** Every problem of an import file and what importing it would do (db/core/import/run.ts). */
  previewOrganizationImport(request: OrgImportRequest, hooks: TaskHooks): Promise<OrgImportPreview>;
  /** Imports it in one transaction; nothing of it stays after a cancel or a refusal. */
  importOrganizations(request: OrgImportRequest, hooks: TaskHooks): Promise<ImportOutcome>;
}

/** Sectors whose configuration another process changed; null stands for every sector. */
export type ConfigChange = (string | null)[];

/**
 * Every operation a storage engine answers. Adding one means this interface, its implementation on
 * each engine, and nothing else: the SQLite worker's relay is built from the worker's own table.
 */
export interface StorageOperations
  extends ConfigRepository, OrganizationEdits, ViewOperations, ScoringOperations {
  status(): Promise<StorageStatus>;
  /** The database's own name for this connection's user (PostgreSQL's role); null on SQLite. */
  databaseUser(): Promise<string | null>;
  migrate(): Promise<MigrationResult>;
  describeSchema(): Promise<SchemaInfo>;
  seedSectorsDimensions(): Promise<SeedResult>;
  /** The reference's weights and calibrations a sector lacks, as one change set per sector by `author`. */
  seedWeightsCalibrations(input: { author: string }): Promise<SeedResult>;
  /** Replaces every row with those of the demo database `template`, in one transaction. */
  resetDemo(template: string): Promise<DemoResetResult>;
  queryOrganizations(query: OrgQuery): Promise<OrgPage>;
  countOrganizations(filter: OrgFilter): Promise<number>;
  /** Organizations per value of few-valued columns under a filter (db/core/facets.ts). */
  organizationFacets(request: OrgFacetsRequest): Promise<OrgFacets>;
  /** The view's columns with their kinds and how a sort by each runs. */
  organizationColumns(): Promise<OrgColumn[]>;
  /** Rows by position in any sort (see db/sqlite/org-positions.ts). */
  organizationRows(window: OrgWindow): Promise<OrgRows>;
  insertSampleOrganizations(
    options: { count: number; seed?: number },
    hooks: TaskHooks,
  ): Promise<InsertOrgsResult>;
  /** Writes the selection as CSV or JSON text to `hooks.sink`; a cancel stops between chunks. */
  streamOrganizations(
    request: ExportRequest,
    hooks: ExportHooks,
  ): Promise<{ rows: number; cancelled: boolean }>;
}

/**
 * What the backend needs from a database. The handlers and services only see this asynchronous
 * interface: the SQLite implementation answers from worker threads, so that no database work runs
 * on the thread that serves the UI; PostgreSQL's is asynchronous I/O on that thread.
 */
export interface Storage extends StorageOperations {
  /** The SQLite file's path, or PostgreSQL's host and database (never credentials). */
  readonly file: string;
  /**
   * Configuration changes committed by other processes (another window, the CLI, a script); `note`
   * says why when it is not simply that (such as a server that was away and may have missed some).
   */
  onExternalConfigChange(listener: (change: ConfigChange, note?: string) => void): () => void;
  close(): Promise<void>;
}

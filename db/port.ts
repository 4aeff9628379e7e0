/**
 * The storage port: what the backend (handlers, services) sees of a database, whichever engine
 * serves it. Every operation answers with the JSON shapes the contract sends. SQLite implements it
 * from worker threads (db/sqlite/storage.ts), PostgreSQL over a connection pool (db/pg/storage.ts).
 */
import type { ConfigDocument } from '../shared/config-document';
import type {
  CalibrationType,
  ConfigHistory,
  ConfigItemKind,
  DemoResetResult,
  Dimension,
  Sector,
  ImportPreview,
  InsertOrgsResult,
  MigrationResult,
  OrgPage,
  SchemaInfo,
  SectorConfigJson,
  SectorDetails,
  SeedResult,
} from '../shared/domain';
import type { StorageStatus } from './core/status';
import type {
  PlatformParameterVersion,
  PlatformParametersView,
  ScoreBreakdown,
  SectorRanking,
  WhatIfOverrides,
  WhatIfResult,
} from '../shared/scoring';
import type { ExportRequest, OrgColumn, OrgFilter, OrgQuery, OrgRows, OrgWindow } from '../shared/org-query';

/** Reading the sector configurations (each from one snapshot). */
export interface ConfigReads {
  listSectors(): Promise<Sector[]>;
  listDimensions(): Promise<Dimension[]>;
  /**
   * The configuration in force today, or on `asOf` (YYYY-MM-DD). Rejects with AppError NOT_FOUND
   * for an unknown sector (or a day before its first version), NOT_SEEDED before seeding.
   */
  loadSectorConfig(sectorId: string, asOf?: string | null): Promise<SectorConfigJson>;
  /** The same with each weight's and calibration's rationale, description, type and date. */
  loadSectorDetails(sectorId: string, asOf?: string | null): Promise<SectorDetails>;
  /** Every version of every weight and calibration of the sector. */
  history(sectorId: string): Promise<ConfigHistory>;
  /** The share document of one sector, or of all when null. */
  exportDocument(sectorId: string | null): Promise<ConfigDocument>;
  /** What importing the document would change; rejects a bad file with INVALID_INPUT in one sentence. */
  previewImport(text: string): Promise<ImportPreview>;
}

/** Weights of one sector; each `weight_id` is the version the editor showed. */
export interface WeightsEdit {
  focus_group_id: string;
  weights: { dimension_code: string; weight: number; weight_id?: number | undefined }[];
  rationale: string;
}

/** One calibration's new value; `calibration_id` is the version the editor showed. */
export interface CalibrationEdit {
  focus_group_id: string;
  parameter_name: string;
  value: number;
  rationale: string;
  calibration_id?: number | undefined;
}

export interface NewCalibration {
  focus_group_id: string;
  parameter_name: string;
  parameter_type: CalibrationType;
  description: string;
  value: number;
  rationale: string;
}

export interface RevertRequest {
  focus_group_id: string;
  kind: ConfigItemKind;
  version_id: number;
  /** The version current on the analyst's screen: CONFLICT when another is current by now. */
  current_id?: number;
  rationale: string;
}

/** Changing them: each call one transaction, and every change a new dated version. */
export interface ConfigWrites {
  /**
   * Sets weights of one sector in one transaction: each changed value closes its current row and
   * adds one dated today (or revises today's as a new version). Resolves to how many values
   * changed. A weight given with `weight_id` is saved only while that version is still the current
   * one: otherwise nothing is saved and it rejects with CONFLICT naming the new value.
   */
  updateWeights(input: WeightsEdit): Promise<number>;
  /**
   * Rejects with NOT_FOUND for a parameter the sector does not have (adding is its own action), and
   * with CONFLICT when `calibration_id` is no longer the current version.
   */
  updateCalibration(input: CalibrationEdit): Promise<number>;
  /** Rejects with CONFLICT when the sector already has the parameter. */
  addCalibration(input: NewCalibration): Promise<void>;
  /** Makes an earlier version's value current again as a new dated row. */
  revert(input: RevertRequest): Promise<void>;
  /** Applies the document's differences in one transaction; resolves to what it changed. */
  importDocument(text: string): Promise<ImportPreview>;
}

/** The sector configurations: what the configuration service and its handlers need. */
export type ConfigRepository = ConfigReads & ConfigWrites;

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
export interface ParameterEdit {
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

/** Sectors whose configuration another process changed; null stands for every sector. */
export type ConfigChange = (string | null)[];

/**
 * Every operation a storage engine answers. Adding one means this interface, its implementation on
 * each engine, and nothing else: the SQLite worker's relay is built from the worker's own table.
 */
export interface StorageOperations extends ConfigRepository, ScoringOperations {
  status(): Promise<StorageStatus>;
  migrate(): Promise<MigrationResult>;
  describeSchema(): Promise<SchemaInfo>;
  seedSectorsDimensions(): Promise<SeedResult>;
  seedWeightsCalibrations(): Promise<SeedResult>;
  /** Replaces every row with those of the demo database `template`, in one transaction. */
  resetDemo(template: string): Promise<DemoResetResult>;
  queryOrganizations(query: OrgQuery): Promise<OrgPage>;
  countOrganizations(filter: OrgFilter): Promise<number>;
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

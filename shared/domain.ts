/** Domain types shared by the backend, the CLI and the renderer. Names follow the seed's snake_case. */

export interface Sector {
  focus_group_id: string;
  platform: string;
  group_name: string;
  group_code: string;
  display_order: number;
  is_active: boolean;
}

export interface Dimension {
  dimension_id: string;
  dimension_name: string;
  dimension_code: string;
  display_order: number;
}

/**
 * Names this app's JSON form of a SectorConfig and its version: a value under `sector:{id}` without
 * it (the seed's Python service shares the key) is another program's, and the cache treats it as a
 * miss. A change to the form that older readers cannot take changes the version.
 */
export const SECTOR_CONFIG_FORMAT = 'sector-studio/sector-config/v1';

/**
 * The plain JSON form of a SectorConfig, used over IPC, in the cache and by the CLI. It holds every
 * key of the seed's own cached SectorConfig (focus_group_id, group_name, dimension_weights,
 * calibrations), so that the seed's reader can read the app's value.
 */
export interface SectorConfigJson {
  format: typeof SECTOR_CONFIG_FORMAT;
  focus_group_id: string;
  group_name: string;
  group_code: string;
  /** The day this configuration was in force (YYYY-MM-DD); null for the current configuration. */
  as_of: string | null;
  /** Weights by dimension code. */
  dimension_weights: Record<string, number>;
  /** Each dimension code's id, so a weight can also be found by id or the seed's short code. */
  dimension_ids: Record<string, string>;
  calibrations: Record<string, number>;
  h_r_baseline: number;
  ebitda_multiplier: number;
  position_factor_delta: number;
  talent_concentration_threshold: number;
  weights_sum: number;
  weights_valid: boolean;
}

export type SeedTable =
  'focus_groups' | 'dimensions' | 'focus_group_dimension_weights' | 'focus_group_calibrations';

/** A value a row already held that differs from the reference's: reported, never overwritten. */
export interface SeedDifference {
  /** The row's key: `pe_energy`, `pe_energy / pe_dim_talent`, `pe_energy / h_r_baseline`. */
  row: string;
  column: string;
  value: string | number;
  reference: string | number;
}

/**
 * One table's part of a seeding step. A reference row is found when its key is already held: by
 * id for focus groups and dimensions, by the current row per sector and dimension (or parameter)
 * for weights and calibrations, whatever its date. Found rows are left as they are.
 */
export interface SeedTableReport {
  table: SeedTable;
  added: number;
  found: number;
  differing: SeedDifference[];
  /** Rows in the table after the step. */
  total: number;
}

export interface SeedResult {
  step: 'focus_groups_dimensions' | 'weights_calibrations';
  tables: SeedTableReport[];
  message: string;
}

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: boolean;
  pk: boolean;
  default_value: string | null;
}

export interface SchemaObject {
  name: string;
  type: 'table' | 'view';
  columns: ColumnInfo[];
  row_count: number | null;
  sql: string;
}

export interface SchemaInfo {
  version: number;
  latest_version: number;
  objects: SchemaObject[];
  indexes: { name: string; table: string; sql: string }[];
}

export interface MigrationResult {
  applied: number[];
  version: number;
  message: string;
}

/** Which cache the configuration service uses. */
export interface CacheInfo {
  kind: 'embedded' | 'redis';
  /** "embedded" or "Redis at host:port" (never credentials). */
  label: string;
  /**
   * Set when the cache is not what REDIS_URL asks for: the server could not be used at start (so
   * the embedded cache is), or it is unreachable now (reads go to the database meanwhile).
   */
  warning: string | null;
  /** Since when (epoch ms) the Redis in use has been unreachable; null while it answers. */
  unreachable_since: number | null;
}

export interface DbStatus {
  file: string;
  cache: CacheInfo;
  schema_version: number;
  latest_version: number;
  focus_groups: number;
  dimensions: number;
  weights: number;
  calibrations: number;
  organizations: number;
}

export type OrgValue = string | number | boolean | string[] | null;
export type OrgRow = Record<string, OrgValue>;

export interface OrgPage {
  columns: string[];
  rows: OrgRow[];
  /** Rows matching the filter (all pages). */
  total: number;
  limit: number;
  /** Opaque keys for the neighbouring pages; null at either end. */
  next_cursor: string | null;
  prev_cursor: string | null;
}

export interface InsertOrgsResult {
  inserted: number;
  /** The faker seed used: the same seed always generates the same organizations. */
  seed: number;
  /** True when the user cancelled; whole batches before the cancel are kept. */
  cancelled: boolean;
  per_sector: Record<string, number>;
  duration_ms: number;
}

export interface ExportResult {
  /** Where the CSV was written; null when the user dismissed the save dialog. */
  path: string | null;
  rows: number;
  cancelled: boolean;
}

export const cacheEventTypes = ['HIT', 'MISS', 'SET', 'DELETE', 'FLUSHALL', 'EXPIRED', 'EVICTED'] as const;
export type CacheEventType = (typeof cacheEventTypes)[number];

export interface CacheEvent {
  type: CacheEventType;
  /** null for FLUSHALL */
  key: string | null;
  /** epoch milliseconds */
  at: number;
  duration_ms: number;
  /** Why, when it was not this instance's own request: "changed in another process", "not cached". */
  note?: string;
  /** Done by another instance sharing the same Redis. */
  remote?: boolean;
}

/** A cache event as the service logs it: `Cache MISS for key: sector:pe_manufacturing`. */
export interface CacheLogEntry extends CacheEvent {
  seq: number;
  message: string;
  /**
   * On a MISS of the Cache section's fetch: the whole fetch it started (lookup, database load, SET),
   * in milliseconds, once that fetch has finished; `duration_ms` is the lookup alone.
   */
  fetch_ms?: number;
}

export interface CacheStats {
  /** The configuration service's lookups: what the log shows as HIT and MISS. */
  hits: number;
  misses: number;
  hit_rate: number;
  /** The store's own INFO stats counters, which also count TTL and EXISTS lookups. */
  keyspace_hits: number;
  keyspace_misses: number;
  keys: { key: string; ttl_ms: number }[];
  /**
   * Redis's used_memory: the store's whole memory, of which `used_memory_startup` is there before any
   * key (a fresh redis-server reports about 0.9 MB; the embedded cache counts the same, so that a
   * maxmemory setting means what it means in Redis) and the rest the keys with their values.
   */
  used_memory: number;
  used_memory_startup: number;
  maxmemory: number;
  maxmemory_policy: string;
  expired_keys: number;
  evicted_keys: number;
}

/**
 * One fetch through the cache. The parts are the numbers the cache log shows: `cache_ms` is the
 * duration on the log's HIT or MISS line (the GET inside the cache), `store_ms` the one on its SET
 * line; `load_ms` is the database load of a miss, including any simulated latency; `duration_ms` is
 * the whole lookup in the service, those parts plus reading the cached JSON.
 */
export interface FetchConfigResult {
  config: SectorConfigJson;
  source: 'cache' | 'database';
  duration_ms: number;
  cache_ms: number;
  load_ms: number | null;
  store_ms: number | null;
  /** The simulated database latency in force (0 when off). */
  simulated_latency_ms: number;
}

/** The Cache section's lab setting: a delay added to every database load of a cache miss. */
export const simulatedLatencies = [0, 50, 200] as const;
export type SimulatedLatency = (typeof simulatedLatencies)[number];

export interface CacheSettings {
  simulated_latency_ms: SimulatedLatency;
}

export interface InvalidateResult {
  scope: 'sector' | 'all';
  keys: string[];
  deleted: number;
}

export type TaskName = 'orgs:insertSample' | 'orgs:export' | 'orgs:import';

export interface ProgressEvent {
  task: TaskName;
  done: number;
  total: number;
  finished: boolean;
}

/** Formats a cache event the way the lab's service logs it. */
export function formatCacheEvent(event: Pick<CacheEvent, 'type' | 'key' | 'note'>): string {
  const text = event.key === null ? `Cache ${event.type}` : `Cache ${event.type} for key: ${event.key}`;
  return event.note === undefined ? text : `${text} (${event.note})`;
}

export const calibrationTypes = ['numeric', 'threshold', 'multiplier'] as const;
export type CalibrationType = (typeof calibrationTypes)[number];

/** A sector's weight for one dimension, with what the UI shows beside it. */
export interface WeightDetail {
  /** The version shown: an edit sends it back, and is refused if someone saved another meanwhile. */
  weight_id: number;
  dimension_id: string;
  dimension_code: string;
  dimension_name: string;
  /** The dimension's description, when the database holds one. */
  description: string | null;
  weight: number;
  /** Why this version has this value. */
  rationale: string | null;
  effective_from: string;
}

export interface CalibrationDetail {
  /** The version shown: an edit sends it back, and is refused if someone saved another meanwhile. */
  calibration_id: number;
  parameter_name: string;
  value: number;
  parameter_type: CalibrationType;
  /** What the parameter means. */
  description: string | null;
  /** Why this version has this value. */
  rationale: string | null;
  effective_from: string;
}

/** Everything the Sector Configuration screen shows of one sector, on one day. */
export interface SectorDetails {
  config: SectorConfigJson;
  weights: WeightDetail[];
  calibrations: CalibrationDetail[];
}

export type ConfigItemKind = 'weight' | 'calibration';

/** One version of one weight or calibration: the value in force from `effective_from` until `effective_to`. */
export interface ConfigVersion {
  version_id: number;
  kind: ConfigItemKind;
  /** The dimension code or the parameter name. */
  key: string;
  /** The dimension's name, or the parameter name. */
  label: string;
  value: number;
  effective_from: string;
  /** The first day it no longer applied (the day it began, when replaced that same day); null while current. */
  effective_to: string | null;
  is_current: boolean;
  rationale: string | null;
  /** The change set that made it, and that set's time (UTC) and author. */
  change_set_id: number;
  made_at: string;
  author: string | null;
}

/**
 * What made a change set: a save in a form or the CLI ('edit'), a revert of one value to an earlier
 * version ('revert'), of a whole change set ('revert_set'), an import, the reference configuration
 * ('seed'), a version from before change sets were kept ('migrated'), or a version inserted by
 * SQL that named no change set ('external': the seed's own INSERTs, a script, psql).
 */
export const changeSetKinds = [
  'seed',
  'edit',
  'revert',
  'revert_set',
  'import',
  'migrated',
  'external',
] as const;
export type ChangeSetKind = (typeof changeSetKinds)[number];

/** One value a change set changed. */
export interface ConfigChange {
  kind: ConfigItemKind;
  key: string;
  label: string;
  /** The version it made. */
  version_id: number;
  /** The value before the change set; null when the set added the item. */
  before: number | null;
  after: number;
}

/** One save: every value it changed, when (UTC, to the millisecond), by whom and why. */
export interface ChangeSet {
  change_set_id: number;
  made_at: string;
  /** null: not known (a version from before change sets were kept). */
  author: string | null;
  rationale: string | null;
  kind: ChangeSetKind;
  /** The change set a 'revert_set' undid. */
  reverts: number | null;
  changes: ConfigChange[];
  /** How many values the set changed: more than `changes` holds when a filter shows only some. */
  changed: number;
}

/** What History shows of a sector; `config:history` may narrow the change sets to one item or author. */
export interface HistoryFilter {
  dimension?: string | undefined;
  calibration?: string | undefined;
  author?: string | undefined;
}

export interface ConfigHistory {
  focus_group_id: string;
  group_name: string;
  /** Oldest first; with a filter, only those touching its item (and only that item's changes) or by its author. */
  change_sets: ChangeSet[];
  /** Every version, whatever the filter: weights (in dimension order) then calibrations (by name), oldest first. */
  versions: ConfigVersion[];
  /** Every author of the sector's change sets, by name. */
  authors: string[];
}

/** The result of a write that may change several values at once. */
export interface ConfigWriteResult {
  config: SectorConfigJson;
  /** How many values changed (a new version each). */
  changed: number;
  /** The change set the write made; null when nothing changed. */
  change_set_id: number | null;
}

export interface HistoryExportResult {
  /** Where the CSV was written; null when the user dismissed the save dialog. */
  path: string | null;
  change_sets: number;
}

/** A write waits for another process's lock: pushed about once a second until it gets it or is cancelled. */
export interface WriteBusyEvent {
  /** The id the window sent with its write. */
  write_id: string;
  waited_ms: number;
}

export const authorSources = ['setting', 'environment', 'database role', 'system user'] as const;
export type AuthorSource = (typeof authorSources)[number];

/** Who a write is by when a window sends no name: the instance's setting, else the database role or the OS user. */
export interface AuthorInfo {
  author: string;
  source: AuthorSource;
}

/** One value an import would change. */
export interface ConfigDifference {
  focus_group_id: string;
  group_name: string;
  kind: ConfigItemKind;
  key: string;
  label: string;
  /** null when the import adds a calibration the sector does not have. */
  current: number | null;
  incoming: number;
}

export interface ImportPreview {
  exported_at: string;
  sectors: string[];
  differences: ConfigDifference[];
}

export interface ImportResult extends ImportPreview {
  applied: boolean;
  message: string;
}

export interface ConfigExportResult {
  /** Where the file was written; null when the user dismissed the save dialog. */
  path: string | null;
  sectors: number;
}

export interface DemoStatus {
  /** A demo database ships with this app (the packaged desktop app), so it can be restored. */
  available: boolean;
}

export interface DemoResetResult {
  organizations: number;
  message: string;
}

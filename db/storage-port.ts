import type { ConfigRepository } from './port';
import type {
  DbStatus,
  DemoResetResult,
  InsertOrgsResult,
  MigrationResult,
  OrgPage,
  SchemaInfo,
  SeedResult,
} from '../shared/domain';
import type {
  ExportRequest,
  OrgColumn,
  OrgFilter,
  OrgQuery,
  OrgRows,
  OrgWindow,
} from '../shared/org-query';

export interface TaskHooks {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

/** Where an export's text goes: `write` resolves when the destination can take more. */
export type TextSink = (chunk: string) => Promise<void>;

/** Sectors whose configuration another process changed; null stands for every sector. */
export type ConfigChange = (string | null)[];

/**
 * What the backend needs from a database. The handlers and services only see this asynchronous
 * interface: the SQLite implementation answers from worker threads, so that no database work runs
 * on the thread that serves the UI; a server database could implement it directly.
 */
export interface Storage {
  readonly file: string;
  status(): Promise<Omit<DbStatus, 'cache'>>;
  migrate(): Promise<MigrationResult>;
  describeSchema(): Promise<SchemaInfo>;
  seedFocusGroupsDimensions(): Promise<SeedResult>;
  seedWeightsCalibrations(): Promise<SeedResult>;
  readonly configs: ConfigRepository;
  /** Replaces every row with those of the demo database `template`, in one transaction. */
  resetDemo(template: string): Promise<DemoResetResult>;
  queryOrganizations(query: OrgQuery): Promise<OrgPage>;
  countOrganizations(filter: OrgFilter): Promise<number>;
  /** The view's columns with their kinds and how a sort by each runs. */
  organizationColumns(): Promise<OrgColumn[]>;
  /** Rows by position in any sort (see db/org-positions.ts). */
  organizationRows(window: OrgWindow): Promise<OrgRows>;
  insertSampleOrganizations(
    options: { count: number; seed?: number },
    hooks: TaskHooks,
  ): Promise<InsertOrgsResult>;
  /** Writes the selection as CSV or JSON text to `sink`; a cancel stops between chunks. */
  exportOrganizations(
    request: ExportRequest,
    sink: TextSink,
    hooks: TaskHooks,
  ): Promise<{ rows: number; cancelled: boolean }>;
  /**
   * Configuration changes committed by other processes (another window, the CLI, a script); `note`
   * says why when it is not simply that (such as a server that was away and may have missed some).
   */
  onExternalConfigChange(listener: (change: ConfigChange, note?: string) => void): () => void;
  close(): Promise<void>;
}

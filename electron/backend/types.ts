import type { Bridge, OrgExport } from '../../shared/contract';
import type { ExportResult } from '../../shared/domain';
import type { Result } from '../../shared/errors';

/** The backend every shell wraps: Electron's ipcMain, the browser host's HTTP server, the CLI. */
export interface Backend extends Bridge {
  readonly dbFile: string;
  /** The untyped door for transports: validates channel and payload against the contract. */
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /**
   * Streams the unified view as CSV to `out` (the CLI's file, the browser host's download),
   * reporting progress on the 'progress' event as task 'orgs:export'. Aborting `signal` (the browser
   * host's client went away) stops it like `orgs:cancelExport` does.
   */
  exportOrganizations(
    filter: OrgExport,
    out: NodeJS.WritableStream,
    signal?: AbortSignal,
  ): Promise<Omit<ExportResult, 'path'>>;
  /** Closes the cache and the database file cleanly. */
  close(): Promise<void>;
}

export interface BackendOptions {
  dbFile: string;
  /** Refuse to create the file when it does not exist (CLI commands other than init). */
  mustExist?: boolean;
  /** TTL of cached sector configurations; the lab's 3600 s by default. */
  cacheTtlSeconds?: number;
  /** When set, the configuration service caches in this Redis instead of the embedded keyspace. */
  redisUrl?: string;
  /** Asks the user where to save an export (the desktop app's save dialog); null when dismissed. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

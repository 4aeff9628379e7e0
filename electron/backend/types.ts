import type { ScoreRefresh } from '../../shared/scoring';
import type { Bridge } from '../../shared/contract';
import type { RedisClientOptions } from './cache/redis-store';
import type { ExportRequest } from '../../shared/org-query';
import type { Result } from '../../shared/errors';
import type { ImportSource } from '../../shared/org-import';

/** Where an export goes: a file (replaced only when `overwrite`), or a stream such as a download. */
export type ExportDestination = { file: string; overwrite: boolean } | { stream: NodeJS.WritableStream };

/** The backend every shell wraps: Electron's ipcMain, the browser host's HTTP server, the CLI. */
export interface Backend extends Bridge {
  readonly dbFile: string;
  /** The untyped door for transports: validates channel and payload against the contract. */
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /**
   * The one export path: streams the selection as CSV or JSON to a file (whole file or nothing) or to a
   * stream, reporting progress as task 'orgs:export'. Aborting `signal` (the CLI's Ctrl-C, a
   * download's client leaving) stops it like `orgs:cancelExport` does. Nothing is written before
   * the first rows are read, so a missing schema or an unknown sector fails with nothing written.
   */
  exportOrganizations(
    request: ExportRequest,
    destination: ExportDestination,
    signal?: AbortSignal,
  ): Promise<{ rows: number; cancelled: boolean }>;
  /** Reads a file the user named for an import and holds it for the import's steps (the CLI). */
  openImportFile(path: string): Promise<ImportSource>;
  /** Keeps an uploaded file for an import's steps, written to a temporary file as it arrives (the browser host). */
  uploadImportFile(body: AsyncIterable<Uint8Array>, name: string): Promise<ImportSource>;
  /** The rejected rows of the held file's last import, as CSV (the browser's download). */
  rejectedRows(importId: string): string;
  /**
   * Recomputes stale Org-AI-R scores now and resolves when they are stored (the storage also does it
   * by itself within a second): the CLI, which may exit sooner, before it reads organizations.
   */
  refreshScores(): Promise<ScoreRefresh>;
  /** Closes the cache and the database file cleanly, after cancelling running tasks. */
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
  /** How the Redis client reconnects and how long a command may take (the defaults suit a LAN). */
  redisClient?: RedisClientOptions;
  /** How often the file is checked for configuration changes made by other processes. */
  changePollMs?: number;
  /** How long a write waits for another process's lock before a BUSY error (default 30 s). */
  busyTimeoutMs?: number;
  /**
   * The name this instance's writes are by when a window sends none (the CLI's --author,
   * SECTOR_STUDIO_AUTHOR); without it, the PostgreSQL role in team mode, else the OS user.
   */
  author?: string;
  /** Where `author` came from, as `author:default` reports it (default: a setting). */
  authorSource?: 'setting' | 'environment';
  /** Asks the user where to save an export (the desktop app's save dialog); null when dismissed. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
  /** Asks the user which file to import (the desktop app's open dialog); null when dismissed. */
  chooseImportPath?: () => Promise<string | null>;
  /** The same for a configuration file (JSON); null when dismissed. */
  chooseConfigExportPath?: (suggestedName: string) => Promise<string | null>;
  /** The same for a sector's history (CSV); null when dismissed. */
  chooseHistoryExportPath?: (suggestedName: string) => Promise<string | null>;
  /** The same for a file of saved views (JSON); null when dismissed. */
  chooseViewsExportPath?: (suggestedName: string) => Promise<string | null>;
  /**
   * The demo database that ships with the packaged app. When the database file does not exist yet
   * it is copied there (a first run opens a ready demo), and "Reset demo" restores it.
   */
  demoDatabase?: string;
}

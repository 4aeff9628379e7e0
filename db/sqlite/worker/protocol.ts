import type { ErrorValue } from '../../../shared/errors';
import type { OperationGroup } from './operations';

/**
 * Messages between the main thread and a database worker. The writer owns the connection that
 * writes (migrations, seeding, inserts, configuration edits); the reader owns one that only reads
 * (pages, counts, exports, configuration loads) and watches the file for other processes' changes.
 */
export type Role = 'reader' | 'writer';

/** The names of a worker's operations, by group: what the main thread builds its relay from. */
export type OperationNames = Record<OperationGroup, string[]>;

export interface ConfigChangeRow {
  seq: number;
  focus_group_id: string | null;
}

export type ToWorker =
  | { kind: 'open'; file: string; role: Role; mustExist: boolean; pollMs: number; busyTimeoutMs?: number }
  | { kind: 'call'; id: number; op: string; args: unknown[] }
  | { kind: 'cancel'; id: number }
  | { kind: 'credit'; id: number }
  | { kind: 'close'; id: number };

export type FromWorker =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: ErrorValue }
  | { kind: 'progress'; id: number; done: number; total: number }
  /** A configuration write still waits for another process's lock. */
  | { kind: 'waiting'; id: number; waited_ms: number }
  | { kind: 'chunk'; id: number; text: string }
  | { kind: 'config-changes'; changes: ConfigChangeRow[] }
  /** Some sector's scores are stale: the writer should recompute them. */
  | { kind: 'scores-stale' };

/** Chunks an export may have in flight before the worker waits for the main thread to take them. */
export const CHUNK_WINDOW = 4;

/** The id of the `open` and `close` requests' replies. */
export const LIFECYCLE_ID = 0;

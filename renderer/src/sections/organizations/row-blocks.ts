import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OrgRow } from '../../../../shared/domain';
import type { ErrorValue } from '../../../../shared/errors';
import type { OrgRows, OrgSelection } from '../../../../shared/org-query';

/**
 * Rows per request: about two screens, so that a jump reads little more than it shows; each block is
 * one seek to the backend's nearest anchor (every 100 rows) and a short step.
 */
export const BLOCK_ROWS = 50;
/** Blocks kept in memory (about 8,000 rows); the least recently shown go first. */
const KEEP_BLOCKS = 160;
/** Requests in flight at once: enough to fill a screen while the next one is prefetched. */
const PARALLEL = 2;

export type FetchRows = (
  selection: OrgSelection,
  start: number,
  count: number,
) => Promise<{ ok: true; value: OrgRows } | { ok: false; error: ErrorValue }>;

export interface BlockSnapshot {
  /** Rows matching the view; null until the first answer. */
  total: number | null;
  /** Bumped whenever rows arrive, so that the grid redraws. */
  version: number;
  error: ErrorValue | null;
}

/**
 * The rows of one selection, read in blocks as the grid shows them: the visible blocks first, then
 * the next block in the direction of scrolling. A new selection or a refresh drops everything;
 * answers to an older selection are ignored.
 */
export class RowBlocks {
  private blocks = new Map<number, OrgRow[]>();
  private pending = new Map<number, Promise<void>>();
  private wanted: number[] = [];
  private inFlight = 0;
  private generation = 0;
  private selection: OrgSelection | null = null;
  private snapshot: BlockSnapshot = { total: null, version: 0, error: null };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchRows: FetchRows) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private emit(change: Partial<BlockSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change, version: this.snapshot.version + 1 };
    for (const listener of this.listeners) listener();
  }

  /** Starts over with a selection (or the same one, after the data changed). */
  reset(selection: OrgSelection | null): void {
    this.generation++;
    this.blocks.clear();
    this.pending.clear();
    this.wanted = [];
    this.selection = selection;
    this.emit({ error: null });
    if (selection !== null) this.show(0, 0, 1);
  }

  /** An organization saved here: its row is replaced wherever it is loaded, without reading again. */
  replace(row: OrgRow): void {
    for (const rows of this.blocks.values()) {
      const at = rows.findIndex((r) => r.organization_id === row.organization_id);
      if (at >= 0) rows[at] = row;
    }
    this.emit({});
  }

  rowAt(index: number): OrgRow | undefined {
    return this.blocks.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
  }

  /** Whether every row in [first, last] has arrived. */
  has(first: number, last: number): boolean {
    for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
      if (!this.blocks.has(b)) return false;
    }
    return true;
  }

  /** The rows the grid shows now, and which way it scrolls; older wishes are dropped. */
  show(first: number, last: number, direction: 1 | -1): void {
    const from = Math.floor(Math.max(0, first) / BLOCK_ROWS);
    const to = Math.floor(Math.max(0, last) / BLOCK_ROWS);
    const visible: number[] = [];
    for (let b = from; b <= to; b++) visible.push(b);
    // The next block only once the screen is whole: a jump must not queue behind a guess.
    const ahead = direction > 0 ? to + 1 : from - 1;
    const whole = visible.every((b) => this.blocks.has(b));
    this.wanted = [...visible, ...(whole && ahead >= 0 ? [ahead] : [])];
    // Recently shown blocks move to the back of the eviction order.
    for (const b of visible) {
      const rows = this.blocks.get(b);
      if (rows) {
        this.blocks.delete(b);
        this.blocks.set(b, rows);
      }
    }
    this.pump();
  }

  /** Rows [from, to] for a copy, reading whatever blocks are missing; null if a read failed. */
  async rows(from: number, to: number): Promise<OrgRow[] | null> {
    const loads: Promise<void>[] = [];
    for (let b = Math.floor(from / BLOCK_ROWS); b <= Math.floor(to / BLOCK_ROWS); b++)
      loads.push(this.load(b));
    await Promise.all(loads);
    const rows: OrgRow[] = [];
    for (let i = from; i <= to; i++) {
      const row = this.rowAt(i);
      if (row === undefined) return null;
      rows.push(row);
    }
    return rows;
  }

  private pump(): void {
    while (this.inFlight < PARALLEL && this.wanted.length > 0) {
      const block = this.wanted.shift() as number;
      if (this.blocks.has(block) || this.pending.has(block)) continue;
      const total = this.snapshot.total;
      if (total !== null && block * BLOCK_ROWS >= total && block > 0) continue;
      void this.load(block);
    }
  }

  private load(block: number): Promise<void> {
    if (this.blocks.has(block)) return Promise.resolve();
    const running = this.pending.get(block);
    if (running) return running;
    const selection = this.selection;
    if (selection === null) return Promise.resolve();
    const generation = this.generation;
    this.inFlight++;
    const promise = this.fetchRows(selection, block * BLOCK_ROWS, BLOCK_ROWS)
      .then((result) => {
        if (generation !== this.generation) return;
        if (!result.ok) {
          this.emit({ error: result.error });
          return;
        }
        this.blocks.set(block, result.value.rows);
        while (this.blocks.size > KEEP_BLOCKS) {
          const oldest = this.blocks.keys().next().value as number;
          this.blocks.delete(oldest);
        }
        this.emit({ total: result.value.total, error: null });
      })
      .finally(() => {
        this.inFlight--;
        if (this.pending.get(block) === promise) this.pending.delete(block);
        this.pump();
      });
    this.pending.set(block, promise);
    return promise;
  }
}

/** One RowBlocks for the component's life, re-read whenever the selection (or `refreshes`) changes. */
export function useRowBlocks(
  fetchRows: FetchRows,
  selection: OrgSelection | null,
  refreshes: number,
): [RowBlocks, BlockSnapshot] {
  const [blocks] = useState(() => new RowBlocks(fetchRows));
  const key = JSON.stringify(selection);
  useEffect(() => {
    blocks.reset(key === 'null' ? null : (JSON.parse(key) as OrgSelection));
  }, [blocks, key, refreshes]);
  const snapshot = useSyncExternalStore(blocks.subscribe, blocks.getSnapshot);
  return [blocks, snapshot];
}

import type { OrgRow } from '../../../../shared/domain';

/**
 * Rows per request: about two screens, so that a jump reads little more than it shows; each block is
 * one seek to the backend's nearest anchor (every 100 rows) and a short step.
 */
export const BLOCK_ROWS = 50;
/** Blocks kept in memory (about 8,000 rows); the least recently shown go first. */
const KEEP_BLOCKS = 160;

/** The blocks holding rows [first, last]. */
export function blocksOf(first: number, last: number): number[] {
  const from = Math.floor(Math.max(0, first) / BLOCK_ROWS);
  return Array.from({ length: Math.floor(Math.max(0, last) / BLOCK_ROWS) - from + 1 }, (_, i) => from + i);
}

/**
 * The blocks of rows read, the least recently shown first, and the stale ones: read without a column
 * the grid now shows, painted until their block is read again.
 */
export class BlockStore {
  private fresh = new Map<number, OrgRow[]>();
  private stale = new Map<number, OrgRow[]>();

  has(block: number): boolean {
    return this.fresh.has(block);
  }

  blocks(): IterableIterator<number> {
    return this.fresh.keys();
  }

  /** A row read with the columns in use now. */
  row(index: number): OrgRow | undefined {
    return this.fresh.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
  }

  /** The row to paint: read with the columns in use, or before one of them was. */
  paintedRow(index: number): OrgRow | undefined {
    const block = Math.floor(index / BLOCK_ROWS);
    return (this.fresh.get(block) ?? this.stale.get(block))?.[index % BLOCK_ROWS];
  }

  set(block: number, rows: OrgRow[]): void {
    this.fresh.set(block, rows);
    this.stale.delete(block);
    while (this.fresh.size > KEEP_BLOCKS) this.fresh.delete(this.fresh.keys().next().value as number);
  }

  /** Moves these blocks to the back of the eviction order. */
  touch(blocks: number[]): void {
    for (const block of blocks) {
      const rows = this.fresh.get(block);
      if (rows) {
        this.fresh.delete(block);
        this.fresh.set(block, rows);
      }
    }
  }

  /** Every block is to be read again; `keepPainted` keeps its rows on screen until it is. */
  clear(keepPainted: boolean): void {
    if (keepPainted) for (const [block, rows] of this.fresh) this.stale.set(block, rows);
    else this.stale.clear();
    this.fresh.clear();
  }

  /** An organization saved here: its row is replaced wherever it is kept. */
  replace(row: OrgRow): void {
    for (const rows of [...this.fresh.values(), ...this.stale.values()]) {
      const at = rows.findIndex((r) => r.organization_id === row.organization_id);
      if (at >= 0) rows[at] = row;
    }
  }
}

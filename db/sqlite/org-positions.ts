import { AppError } from '../../shared/errors';
import {
  isIndexedSort,
  type OrgFilter,
  type OrgRows,
  type OrgSelection,
  type OrgWindow,
} from '../../shared/org-query';
import type { Db } from './connection';
import { rowDecoder } from '../core/columns';
import { requestedColumns } from '../core/row-columns';
import { knownColumn } from '../core/org-filters';
import { sqliteFilters } from './filter-dialect';
import { dropSorted, sortedOrder, type Sorted } from './sorted-order';
import { ANCHOR_EVERY, encodeCursor } from '../core/cursor';
import { ascendingParts, blankKeys } from '../core/blank-sort';
import type { KeysetSelection, OrganizationRepository } from './org-repo';

/**
 * Rows by position in any (filter, sort), so that a scrollbar can span every matching row and a
 * drag to row 500,000 reads only the rows it shows.
 *
 * - An indexed sort keeps sparse keyset anchors: the sort key of every ANCHOR_EVERY-th row, found in
 *   one pass over the index the first time a position past the first block is asked for. Row r is then
 *   one seek to anchor ⌊r/K⌋ and a step of at most K rows.
 * - Any other sort (an attribute, a column without an index) is sorted once per filter into a
 *   temporary table of rowids, numbered by position; a window is then one range of that table.
 *
 * Both directions share one order with blanks last: the non-blank rows descending are those
 * ascending in reverse, and so are the blanks (the tie-breaker, the rowid, reverses with the sort).
 * Everything is dropped when the file changes.
 */

/** Windows ending this close to either end are read directly by key, without anchors. */
const NEAR_END = 500;
/** Sorted orders kept as temporary tables; the oldest is dropped beyond this. */
const KEEP_SORTED = 4;

interface Anchored {
  kind: 'anchors';
  /**
   * anchors[b] is the cursor just before row b·K (null for b = 0), and `values` the number of rows
   * before the blanks; undefined until built.
   */
  built: { anchors: (string | null)[]; values: number } | undefined;
}

type Order = Anchored | Sorted;

/** The last anchor at or before ascending position `from`, and how many keys lie from it to `from`. */
function anchorBelow(anchors: (string | null)[], from: number): { cursor: string | null; skip: number } {
  const block = Math.min(Math.floor(from / ANCHOR_EVERY), anchors.length - 1);
  return { cursor: anchors[block] ?? null, skip: from - block * ANCHOR_EVERY };
}

export interface PositionReader {
  rows(window: OrgWindow): OrgRows;
  /**
   * Builds what later windows of this selection need (its anchors, or its sorted table), so that the
   * first drag after the first screen does not wait for it. Called when the reader is otherwise idle.
   */
  prepare(selection: OrgSelection): void;
  /** The selection's rows in order from position `from`, as raw arrays in the view's column order. */
  scan(selection: OrgSelection, chunkSize: number, from?: number): Generator<unknown[][]>;
  count(filter: OrgFilter): number;
}

function keyOf(selection: OrgSelection): string {
  const { where, params } = sqliteFilters(selection);
  return JSON.stringify([where, params, selection.sort]);
}

export function createPositionReader(
  db: Db,
  organizations: OrganizationRepository,
  { nearEnd = NEAR_END }: { nearEnd?: number } = {},
): PositionReader {
  const changes = db.prepare<[], [number, number]>(
    'SELECT total_changes(), data_version FROM pragma_data_version',
  );
  const sectorExists = db
    .prepare<[string], number>('SELECT 1 FROM focus_groups WHERE focus_group_id = ?')
    .pluck();
  const orders = new Map<string, Order>();
  // Rows this connection writes into its own temporary tables are not changes to the data.
  let ownChanges = 0;
  let version = '';

  function currentVersion(): string {
    const [total, dataVersion] = changes.raw().get() as [number, number];
    return `${dataVersion}:${total - ownChanges}`;
  }

  function drop(order: Order): void {
    if (order.kind === 'sorted') dropSorted(db, order);
  }

  function forget(): void {
    for (const order of orders.values()) drop(order);
    orders.clear();
  }

  function checkSector(selection: OrgFilter): void {
    if (selection.focus_group_id && !sectorExists.get(selection.focus_group_id)) {
      throw new AppError('NOT_FOUND', `Unknown sector: ${selection.focus_group_id}`);
    }
  }

  function sortIntoTable(selection: OrgSelection): Sorted {
    const order = sortedOrder(db, selection);
    ownChanges += order.total;
    return order;
  }

  function orderOf(selection: OrgSelection): Order {
    const now = currentVersion();
    if (now !== version) {
      forget();
      version = now;
    }
    const key = keyOf(selection);
    let order = orders.get(key);
    if (order) {
      // Most recently used last, so that the first entry is the one to drop.
      orders.delete(key);
      orders.set(key, order);
      return order;
    }
    order = isIndexedSort(selection.sort) ? { kind: 'anchors', built: undefined } : sortIntoTable(selection);
    orders.set(key, order);
    const sorted = [...orders].filter(([, o]) => o.kind === 'sorted');
    if (sorted.length > KEEP_SORTED) {
      const [oldestKey, oldest] = sorted[0] as [string, Order];
      drop(oldest);
      orders.delete(oldestKey);
    }
    // The table's own inserts are not a change of the data.
    version = currentVersion();
    return order;
  }

  /** One pass over the sort's index, keeping the key of every K-th row and counting the blanks. */
  function buildAnchors(selection: KeysetSelection): NonNullable<Anchored['built']> {
    const anchors: (string | null)[] = [null];
    const blank = blankKeys[selection.sort];
    let i = 0;
    let blanks = 0;
    for (const key of organizations.keys({ ...selection, dir: 'asc', limit: 1 })) {
      i++;
      if (blank !== undefined && key[0] === blank) blanks++;
      if (i % ANCHOR_EVERY === 0) anchors.push(encodeCursor(key));
    }
    return { anchors, values: i - blanks };
  }

  /** Rows [skip, skip + count) after a cursor of an indexed sort, as raw rows of these columns. */
  function after(
    query: KeysetSelection & { after: string | null },
    skip: number,
    count: number,
    names?: string[],
  ) {
    const rowids: number[] = [];
    let i = 0;
    for (const key of organizations.keys({ ...query, limit: 1 })) {
      if (i++ < skip) continue;
      rowids.push(key[key.length - 1] as number);
      if (rowids.length === count) break;
    }
    return organizations.rowsByRowid(rowids, names);
  }

  /**
   * The key just before position `from` of an indexed order (null for the first row, undefined past
   * the last): a seek to the anchor below it when the grid has built the anchors (ascending), then a
   * step along the index alone; the rows themselves are never read.
   */
  function keyBefore(selection: KeysetSelection, from: number): string | null | undefined {
    let cursor: string | null = null;
    let skip = from;
    const order = orderOf(selection);
    if (selection.dir === 'asc' && order.kind === 'anchors' && order.built) {
      ({ cursor, skip } = anchorBelow(order.built.anchors, from));
    }
    if (skip === 0) return cursor;
    let stepped = 0;
    for (const key of organizations.keys({ ...selection, limit: 1, after: cursor })) {
      if (++stepped === skip) return encodeCursor(key);
    }
    return undefined;
  }

  /** Ascending positions [from, from + count) of an indexed sort, as raw rows. */
  function anchoredRange(
    selection: KeysetSelection,
    order: Anchored,
    from: number,
    count: number,
    names?: string[],
  ) {
    const { cursor, skip } = anchorBelow((order.built ??= buildAnchors(selection)).anchors, from);
    // One seek to the anchor, then a step of fewer than K keys before the window's own rows.
    return after({ ...selection, dir: 'asc', after: cursor }, skip, count, names);
  }

  function sortedRange(order: Sorted, from: number, count: number, names?: string[]): unknown[][] {
    return organizations.rowsByRowid(order.read.all({ from, to: from + count }) as number[], names);
  }

  function total(selection: OrgFilter, order: Order): number {
    return order.kind === 'sorted' ? order.total : organizations.count(selection);
  }

  /** Positions [start, start + count) in the selection's direction, as raw rows of these columns. */
  function range(
    selection: OrgSelection,
    order: Order,
    { start, count, n }: { start: number; count: number; n: number },
    names?: string[],
  ) {
    const end = Math.min(start + count, n);
    if (end <= start) return [];
    // The first screens of either direction are one keyset read; no anchors needed yet.
    if (order.kind === 'anchors' && end <= nearEnd) {
      return after({ ...(selection as KeysetSelection), after: null }, start, end - start, names);
    }
    // A descending window is read as ascending parts, each reversed; only it needs to know where
    // the blanks start.
    const values =
      selection.dir === 'asc'
        ? n
        : order.kind === 'sorted'
          ? order.values
          : (order.built ??= buildAnchors(selection as KeysetSelection)).values;
    return ascendingParts(selection.dir, start, end, n, values).flatMap(({ from, to }) => {
      const raw =
        order.kind === 'sorted'
          ? sortedRange(order, from, to - from, names)
          : anchoredRange(selection as KeysetSelection, order, from, to - from, names);
      return selection.dir === 'asc' ? raw : raw.reverse();
    });
  }

  return {
    rows(window) {
      const { start, count, columns, ...selection } = window;
      checkSector(selection);
      knownColumn(selection.sort);
      const names = requestedColumns(organizations.columns, columns, selection.sort);
      const order = orderOf(selection);
      const n = total(selection, order);
      const rows = range(selection, order, { start, count, n }, names).map(rowDecoder(names));
      return { start, total: n, rows };
    },

    prepare(selection) {
      const order = orderOf(selection);
      if (order.kind === 'anchors') order.built ??= buildAnchors(selection as KeysetSelection);
    },

    *scan(selection, chunkSize, from = 0) {
      checkSector(selection);
      knownColumn(selection.sort);
      if (isIndexedSort(selection.sort)) {
        const after = keyBefore(selection as KeysetSelection, from);
        if (after !== undefined) yield* organizations.scan(selection as KeysetSelection, chunkSize, after);
        return;
      }
      // An export gets an order of its own, so that the grid's scrolling cannot drop it midway.
      const order = sortIntoTable(selection);
      try {
        for (let start = from; start < order.total; start += chunkSize) {
          const rows = range(selection, order, { start, count: chunkSize, n: order.total });
          if (rows.length > 0) yield rows;
        }
      } finally {
        drop(order);
      }
    },

    count: (filter) => organizations.count(filter),
  };
}

import type pg from 'pg';
import type { OrgRow } from '../../shared/domain';
import {
  isIndexedSort,
  type OrgFilter,
  type OrgRows,
  type OrgSelection,
  type OrgSortColumn,
  type OrgWindow,
} from '../../shared/org-query';
import { knownColumn } from '../core/org-filters';
import { requestedColumns } from '../core/row-columns';

import { ANCHOR_EVERY, encodeCursor } from '../core/cursor';
import {
  pgAnchorQueries,
  pgFilters,
  pgKeyQuery,
  pgOrderedQuery,
  pgSortValue,
  queryRows,
  readKeys,
} from './org-sql';
import { ascendingParts, keyRanges } from '../core/blank-sort';
import { inSnapshot } from './pool';

/**
 * Rows by position in any (filter, sort) on PostgreSQL, the same positions as db/org-positions.ts
 * gives on SQLite:
 * - An indexed sort keeps the key of every ANCHOR_EVERY-th row, computed in the server by one
 *   row_number() pass over the sort's index (only the anchors cross the wire). Row r is one seek
 *   past anchor ⌊r/K⌋ (a row-value comparison on the index) and an OFFSET of fewer than K keys.
 * - Any other sort is sorted once per filter in the server and its ids kept here, 16 bytes each
 *   (1.6 MB per 100,000 rows); a window is a slice of them. PostgreSQL's temporary tables belong to
 *   one connection of the pool, so the order lives in this process instead.
 * Blanks are last in both directions: descending, the non-blank rows are those ascending in reverse,
 * and so are the blanks (db/core/blank-sort.ts). A window's total, positions and rows
 * come from one snapshot (a read-only REPEATABLE READ transaction); orders are kept per version of
 * organization_changes, which every write bumps in its own transaction, and dropped when it moves.
 */

/** Windows ending this close to either end are read directly by key, without anchors. */
const NEAR_END = 500;
/** Sorted orders kept; the least recently used is dropped beyond this. */
const KEEP_SORTED = 4;

type KeySelection = OrgSelection & { sort: OrgSortColumn };

/** Anchors (anchors[b] is the cursor just before row b·K) and the number of rows before the blanks. */
interface Anchors {
  anchors: (string | null)[];
  values: number;
}

type Order =
  | { kind: 'anchors'; anchors: Promise<Anchors> | undefined }
  | { kind: 'sorted'; ids: Promise<{ packed: Buffer; values: number }> };

const ID_BYTES = 16;

function packIds(ids: string[]): Buffer {
  const packed = Buffer.alloc(ids.length * ID_BYTES);
  ids.forEach((id, i) => packed.write(id.replace(/-/g, ''), i * ID_BYTES, ID_BYTES, 'hex'));
  return packed;
}

function unpackIds(packed: Buffer, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let i = from; i < to; i++) {
    const hex = packed.toString('hex', i * ID_BYTES, (i + 1) * ID_BYTES);
    ids.push(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    );
  }
  return ids;
}

/** The pool, or one connection of it that holds a transaction (a snapshot the reads share). */
export type PgReads = pg.Pool | pg.PoolClient;

/**
 * What the organization reads share: the view's columns, a sector check, rows by id, counts. Each
 * read runs on `db`; what is cached is keyed by the data's version, so that reads of one snapshot
 * never mix with what another snapshot saw.
 */
export interface PgOrgReader {
  columns(): Promise<string[]>;
  checkSector(filter: OrgFilter, db?: PgReads): Promise<void>;
  /** The view's rows of these organizations, in the order given, with these columns (or every one). */
  rowsByIds(ids: string[], db?: PgReads, columns?: string[]): Promise<OrgRow[]>;
  count(filter: OrgFilter, db?: PgReads): Promise<number>;
  /** Runs `forget` whenever organizations or their attributes change (in any instance). */
  onChange(forget: () => void): void;
  /**
   * The version of organization_changes `db` sees; cached counts and positions are dropped when it
   * moved.
   */
  refresh(db?: PgReads): Promise<number>;
}

export interface PgPositionReader {
  rows(window: OrgWindow): Promise<OrgRows>;
}

export function pgPositionReader(pool: pg.Pool, reader: PgOrgReader): PgPositionReader {
  const orders = new Map<string, Order>();
  reader.onChange(() => orders.clear());

  const keyOf = (selection: OrgSelection, version: number) => {
    const { where, params } = pgFilters(selection);
    return JSON.stringify([version, where, params, selection.sort]);
  };

  /** Ids of the `limit` rows after `offset` rows past a cursor of an indexed sort. */
  async function keyIds(
    db: PgReads,
    query: Parameters<typeof pgKeyQuery>[0] & { offset: number; limit: number },
  ): Promise<string[]> {
    const rows = await readKeys(db, pgKeyQuery(query), query.offset + query.limit);
    return rows.slice(query.offset).map((row) => row[row.length - 1] as string);
  }

  /** The anchors of each range of the ascending order (blanks last), numbered across the ranges. */
  async function buildAnchors(db: PgReads, selection: KeySelection): Promise<Anchors> {
    const anchors: (string | null)[] = [null];
    let before = 0;
    let values = 0;
    for (const range of keyRanges(selection.sort, true, false)) {
      const queries = pgAnchorQueries(selection, range, ANCHOR_EVERY, before);
      const rows = await queryRows<(string | number)[]>(db, queries.anchors);
      anchors.push(...rows.map(encodeCursor));
      const [[count] = [0]] = await queryRows<[number]>(db, queries.count);
      before += count;
      if (range !== 'blank') values += count;
    }
    return { anchors, values };
  }

  async function sortIds(db: PgReads, selection: OrgSelection) {
    const query = pgOrderedQuery(
      { ...selection, dir: 'asc' },
      `organizations.organization_id, ${pgSortValue(selection.sort)} IS NULL`,
    );
    const rows = await queryRows<[string, boolean]>(db, query);
    return { packed: packIds(rows.map(([id]) => id)), values: rows.filter(([, blank]) => !blank).length };
  }

  /**
   * The order of a selection at `version`, started on `db` if new; a failed build is forgotten so
   * that it can be retried.
   */
  function orderOf(db: PgReads, selection: OrgSelection, version: number): Order {
    const key = keyOf(selection, version);
    let order = orders.get(key);
    if (order) {
      orders.delete(key);
      orders.set(key, order);
      return order;
    }
    if (isIndexedSort(selection.sort)) order = { kind: 'anchors', anchors: undefined };
    else {
      const ids = sortIds(db, selection);
      ids.catch(() => orders.delete(key));
      order = { kind: 'sorted', ids };
    }
    orders.set(key, order);
    const sorted = [...orders].filter(([, o]) => o.kind === 'sorted');
    if (sorted.length > KEEP_SORTED) orders.delete((sorted[0] as [string, Order])[0]);
    return order;
  }

  function anchorsOf(db: PgReads, selection: KeySelection, order: Order & { kind: 'anchors' }) {
    if (!order.anchors) {
      order.anchors = buildAnchors(db, selection);
      order.anchors.catch(() => (order.anchors = undefined));
    }
    return order.anchors;
  }

  /** Ascending positions [from, to) as organization ids. */
  async function ascendingIds(db: PgReads, selection: OrgSelection, order: Order, from: number, to: number) {
    if (order.kind === 'sorted') return unpackIds((await order.ids).packed, from, to);
    const keySelection = selection as KeySelection;
    const { anchors } = await anchorsOf(db, keySelection, order);
    const block = Math.min(Math.floor(from / ANCHOR_EVERY), anchors.length - 1);
    return keyIds(db, {
      ...keySelection,
      dir: 'asc',
      after: anchors[block] ?? null,
      offset: from - block * ANCHOR_EVERY,
      limit: to - from,
    });
  }

  /**
   * Anchors built in a snapshot of their own, kept only while the data is still at the version of
   * the order they belong to (a later window builds them in its own snapshot otherwise).
   */
  function prepareAnchors(selection: KeySelection, order: Order & { kind: 'anchors' }, version: number) {
    return inSnapshot(pool, async (db) => {
      if ((await reader.refresh(db)) === version) await anchorsOf(db, selection, order);
    });
  }

  return {
    async rows(window) {
      const { start, count, columns, ...selection } = window;
      knownColumn(selection.sort);
      const names = requestedColumns(await reader.columns(), columns, selection.sort);
      const { version, order, answer } = await inSnapshot(pool, async (db) => {
        await reader.checkSector(selection, db);
        const version = await reader.refresh(db);
        const order = orderOf(db, selection, version);
        const n =
          order.kind === 'sorted'
            ? (await order.ids).packed.length / ID_BYTES
            : await reader.count(selection, db);
        const end = Math.min(start + count, n);
        let ids: string[] = [];
        if (end > start && order.kind === 'anchors' && end <= NEAR_END) {
          // The first screens of either direction are one keyset read; no anchors needed yet.
          ids = await keyIds(db, {
            ...(selection as KeySelection),
            after: null,
            offset: start,
            limit: end - start,
          });
        } else if (end > start) {
          // A descending window is read as ascending parts, each reversed; only it needs to know
          // where the blanks start.
          const values =
            selection.dir === 'asc'
              ? n
              : order.kind === 'sorted'
                ? (await order.ids).values
                : (await anchorsOf(db, selection as KeySelection, order)).values;
          for (const { from, to } of ascendingParts(selection.dir, start, end, n, values)) {
            const part = await ascendingIds(db, selection, order, from, to);
            ids.push(...(selection.dir === 'desc' ? part.reverse() : part));
          }
        }
        return { version, order, answer: { start, total: n, rows: await reader.rowsByIds(ids, db, names) } };
      });
      // The first screen of a view is answered at once; its anchors are built right after, before
      // the analyst can drag the scrollbar.
      if (start === 0 && order.kind === 'anchors' && !order.anchors)
        void prepareAnchors(selection as KeySelection, order, version).catch(() => {});
      return answer;
    },
  };
}

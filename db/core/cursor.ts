import type { OrgFilter } from '../../shared/org-query';
import { AppError } from '../../shared/errors';
import { assessmentColumn } from './assessment-columns';
import type { AttributeTable } from './columns';
import { columnFilterSql, escapeLike, type FilterDialect } from './org-filters';

/**
 * Sparse keyset anchors of an indexed sort: the sort key of every ANCHOR_EVERY-th row, from which any
 * position is one seek and a step of fewer than ANCHOR_EVERY keys (both engines).
 */
export const ANCHOR_EVERY = 100;

export type KeyValue = string | number;
/** The sort keys of a row, then its rowid. */
export type Cursor = KeyValue[];

export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** A cursor's keys; its last value is the tie-breaker (SQLite's rowid unless told otherwise). */
export function decodeCursor(
  cursor: string,
  length: number,
  isTieBreaker: (value: KeyValue) => boolean = Number.isSafeInteger,
): Cursor {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) &&
      isTieBreaker(values[length - 1] as KeyValue)
    ) {
      return values as Cursor;
    }
  } catch {
    // fall through to the typed error
  }
  throw new AppError('INVALID_INPUT', 'Invalid page cursor: it does not belong to this sort order');
}

export function filters(
  query: OrgFilter,
  dialect: FilterDialect,
): {
  where: string[];
  params: Record<string, KeyValue>;
} {
  const where: string[] = [];
  const params: Record<string, KeyValue> = {};
  if (query.focus_group_id) {
    where.push(dialect.equals('focus_group_id', '@focus_group_id'));
    params.focus_group_id = query.focus_group_id;
  }
  if (query.status) {
    where.push(dialect.equals('status', '@status'));
    params.status = query.status;
  }
  if (query.search) {
    where.push(dialect.like('legal_name', '@search'));
    params.search = `%${escapeLike(query.search)}%`;
  }
  const columns = columnFilterSql(query.where, dialect);
  return { where: [...where, ...columns.where], params: { ...params, ...columns.params } };
}

/**
 * How one of the view's columns is read from organizations `o`, focus_groups `fg`, the assessment and
 * score tables (db/core/assessment-columns.ts) and one sector's attribute table `a`; null for another
 * sector's attribute, which is NULL for every organization of this one (and for all of them when
 * `table` is null).
 */
export function sectorColumn(
  name: string,
  orgColumns: ReadonlySet<string>,
  table: AttributeTable | null,
): string | null {
  if (orgColumns.has(name)) return `o.${name}`;
  if (name === 'sector_name') return 'fg.group_name AS sector_name';
  if (name === 'sector_code') return 'fg.group_code AS sector_code';
  const assessed = assessmentColumn(name);
  if (assessed) return `${assessed.valueOf('o')} AS ${name}`;
  return table?.columns.some((c) => c.name === name) ? `a.${name}` : null;
}

/**
 * The view's columns as sectorColumn reads them, another sector's attributes as NULL (typed by
 * `nullOf` where the engine needs it).
 */
export function sectorRowColumns(
  columns: string[],
  orgColumns: ReadonlySet<string>,
  table: AttributeTable | null,
  nullOf: (name: string) => string = () => 'NULL',
): string[] {
  return columns.map((name) => sectorColumn(name, orgColumns, table) ?? `${nullOf(name)} AS ${name}`);
}

import { attributeTables } from '../core/columns';

/** A value as both engines can hold it: booleans and arrays as themselves, timestamps as ISO text. */
export type Value = string | number | boolean | string[] | null;
export type Row = Value[];

export interface TableSpec {
  name: string;
  /** Columns in the order rows carry them. */
  columns: string[];
  /** Orders rows the same on both engines (text keys compared bytewise). */
  key: string;
  /** A VARCHAR key, which PostgreSQL compares with COLLATE "C" to order as SQLite does (UUIDs already do). */
  textKey: boolean;
  /** A second VARCHAR key column, for a table whose key has two (compared like a text key). */
  thenBy?: string;
  /**
   * Rows the schema's migration itself writes (the platform parameters' first versions): a target
   * holding no more than these holds no data of its own; the copy replaces them with the source's.
   */
  migrationRows?: number;
}

export type Kind = 'boolean' | 'array' | 'timestamp' | 'plain';

const booleans = new Set(['is_active', 'is_current']);
const timestamps = new Set(['created_at', 'updated_at', 'made_at']);

/** How a column's value differs between the engines; the rest (text, numbers, dates) is alike. */
export function kindOf(column: string): Kind {
  if (booleans.has(column)) return 'boolean';
  if (timestamps.has(column)) return 'timestamp';
  for (const table of attributeTables()) {
    const found = table.columns.find((c) => c.name === column);
    if (found?.kind === 'boolean') return 'boolean';
    if (found?.kind === 'array') return 'array';
  }
  return 'plain';
}

/**
 * The tables a copy moves, parents before children. Their columns are those of the seed's schema,
 * which both engines' schemas carry under the same names.
 */
export const copiedTables = (): Omit<TableSpec, 'columns'>[] => [
  { name: 'focus_groups', key: 'focus_group_id', textKey: true },
  { name: 'dimensions', key: 'dimension_id', textKey: true },
  { name: 'config_change_sets', key: 'change_set_id', textKey: false },
  { name: 'focus_group_dimension_weights', key: 'weight_id', textKey: false },
  { name: 'focus_group_calibrations', key: 'calibration_id', textKey: false },
  { name: 'organizations', key: 'organization_id', textKey: false },
  ...attributeTables().map((t) => ({ name: t.table, key: 'organization_id', textKey: false })),
  // The Org-AI-R assessments and platform parameters (SQLite migration 11, PostgreSQL migration 9).
  { name: 'organization_assessments', key: 'organization_id', textKey: false },
  {
    name: 'organization_dimension_scores',
    key: 'organization_id',
    textKey: false,
    thenBy: 'dimension_id',
  },
  { name: 'platform_parameters', key: 'parameter_id', textKey: false, migrationRows: 6 },
];

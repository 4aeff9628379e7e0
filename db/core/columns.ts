import type { OrgRow, OrgValue } from '../../shared/domain';
import { loadReference } from './reference';

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'array';

function kindOf(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (t === 'text[]') return 'array';
  if (t === 'boolean') return 'boolean';
  if (t === 'integer') return 'integer';
  if (t.startsWith('decimal')) return 'decimal';
  return 'text';
}

export interface AttributeTable {
  table: string;
  focusGroupId: string;
  columns: { name: string; kind: ColumnKind; maxLength: number | null }[];
}

let tables: AttributeTable[] | undefined;

/** The seven sector attribute tables and their typed columns, from the reference configuration. */
export function attributeTables(): AttributeTable[] {
  tables ??= Object.entries(loadReference().attribute_tables).map(([table, spec]) => ({
    table,
    focusGroupId: spec.focus_group_id,
    columns: spec.columns.map(([name, type]) => ({
      name,
      kind: kindOf(type),
      maxLength: Number(/varchar\((\d+)\)/i.exec(type)?.[1] ?? 0) || null,
    })),
  }));
  return tables;
}

let kinds: Map<string, ColumnKind> | undefined;

/** The kind of a unified-view column: attribute columns by their declared type, the rest as stored. */
export function columnKind(name: string): ColumnKind | undefined {
  kinds ??= new Map(attributeTables().flatMap((t) => t.columns.map((c) => [c.name, c.kind] as const)));
  return kinds.get(name);
}

/**
 * Decodes rows read as arrays in `columns` order into typed values (JSON arrays as arrays, 0/1 as
 * booleans, NULL as null), with the per-column work decided once.
 */
export function rowDecoder(columns: string[]): (values: unknown[]) => OrgRow {
  const decode = columns.map((name): ((value: unknown) => OrgValue) => {
    const kind = columnKind(name);
    if (kind === 'array') return (v) => JSON.parse(v as string) as string[];
    if (kind === 'boolean') return (v) => v === 1;
    return (v) => v as OrgValue;
  });
  return (values) => {
    const row: OrgRow = {};
    for (let i = 0; i < columns.length; i++) {
      const value = values[i];
      row[columns[i] as string] =
        value === null || value === undefined ? null : (decode[i] as (v: unknown) => OrgValue)(value);
    }
    return row;
  };
}

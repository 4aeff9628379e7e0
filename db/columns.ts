import type { OrgRow, OrgValue } from '../shared/domain';
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

let decoders: Map<string, ColumnKind> | undefined;

function columnKinds(): Map<string, ColumnKind> {
  decoders ??= new Map(attributeTables().flatMap((t) => t.columns.map((c) => [c.name, c.kind] as const)));
  return decoders;
}

/** Turns a raw view row into typed values: JSON arrays as arrays, 0/1 as booleans. */
export function decodeOrgRow(raw: Record<string, unknown>): OrgRow {
  const kinds = columnKinds();
  const row: OrgRow = {};
  for (const [name, value] of Object.entries(raw)) {
    const kind = kinds.get(name);
    if (value === null || value === undefined) row[name] = null;
    else if (kind === 'array') row[name] = JSON.parse(value as string) as string[];
    else if (kind === 'boolean') row[name] = value === 1;
    else row[name] = value as OrgValue;
  }
  return row;
}

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

/** The decimals a DECIMAL(p, s) keeps, s; null for any other type. */
export function scaleOf(type: string): number | null {
  const decimal = /^decimal\(\d+,\s*(\d+)\)/i.exec(type);
  return decimal ? Number(decimal[1]) : null;
}

export interface AttributeTable {
  table: string;
  sectorId: string;
  columns: { name: string; kind: ColumnKind; maxLength: number | null; scale: number | null }[];
}

let tables: AttributeTable[] | undefined;

/** The seven sector attribute tables and their typed columns, from the reference configuration. */
export function attributeTables(): AttributeTable[] {
  tables ??= Object.entries(loadReference().attribute_tables).map(([table, spec]) => ({
    table,
    sectorId: spec.focus_group_id,
    columns: spec.columns.map(([name, type]) => ({
      name,
      kind: kindOf(type),
      maxLength: Number(/varchar\((\d+)\)/i.exec(type)?.[1] ?? 0) || null,
      scale: scaleOf(type),
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
 * A row of the view as SQLite returns it (booleans 0 or 1, arrays as JSON text), as typed values in
 * the same order: what every engine hands the export and the screens.
 */
export function valuesDecoder(columns: string[]): (values: unknown[]) => OrgValue[] {
  const arrays: number[] = [];
  const booleans: number[] = [];
  columns.forEach((name, i) => {
    const kind = columnKind(name);
    if (kind === 'array') arrays.push(i);
    else if (kind === 'boolean') booleans.push(i);
  });
  // In place, touching only the columns that need it: a row is a fresh array from the driver, and an
  // export decodes millions of them.
  return (values) => {
    for (const i of booleans) if (values[i] !== null) values[i] = values[i] === 1;
    for (const i of arrays) if (typeof values[i] === 'string') values[i] = JSON.parse(values[i] as string);
    return values as OrgValue[];
  };
}

/** The same as an object keyed by column name. */
export function rowDecoder(columns: string[]): (values: unknown[]) => OrgRow {
  const decode = valuesDecoder(columns);
  return (values) => {
    const typed = decode(values);
    const row: OrgRow = {};
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = typed[i] ?? null;
    return row;
  };
}

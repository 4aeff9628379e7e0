import type { OrgValue } from '../../../../../shared/domain';
import { columnFormat, formatValue, type Formatted } from '../../../../../shared/column-format';
import { fixedDecimals } from '../../../../../shared/labels';
import type { FieldSpec } from '../../../../../shared/org-fields';
import type { ColumnKind, OrgColumn } from '../../../../../shared/org-query';

export type FormatColumn = Pick<OrgColumn, 'name' | 'kind' | 'scale'>;

/** A form field as the column it edits. */
export function fieldColumn(field: Pick<FieldSpec, 'name' | 'kind' | 'scale'>): FormatColumn {
  const kinds: readonly string[] = ['integer', 'decimal', 'boolean', 'array'];
  const kind = (kinds.includes(field.kind) ? field.kind : 'text') as ColumnKind;
  return { name: field.name, kind, scale: field.scale };
}

/** A column known only by its name (a preview, a conflict), its kind read from the value. */
function guessed(name: string, value: OrgValue | undefined): FormatColumn {
  const kind: ColumnKind =
    typeof value === 'boolean'
      ? 'boolean'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'decimal'
          : 'text';
  return { name, kind, scale: kind === 'decimal' || kind === 'integer' ? fixedDecimals(name) : null };
}

/** How a cell shows a value, by its column's rule (shared/column-format.ts). */
export function showValue(column: FormatColumn | string, value: OrgValue | undefined): Formatted {
  const known = typeof column === 'string' ? guessed(column, value) : column;
  return formatValue(columnFormat(known), value);
}

import { AppError } from '../../shared/errors';
import { describeRule } from '../../shared/org-fields';
import { toErrorValue } from './errors';
import { fieldNamed, organizationFields } from './org-fields';

/**
 * The column a database's refusal concerns, from what each engine says of it: SQLite quotes the
 * failed CHECK's SQL or names table.column, our triggers start with the column's name, PostgreSQL
 * names the constraint (<table>_<column>_check) or the column. Null when nothing names one.
 */
function refusedColumn(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return 'focus_group_id';
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') {
    return 'organization_id';
  }
  const column = 'column' in error && typeof error.column === 'string' ? error.column : null;
  if (column !== null && fieldNamed(column)) return column;
  const named = [
    /^([a-z_]+): /.exec(error.message)?.[1],
    /constraint failed: [a-z_]+\.([a-z_]+)/.exec(error.message)?.[1],
  ].find((name) => name !== undefined && fieldNamed(name) !== undefined);
  if (named !== undefined) return named;
  const text = `${'constraint' in error && typeof error.constraint === 'string' ? error.constraint : ''} ${
    code.startsWith('SQLITE_CONSTRAINT_CHECK') ? error.message : ''
  }`;
  // The longest name first: employee_count before a shorter name it contains.
  const names = organizationFields()
    .map((f) => f.name)
    .sort((a, b) => b.length - a.length);
  return names.find((name) => new RegExp(`(^|[^a-z_])${name}([^a-z_]|$)`).test(text)) ?? null;
}

/**
 * A refusal by the database as the typed error a form shows at its field: the column's label and
 * its rule in words. `written` are the columns the statement set: when the engine names none and
 * only one was written (a cell edited in place), it is that one.
 */
export function refusal(error: unknown, written: string[]): unknown {
  const value = toErrorValue(error);
  if (value.code !== 'CONSTRAINT') return error;
  const column = refusedColumn(error) ?? (written.length === 1 ? (written[0] ?? null) : null);
  const spec = column === null ? undefined : fieldNamed(column);
  if (spec === undefined) return new AppError('CONSTRAINT', value.message);
  const why =
    spec.name === 'focus_group_id'
      ? 'names a sector the database does not have'
      : spec.name === 'organization_id'
        ? 'is already taken by another organization'
        : `was refused by the database (${describeRule(spec).toLowerCase()})`;
  return new AppError('CONSTRAINT', `${spec.label} ${why}`, spec.name);
}

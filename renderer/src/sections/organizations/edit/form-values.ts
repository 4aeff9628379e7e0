import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import { checkFieldValue, fieldText, parseFieldText, type FieldSpec } from '../../../../../shared/org-fields';

/** What a form's inputs hold: text, or the items of a list. */
export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

/** A row's values as the form's inputs show them. */
export function formValues(fields: FieldSpec[], row: OrgRow | null): FormValues {
  const values: FormValues = {};
  for (const spec of fields) {
    const value = row === null ? spec.defaultValue : (row[spec.name] ?? null);
    values[spec.name] = spec.kind === 'array' ? (Array.isArray(value) ? value : []) : fieldText(value);
  }
  return values;
}

/** One input's value read by its field's rules: the typed value, or the reason in words. */
export function readInput(
  spec: FieldSpec,
  input: FormValue | undefined,
): { value: OrgValue } | { error: string } {
  // Typed text is kept as typed (a file's cell may carry the export's formula escape; a person's does not).
  if (spec.kind === 'text' && typeof input === 'string') {
    const value = input.trim() === '' ? null : input;
    const problem = checkFieldValue(spec, value);
    return problem === null ? { value } : { error: `${spec.label} ${problem}` };
  }
  const text = Array.isArray(input) ? JSON.stringify(input) : (input ?? '');
  const parsed = parseFieldText(spec, Array.isArray(input) && input.length === 0 ? '' : text);
  return parsed.ok ? { value: parsed.value } : { error: `${spec.label} ${parsed.reason}` };
}

/**
 * The inputs of `fields` as typed values, with a message per field that does not read; only the
 * fields whose text differs from `initial` when it is given (an edit sends what changed).
 */
export function readForm(
  fields: FieldSpec[],
  inputs: FormValues,
  initial: FormValues | null,
): { values: Record<string, OrgValue>; errors: Record<string, string> } {
  const values: Record<string, OrgValue> = {};
  const errors: Record<string, string> = {};
  for (const spec of fields) {
    if (!spec.editable) continue;
    const input = inputs[spec.name];
    if (initial !== null && JSON.stringify(input) === JSON.stringify(initial[spec.name])) continue;
    const read = readInput(spec, input);
    if ('error' in read) errors[spec.name] = read.error;
    else values[spec.name] = read.value;
  }
  return { values, errors };
}

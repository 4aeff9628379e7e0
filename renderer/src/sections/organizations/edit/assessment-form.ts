import type { OrgValue } from '../../../../../shared/domain';
import { ASSESSED_ON, partialReason, readAssessment } from '../../../../../shared/assessment';
import type { FieldSpec } from '../../../../../shared/org-fields';
import { readInput, type FormValues } from './form-values';

/**
 * The form's Assessment section read as one: each input by its field's rule, then all or nothing
 * (the shared schema the backend applies too). The day alone is no assessment: "Assessed on" starts
 * as today, so a form whose scores and TC are empty means none, whatever the day says.
 */
function typed(fields: FieldSpec[], inputs: FormValues) {
  const values: Record<string, OrgValue> = {};
  const errors: Record<string, string> = {};
  for (const spec of fields) {
    const read = readInput(spec, inputs[spec.name]);
    if ('error' in read) errors[spec.name] = read.error;
    else values[spec.name] = read.value;
  }
  if (fields.every((f) => f.name === ASSESSED_ON || (values[f.name] ?? null) === null)) {
    for (const f of fields) values[f.name] = null;
  }
  return { values, errors };
}

/** The values to send (all of the assessment's, or none when it did not change) and each field's message. */
export function readAssessmentInputs(
  fields: FieldSpec[],
  inputs: FormValues,
  initial: FormValues | null,
): { values: Record<string, OrgValue>; errors: Record<string, string> } {
  const now = typed(fields, inputs);
  if (Object.keys(now.errors).length > 0) {
    // A field that does not read was given all the same: the empty ones are named too, at once.
    const errors = { ...now.errors };
    for (const f of fields) {
      const input = inputs[f.name];
      const empty = Array.isArray(input) ? input.length === 0 : (input ?? '').trim() === '';
      if (errors[f.name] === undefined && empty) {
        errors[f.name] = `${f.label} ${partialReason(fields)}`;
      }
    }
    return { values: {}, errors };
  }
  const read = readAssessment(fields, now.values);
  if (!read.ok) {
    return { values: {}, errors: Object.fromEntries(read.problems.map((p) => [p.field, p.message])) };
  }
  const before = initial === null ? null : typed(fields, initial).values;
  const unchanged =
    before === null ? read.assessment === null : JSON.stringify(before) === JSON.stringify(now.values);
  return { values: unchanged ? {} : now.values, errors: {} };
}

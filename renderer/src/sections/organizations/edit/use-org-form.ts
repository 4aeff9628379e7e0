import { useState } from 'react';
import type { OrgRow, OrgValue } from '../../../../../shared/domain';
import type { ErrorValue } from '../../../../../shared/errors';
import { ASSESSED_ON, today } from '../../../../../shared/assessment';
import { fieldsOfSector, type FieldSpec } from '../../../../../shared/org-fields';
import { readAssessmentInputs } from './assessment-form';
import { formValues, readForm, readInput, type FormValue, type FormValues } from './form-values';

export interface OrgForm {
  values: FormValues;
  errors: Record<string, string>;
  sector: string | null;
  /** The fields the chosen sector's organizations hold, the assessment's included. */
  shown: FieldSpec[];
  set: (name: string, value: FormValue) => void;
  /** Checks one field (when the analyst leaves it): its message appears at once. */
  check: (name: string) => void;
  /** Every field read, or null with each message at its field. */
  read: () => Record<string, OrgValue> | null;
  /** A refusal from the backend at the field it names; false when it names none. */
  refuse: (error: ErrorValue) => boolean;
}

/**
 * A form over an organization's fields: its inputs, their messages in words before anything is
 * saved, and the backend's refusals at the field they concern. With a row, `read` gives only what
 * changed (an edit saves those); without, every field (a new organization).
 */
export function useOrgForm(fields: FieldSpec[], row: OrgRow | null): OrgForm {
  const [initial] = useState(() => (row === null ? null : formValues(fields, row)));
  const [values, setValues] = useState<FormValues>(() => {
    const start = formValues(fields, row);
    // "Assessed on" starts as today; with no score and no TC it means no assessment (assessment-form.ts).
    if (start[ASSESSED_ON] === '') start[ASSESSED_ON] = today();
    return start;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Leaving a field checks it once it was changed: tabbing through an empty form says nothing yet.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const sector =
    typeof values.focus_group_id === 'string' && values.focus_group_id !== '' ? values.focus_group_id : null;
  const shown = fieldsOfSector(fields, sector).filter((f) => f.editable);
  const without = (name: string) => {
    const { [name]: _gone, ...rest } = errors;
    return rest;
  };
  return {
    values,
    errors,
    sector,
    shown,
    set: (name, value) => {
      setValues((current) => ({ ...current, [name]: value }));
      if (!touched.has(name)) setTouched(new Set([...touched, name]));
      if (errors[name] !== undefined) setErrors(without(name));
    },
    check: (name) => {
      const spec = fields.find((f) => f.name === name);
      if (spec === undefined || !touched.has(name)) return;
      const read = readInput(spec, values[name]);
      setErrors('error' in read ? { ...errors, [name]: read.error } : without(name));
    },
    read: () => {
      const result = readForm(
        shown.filter((f) => f.assessment !== true),
        values,
        initial,
      );
      const assessment = readAssessmentInputs(
        shown.filter((f) => f.assessment === true),
        values,
        initial,
      );
      const all = { ...result.errors, ...assessment.errors };
      setErrors(all);
      return Object.keys(all).length === 0 ? { ...result.values, ...assessment.values } : null;
    },
    refuse: (error) => {
      if (error.field === undefined || !shown.some((f) => f.name === error.field)) return false;
      setErrors({ ...errors, [error.field]: error.message });
      return true;
    },
  };
}

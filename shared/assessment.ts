import { z } from 'zod';
import type { Dimension, OrgValue } from './domain';
import { checkFieldValue, type FieldSpec } from './org-fields';

/**
 * An organization's assessment as an analyst enters or imports it: one score per dimension (0–100,
 * two decimals; the field is named by the dimension's code, as the export names its column), the
 * talent concentration TC (0–1, four decimals) and the day it was assessed. The rules are the
 * database's CHECKs (SQLite migration 011, PostgreSQL 009) in words. An assessment is all or
 * nothing: every score, TC and the day, or none of them (no assessment, so no score).
 */

export const TALENT_CONCENTRATION = 'talent_concentration';
export const ASSESSED_ON = 'assessed_on';

const base = {
  sector: null,
  required: false,
  editable: true,
  maxLength: null,
  below: null,
  options: null,
  defaultValue: null,
  assessment: true,
} as const;

/** The assessment's fields: the dimensions' scores in their order, then TC and the day. */
export function assessmentFields(
  dimensions: Pick<Dimension, 'dimension_code' | 'dimension_name'>[],
): FieldSpec[] {
  return [
    ...dimensions.map((d): FieldSpec => ({
      ...base,
      name: d.dimension_code,
      label: d.dimension_name,
      kind: 'decimal',
      min: 0,
      max: 100,
      scale: 2,
    })),
    {
      ...base,
      name: TALENT_CONCENTRATION,
      label: 'Talent concentration (TC)',
      kind: 'decimal',
      min: 0,
      max: 1,
      scale: 4,
    },
    { ...base, name: ASSESSED_ON, label: 'Assessed on', kind: 'date', min: null, max: null, scale: null },
  ];
}

/** Why fields are missing from an otherwise given assessment, in words (`missing` of them). */
export function partialReason(fields: FieldSpec[], missing = 1): string {
  const scores = fields.filter((f) => f.kind === 'decimal' && f.name !== TALENT_CONCENTRATION).length;
  return `${missing === 1 ? 'is' : 'are'} required: an assessment has all ${scores} dimension scores, TC and the date, or none of them`;
}

const value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/**
 * The assessment's values (every field present, null for an empty one) checked as one: each field by
 * its rule, then all or nothing. Each issue's path is the field it concerns and its message names it.
 */
export function assessmentSchema(fields: FieldSpec[]) {
  let schema = schemas.get(fields);
  if (schema === undefined) schemas.set(fields, (schema = buildSchema(fields)));
  return schema;
}

/** Built once per list of fields: an import checks every row against the same one. */
const schemas = new WeakMap<FieldSpec[], ReturnType<typeof buildSchema>>();

function buildSchema(fields: FieldSpec[]) {
  return z
    .object(Object.fromEntries(fields.map((f) => [f.name, value.optional()])))
    .superRefine((values, ctx) => {
      for (const spec of fields) {
        const problem = checkFieldValue(spec, values[spec.name] ?? null);
        if (problem !== null) {
          ctx.addIssue({
            code: 'custom',
            path: [spec.name],
            message: `${spec.label} ${problem}`,
            params: { reason: problem },
          });
        }
      }
      const given = fields.filter((f) => (values[f.name] ?? null) !== null);
      if (given.length === 0 || given.length === fields.length) return;
      for (const spec of fields) {
        if ((values[spec.name] ?? null) !== null) continue;
        const reason = partialReason(fields);
        ctx.addIssue({
          code: 'custom',
          path: [spec.name],
          message: `${spec.label} ${reason}`,
          params: { reason },
        });
      }
    });
}

export interface Assessment {
  /** By dimension code. */
  scores: Record<string, number>;
  talent_concentration: number;
  assessed_on: string;
}

export type AssessmentRead =
  { ok: true; assessment: Assessment | null } | { ok: false; problems: AssessmentProblem[] };

/** A field's problem: `message` names the field ("Talent is required: …"), `reason` does not. */
export interface AssessmentProblem {
  field: string;
  message: string;
  reason: string;
}

/** The assessment the values hold (null: none), or each field's problem. */
export function readAssessment(
  fields: FieldSpec[],
  values: Record<string, OrgValue | undefined>,
): AssessmentRead {
  const picked = Object.fromEntries(fields.map((f) => [f.name, values[f.name] ?? null]));
  const parsed = assessmentSchema(fields).safeParse(picked);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0]),
        message: issue.message,
        reason:
          issue.code === 'custom' && typeof issue.params?.reason === 'string'
            ? issue.params.reason
            : issue.message,
      })),
    };
  }
  if (fields.every((f) => picked[f.name] === null)) return { ok: true, assessment: null };
  return { ok: true, assessment: assessmentOfValues(fields, picked) };
}

/** The assessment of values that each field's rule accepted, every field given. */
export function assessmentOfValues(
  fields: FieldSpec[],
  values: Record<string, OrgValue | undefined>,
): Assessment {
  const scores: Record<string, number> = {};
  for (const f of fields)
    if (f.name !== TALENT_CONCENTRATION && f.kind === 'decimal') scores[f.name] = Number(values[f.name]);
  return {
    scores,
    talent_concentration: Number(values[TALENT_CONCENTRATION]),
    assessed_on: String(values[ASSESSED_ON]),
  };
}

/** An assessment as the values of its fields (null for each when there is none). */
export function assessmentValues(
  fields: FieldSpec[],
  assessment: Assessment | null,
): Record<string, OrgValue> {
  const out: Record<string, OrgValue> = {};
  for (const f of fields) {
    out[f.name] =
      assessment === null
        ? null
        : f.name === TALENT_CONCENTRATION
          ? assessment.talent_concentration
          : f.name === ASSESSED_ON
            ? assessment.assessed_on
            : (assessment.scores[f.name] ?? null);
  }
  return out;
}

/** Today as the form's default for "Assessed on", in UTC as the database's dates are. */
export const today = () => new Date().toISOString().slice(0, 10);

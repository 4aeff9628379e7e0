import type { Dimension, OrgRow, OrgValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { assessmentFields, assessmentValues, readAssessment, type Assessment } from '../../shared/assessment';
import type { FieldSpec } from '../../shared/org-fields';
import type { SqlSession } from './sql';

/**
 * Organizations' assessments as the write path stores and reads them, on both engines (the same SQL;
 * `cast` gives PostgreSQL's typed parameters). Scores are rows keyed by dimension_id; analysts name
 * them by the dimension's code, as the export's columns do.
 */

type Cast = (kind: 'id' | 'decimal' | 'date', n: number) => string;

export async function loadDimensions(db: SqlSession): Promise<Dimension[]> {
  return db.rows<Dimension>(
    'SELECT dimension_id, dimension_name, dimension_code, display_order FROM dimensions ORDER BY display_order, dimension_id',
  );
}

/** The assessment's fields as the database's dimensions label them. */
export async function assessmentFieldsOf(db: SqlSession): Promise<FieldSpec[]> {
  return assessmentFields(await loadDimensions(db));
}

/** Takes the assessment's values out of an organization's values: the rest are its columns. */
export function splitAssessment(
  fields: FieldSpec[],
  values: Record<string, OrgValue>,
): { given: Record<string, OrgValue>; rest: Record<string, OrgValue> } {
  const names = new Set(fields.map((f) => f.name));
  const given: Record<string, OrgValue> = {};
  const rest: Record<string, OrgValue> = {};
  for (const [name, value] of Object.entries(values)) (names.has(name) ? given : rest)[name] = value;
  return { given, rest };
}

/** The assessment `given` leads to, over `current` (an edit names only what it changes); INVALID_INPUT at its field otherwise. */
export function mergedAssessment(
  fields: FieldSpec[],
  current: Assessment | null,
  given: Record<string, OrgValue>,
): Assessment | null {
  const read = readAssessment(fields, { ...assessmentValues(fields, current), ...given });
  if (read.ok) return read.assessment;
  const first = read.problems[0];
  throw new AppError('INVALID_INPUT', first?.message ?? 'The assessment is not valid', first?.field);
}

/** The assessments of these organizations (those that have one), scores by dimension code. */
export async function readAssessments(
  db: SqlSession,
  idList: string,
  ids: string[],
): Promise<Map<string, Assessment>> {
  const rows = await db.rows<{
    organization_id: string;
    talent_concentration: number;
    assessed_on: string;
    dimension_code: string | null;
    score: number | null;
  }>(
    `SELECT a.organization_id, a.talent_concentration, a.assessed_on, d.dimension_code, s.score
     FROM organization_assessments a
     LEFT JOIN organization_dimension_scores s ON s.organization_id = a.organization_id
     LEFT JOIN dimensions d ON d.dimension_id = s.dimension_id
     WHERE a.organization_id IN ${idList}`,
    [JSON.stringify(ids)],
  );
  const out = new Map<string, Assessment>();
  for (const row of rows) {
    const id = String(row.organization_id);
    const found = out.get(id) ?? {
      scores: {},
      talent_concentration: Number(row.talent_concentration),
      assessed_on: String(row.assessed_on),
    };
    if (row.dimension_code !== null && row.score !== null)
      found.scores[row.dimension_code] = Number(row.score);
    out.set(id, found);
  }
  return out;
}

/** Rows with their assessment's values beside the view's columns (null for each when there is none). */
export async function withAssessments(db: SqlSession, idList: string, rows: OrgRow[]): Promise<OrgRow[]> {
  if (rows.length === 0) return rows;
  const fields = await assessmentFieldsOf(db);
  const found = await readAssessments(
    db,
    idList,
    rows.map((r) => String(r.organization_id)),
  );
  return rows.map((row) => ({
    ...row,
    ...assessmentValues(fields, found.get(String(row.organization_id)) ?? null),
  }));
}

/** Replaces an organization's assessment (null removes it); its scores go with it (ON DELETE CASCADE). */
export async function writeAssessment(
  db: SqlSession,
  cast: Cast,
  id: string,
  assessment: Assessment | null,
): Promise<void> {
  await db.run(`DELETE FROM organization_assessments WHERE organization_id = ${cast('id', 1)}`, [id]);
  if (assessment === null) return;
  await db.run(
    `INSERT INTO organization_assessments (organization_id, talent_concentration, assessed_on)
     VALUES (${cast('id', 1)}, ${cast('decimal', 2)}, ${cast('date', 3)})`,
    [id, assessment.talent_concentration, assessment.assessed_on],
  );
  const dimensions = new Map((await loadDimensions(db)).map((d) => [d.dimension_code, d.dimension_id]));
  for (const [code, score] of Object.entries(assessment.scores)) {
    const dimension = dimensions.get(code);
    if (dimension === undefined)
      throw new AppError('INVALID_INPUT', `No dimension has the code ${code}`, code);
    await db.run(
      `INSERT INTO organization_dimension_scores (organization_id, dimension_id, score)
       VALUES (${cast('id', 1)}, $2, ${cast('decimal', 3)})`,
      [id, dimension, score],
    );
  }
}

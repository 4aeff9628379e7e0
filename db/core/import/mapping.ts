import { assessmentFields } from '../../../shared/assessment';
import { AppError } from '../../../shared/errors';
import { columnLabel } from '../../../shared/labels';
import type { FieldSpec } from '../../../shared/org-fields';
import { organizationFields } from '../org-fields';
import { loadReference } from '../reference';

/** The view's columns that name a sector another way than focus_group_id does. */
export const sectorColumns = ['sector_name', 'sector_code'] as const;

let assessment: FieldSpec[] | undefined;

/**
 * The assessment's columns: the dimension codes (as the export names their scores), then
 * talent_concentration and assessed_on. Headers match when the file is read, before the database is
 * asked, so the reference's dimensions name them; the writer finds each code's dimension_id.
 */
export function importAssessmentFields(): FieldSpec[] {
  assessment ??= assessmentFields(loadReference().dimensions);
  return assessment;
}

/** What an import can fill: every field, the assessment's, and the sector by its name or code. */
export function importableColumns(): string[] {
  return [
    ...organizationFields().map((f) => f.name),
    ...importAssessmentFields().map((f) => f.name),
    ...sectorColumns,
  ];
}

/** A column's label as the grid (or, for a score, the dimensions table) names it. */
const labelOf = (name: string) =>
  importAssessmentFields().find((f) => f.name === name)?.label ?? columnLabel(name);

/** "Legal name", "legal_name" and " LEGAL  NAME " are the same header. */
const normal = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

let known: Map<string, string> | undefined;

/** A header's column: by the export's name (the view's column), or by the label the grid shows. */
export function matchHeader(header: string): string | null {
  known ??= new Map(
    importableColumns().flatMap((name) => [
      [normal(name), name] as const,
      [normal(labelOf(name)), name] as const,
    ]),
  );
  return known.get(normal(header)) ?? null;
}

/**
 * The suggested mapping of a file's headers. Two headers that are the same text are refused (which
 * one holds the value?); two spellings of one column fill it from the first.
 */
export function suggestMapping(headers: string[]): (string | null)[] {
  const seen = new Map<string, number>();
  headers.forEach((header, i) => {
    const key = normal(header);
    if (key === '') return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `The header names column ${first + 1} and column ${i + 1} both "${header.trim()}": rename or remove one`,
      );
    }
    seen.set(key, i);
  });
  const taken = new Set<string>();
  return headers.map((header) => {
    const column = matchHeader(header);
    if (column === null || taken.has(column)) return null;
    taken.add(column);
    return column;
  });
}

/** A mapping as the analyst left it: every column at most once, each one the import can fill. */
export function checkMapping(headers: string[], mapping: (string | null)[]): void {
  if (mapping.length !== headers.length) {
    throw new AppError(
      'INVALID_INPUT',
      `The mapping has ${mapping.length} entries for ${headers.length} columns`,
    );
  }
  const columns = new Set(importableColumns());
  const used = new Map<string, number>();
  mapping.forEach((column, i) => {
    if (column === null) return;
    if (!columns.has(column))
      throw new AppError('INVALID_INPUT', `Column ${i + 1} maps to ${column}, which an import cannot fill`);
    const first = used.get(column);
    if (first !== undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `Columns ${first + 1} and ${i + 1} both fill ${labelOf(column)}: keep one`,
      );
    }
    used.set(column, i);
  });
}

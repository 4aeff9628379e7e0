import { assessmentOfValues, partialReason, type Assessment } from '../../../shared/assessment';
import type { OrgValue } from '../../../shared/domain';
import type { ExistingChoice, ImportProblem } from '../../../shared/org-import';
import { parseFieldText, type FieldSpec } from '../../../shared/org-fields';
import { uuidv7 } from '../uuid-v7';
import type { CellRow } from './cells';
import { fieldNamed, organizationFields } from '../org-fields';
import { importAssessmentFields } from './mapping';

/** A sector as an import may name it: by id, by name ("Healthcare") or by code. */
export interface SectorRef {
  focus_group_id: string;
  group_name: string;
  group_code: string;
}

/** One valid row, ready for the engine's writer. */
export interface PlannedRow {
  line: number;
  action: 'insert' | 'update' | 'skip';
  id: string;
  sector: string;
  /** The sector the organization has now (an update may move it). */
  previousSector: string | null;
  /** Every mapped field's value (null for an empty cell), organization_id and focus_group_id included. */
  values: Record<string, OrgValue>;
  /** The row's assessment (null: none, which an update removes); undefined when no column holds one. */
  assessment: Assessment | null | undefined;
}

export interface RejectedRow {
  row: CellRow;
  problems: ImportProblem[];
}

export interface PlanContext {
  headers: string[];
  mapping: (string | null)[];
  existing: ExistingChoice;
  sectors: SectorRef[];
  /** The sector of each of these ids that the database holds. */
  lookup(ids: string[]): Promise<Map<string, string>>;
}

/** Per import: duplicates are found across chunks. */
export interface Planner {
  plan(rows: CellRow[]): Promise<{ planned: PlannedRow[]; rejected: RejectedRow[] }>;
}

/**
 * The text as a string of its own. A parser's cell is a slice of the chunk of the file it was read
 * from, and V8 keeps the whole chunk alive for it: the ids and rejected rows kept for the rest of the
 * import would keep their chunks, and so the whole file, in memory.
 */
const ownCopy = (text: string) => ` ${text}`.slice(1);

export function planner(context: PlanContext): Planner {
  const seen = new Map<string, number>();
  const bySector = new Map<string, string>();
  for (const s of context.sectors) {
    bySector.set(s.focus_group_id, s.focus_group_id);
  }
  const byName = new Map(context.sectors.map((s) => [s.group_name.toLowerCase(), s.focus_group_id]));
  const byCode = new Map(context.sectors.map((s) => [s.group_code.toLowerCase(), s.focus_group_id]));
  const sectorName = (id: string) => context.sectors.find((s) => s.focus_group_id === id)?.group_name ?? id;
  const requiredFields = organizationFields().filter((f) => f.required && f.editable && f.kind !== 'sector');
  const assessmentFields = importAssessmentFields();
  const fields = context.mapping.map((column) =>
    column === null ? undefined : (fieldNamed(column) ?? assessmentFields.find((f) => f.name === column)),
  );
  const assessed = context.mapping.some((column) => assessmentFields.some((f) => f.name === column));
  // A required cell left empty is judged per row below (a default may fill it), not by the parser.
  const parsers = fields.map((spec) => (spec === undefined ? undefined : { ...spec, required: false }));
  const headerOf = (column: string) => context.headers[context.mapping.indexOf(column)] ?? column;
  const idColumn = headerOf('organization_id');
  const sectorColumn = headerOf('focus_group_id');

  /** The row's typed values and sector, with every problem of its cells. */
  function read(row: CellRow) {
    const problems: ImportProblem[] = [];
    const values: Record<string, OrgValue> = {};
    let named: { column: string; text: string; id: string | undefined } | null = null;
    context.mapping.forEach((column, i) => {
      if (column === null) return;
      const text = row.cells[i] ?? '';
      const header = context.headers[i] ?? column;
      if (column === 'sector_name' || column === 'sector_code') {
        if (text.trim() !== '' && named === null) {
          const id = (column === 'sector_name' ? byName : byCode).get(text.trim().toLowerCase());
          named = { column: header, text: text.trim(), id };
        }
        return;
      }
      const parsed = parseFieldText(parsers[i] as FieldSpec, text);
      if (parsed.ok) values[column] = parsed.value;
      else problems.push({ row: row.line, column: header, reason: parsed.reason });
    });
    let sector = typeof values.focus_group_id === 'string' ? values.focus_group_id : null;
    if (sector !== null && !bySector.has(sector)) {
      problems.push({ row: row.line, column: sectorColumn, reason: `names an unknown sector: ${sector}` });
      sector = null;
    } else if (sector === null && named !== null) {
      const { column, text, id } = named as { column: string; text: string; id: string | undefined };
      if (id === undefined)
        problems.push({ row: row.line, column, reason: `names an unknown sector: ${text}` });
      sector = id ?? null;
    }
    return { problems, values, sector };
  }

  /** A value of another sector's attribute is a problem; an empty one is left out of the row. */
  function checkSectorColumns(
    row: CellRow,
    values: Record<string, OrgValue>,
    sector: string,
    problems: ImportProblem[],
  ) {
    context.mapping.forEach((column, i) => {
      const spec = fields[i];
      if (spec === undefined || spec.sector === null || spec.sector === sector) return;
      if (values[spec.name] === null || values[spec.name] === undefined) return;
      problems.push({
        row: row.line,
        column: context.headers[i] ?? spec.name,
        reason: `is an attribute of ${sectorName(spec.sector)}, not of ${sectorName(sector)}`,
      });
    });
  }

  /** The columns a row of each sector stores, in the file's order: its own and its sector's. */
  const storedBySector = new Map(
    context.sectors.map(({ focus_group_id: sector }) => {
      const names = fields.flatMap((f) =>
        f !== undefined && (f.sector ?? sector) === sector ? [f.name] : [],
      );
      return [sector, [...new Set(names)]] as const;
    }),
  );

  /**
   * The row's values as the writer takes them, built once in the file's column order: deleting
   * the other sectors' columns from the object read (most of a wide file's) cost more than this.
   */
  function stored(values: Record<string, OrgValue>, id: string, sector: string) {
    const row: Record<string, OrgValue> = {};
    for (const name of storedBySector.get(sector) ?? []) {
      const value = values[name];
      if (value !== undefined) row[name] = value;
    }
    row.organization_id = id;
    row.focus_group_id = sector;
    return row;
  }

  /**
   * The row's assessment, all or nothing (the shared schema's rule): a column left out of the file
   * counts as empty. A cell's own problem was said when it was read, and such a cell left no value;
   * what a partial assessment lacks is one problem of the row, naming every empty column. Each
   * given value already passed its field's rule, so the rest of the schema (readAssessment) is not
   * run again for every row.
   */
  function assessmentOf(row: CellRow, values: Record<string, OrgValue>, problems: ImportProblem[]) {
    if (!assessed) return undefined;
    const empty = assessmentFields.filter((f) => (values[f.name] ?? null) === null);
    if (empty.length === assessmentFields.length) return null;
    if (empty.length === 0) return assessmentOfValues(assessmentFields, values);
    const unread = new Set(problems.map((p) => p.column));
    const columns = empty.map((f) => headerOf(f.name)).filter((column) => !unread.has(column));
    if (columns.length > 0) {
      problems.push({
        row: row.line,
        column: columns.join(', '),
        reason: partialReason(assessmentFields, columns.length),
      });
    }
    return undefined;
  }

  /** A required value left empty: its default where it has one, else a problem (always for a new row). */
  function requiredProblems(
    row: CellRow,
    values: Record<string, OrgValue>,
    action: string,
    problems: ImportProblem[],
  ) {
    for (const spec of requiredFields) {
      const at = context.mapping.indexOf(spec.name);
      if ((values[spec.name] ?? null) !== null || (at < 0 && action !== 'insert')) continue;
      if (spec.defaultValue !== null) Reflect.deleteProperty(values, spec.name);
      else problems.push({ row: row.line, column: context.headers[at] ?? spec.name, reason: 'is required' });
    }
  }

  return {
    async plan(rows) {
      const read_ = rows.map((row) => ({ row, ...read(row) }));
      const ids = read_.flatMap((r) =>
        typeof r.values.organization_id === 'string' ? [r.values.organization_id] : [],
      );
      const existing = ids.length === 0 ? new Map<string, string>() : await context.lookup(ids);
      const planned: PlannedRow[] = [];
      const rejected: RejectedRow[] = [];
      for (const { row, problems, values, sector } of read_) {
        const given = typeof values.organization_id === 'string' ? values.organization_id : null;
        const previous = given === null ? null : (existing.get(given) ?? null);
        if (given !== null) {
          const first = seen.get(given);
          if (first !== undefined)
            problems.push({
              row: row.line,
              column: idColumn,
              reason: `is a duplicate id (also on row ${first})`,
            });
          else seen.set(ownCopy(given), row.line);
        }
        if (previous !== null && context.existing === 'fail') {
          problems.push({
            row: row.line,
            column: idColumn,
            reason: 'is already in the database (choose update or skip)',
          });
        }
        if (sector === null && !problems.some((p) => /sector/.test(p.reason))) {
          problems.push({
            row: row.line,
            column: 'focus_group_id',
            reason: 'is required: a sector id, name or code',
          });
        }
        if (sector !== null) checkSectorColumns(row, values, sector, problems);
        const action = previous === null ? 'insert' : context.existing === 'skip' ? 'skip' : 'update';
        requiredProblems(row, values, action, problems);
        const assessment = assessmentOf(row, values, problems);
        if (problems.length > 0 || sector === null) {
          rejected.push({ row: { line: row.line, cells: row.cells.map(ownCopy) }, problems });
          continue;
        }
        const id = given ?? uuidv7();
        if (action === 'update') {
          delete values.created_at;
          delete values.updated_at;
        }
        planned.push({
          line: row.line,
          action,
          id,
          sector,
          previousSector: previous,
          values: stored(values, id, sector),
          assessment,
        });
      }
      return { planned, rejected };
    },
  };
}

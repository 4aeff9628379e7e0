import type { SeedDifference, SeedResult, SeedTable, SeedTableReport } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { isDuplicate } from './errors';
import type { Reference } from './reference';

/** Seeded weights and calibrations form the baseline version, dated so that reseeding is stable. */
export const SEED_EFFECTIVE_FROM = '2024-01-01';

type Scalar = string | number;

/**
 * A sector's seed change set: made at the start of the baseline's day, whenever the file was
 * seeded, so that "as of" any moment from then on finds the baseline.
 */
export const seedChangeSet = {
  made_at: `${SEED_EFFECTIVE_FROM}T00:00:00.000Z`,
  rationale: 'Seeded from the reference configuration',
  kind: 'seed',
} as const;

/**
 * How one table's rows meet the reference's: which columns make the key a reference row is found
 * by, and which columns are compared once it is found.
 */
interface SeedTableSpec<Row extends Record<string, Scalar>> {
  table: SeedTable;
  /** Plural, as the step's message says it. */
  noun: string;
  key: readonly (keyof Row & string)[];
  compared: readonly (keyof Row & string)[];
}

const specs = {
  focus_groups: {
    table: 'focus_groups',
    noun: 'focus groups',
    key: ['focus_group_id'],
    compared: ['platform', 'group_name', 'group_code', 'display_order'],
  },
  dimensions: {
    table: 'dimensions',
    noun: 'dimensions',
    key: ['dimension_id'],
    compared: ['platform', 'dimension_name', 'dimension_code', 'display_order'],
  },
  focus_group_dimension_weights: {
    table: 'focus_group_dimension_weights',
    noun: 'weights',
    key: ['focus_group_id', 'dimension_id'],
    compared: ['weight'],
  },
  focus_group_calibrations: {
    table: 'focus_group_calibrations',
    noun: 'calibrations',
    key: ['focus_group_id', 'parameter_name'],
    compared: ['parameter_value'],
  },
} as const satisfies Record<SeedTable, SeedTableSpec<Record<string, Scalar>>>;

type Spec<T extends SeedTable> = (typeof specs)[T];
/** What a table is read as to be merged with the reference: its key and compared columns. */
export type ExistingRow<T extends SeedTable> = Record<
  Spec<T>['key'][number] | Spec<T>['compared'][number],
  Scalar
>;

/** The reference's rows of one table, as they are inserted when missing. */
export function seedRows(ref: Reference) {
  const focus_groups = ref.focus_groups.map((g) => ({ ...g, platform: ref.platform }));
  const dimensions = ref.dimensions.map((d) => ({ ...d, platform: ref.platform }));
  const focus_group_dimension_weights = Object.entries(ref.dimension_weights).flatMap(
    ([focus_group_id, rows]) =>
      rows.map(([dimension_id, weight, weight_rationale]) => ({
        focus_group_id,
        dimension_id,
        weight: Number(weight),
        weight_rationale,
        effective_from: SEED_EFFECTIVE_FROM,
      })),
  );
  const focus_group_calibrations = Object.entries(ref.calibrations).flatMap(([focus_group_id, rows]) =>
    rows.map(([parameter_name, value, parameter_type, description]) => ({
      focus_group_id,
      parameter_name,
      parameter_value: Number(value),
      parameter_type,
      description,
      effective_from: SEED_EFFECTIVE_FROM,
    })),
  );
  return { focus_groups, dimensions, focus_group_dimension_weights, focus_group_calibrations };
}

export type SeedRows = ReturnType<typeof seedRows>;
type SeedRow<T extends SeedTable> = SeedRows[T][number];

/**
 * The statements both engines run the same way ($1, $2, … on both): each table's rows as they are
 * merged, each insert with its row's values in order, and the tables' sizes. Which weights and
 * calibrations are current is written per engine (a boolean on PostgreSQL, 0 or 1 on SQLite).
 */
export const seedSql = {
  focusGroups: 'SELECT focus_group_id, platform, group_name, group_code, display_order FROM focus_groups',
  dimensions: 'SELECT dimension_id, platform, dimension_name, dimension_code, display_order FROM dimensions',
  totals: `SELECT (SELECT count(*) FROM focus_groups) AS focus_groups,
    (SELECT count(*) FROM dimensions) AS dimensions,
    (SELECT count(*) FROM focus_group_dimension_weights) AS focus_group_dimension_weights,
    (SELECT count(*) FROM focus_group_calibrations) AS focus_group_calibrations`,
  insert: {
    focus_groups: `INSERT INTO focus_groups (focus_group_id, platform, group_name, group_code, display_order)
      VALUES ($1, $2, $3, $4, $5)`,
    dimensions: `INSERT INTO dimensions (dimension_id, platform, dimension_name, dimension_code, display_order)
      VALUES ($1, $2, $3, $4, $5)`,
    focus_group_dimension_weights: `INSERT INTO focus_group_dimension_weights
      (focus_group_id, dimension_id, weight, weight_rationale, effective_from, change_set_id)
      VALUES ($1, $2, $3, $4, $5, $6)`,
    focus_group_calibrations: `INSERT INTO focus_group_calibrations
      (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from, change_set_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  },
  changeSet: `INSERT INTO config_change_sets (focus_group_id, made_at, author, rationale, kind)
    VALUES ($1, $2, $3, $4, $5) RETURNING change_set_id`,
} as const;

/** The seed change set's values for a sector, in the order of `seedSql.changeSet`'s placeholders. */
export function seedChangeSetValues(sector: string, author: string | null): (string | null)[] {
  return [sector, seedChangeSet.made_at, author, seedChangeSet.rationale, seedChangeSet.kind];
}

/**
 * Each sector's seed change set, made when its first missing value is added (a sector that lacks
 * nothing gets none), by `insert` on the engine's connection.
 */
export function changeSetsBySector<Id extends number | Promise<number>>(
  insert: (sector: string) => Id,
): (sector: string) => Id {
  const made = new Map<string, Id>();
  return (sector) => {
    const known = made.get(sector);
    if (known !== undefined) return known;
    const id = insert(sector);
    made.set(sector, id);
    return id;
  };
}

/** Each insert's bound values, in the order of its placeholders. */
export const seedValues: { [T in SeedTable]: (row: SeedRow<T>) => (string | number)[] } = {
  focus_groups: (g) => [g.focus_group_id, g.platform, g.group_name, g.group_code, g.display_order],
  dimensions: (d) => [d.dimension_id, d.platform, d.dimension_name, d.dimension_code, d.display_order],
  focus_group_dimension_weights: (w) => [
    w.focus_group_id,
    w.dimension_id,
    w.weight,
    w.weight_rationale,
    w.effective_from,
  ],
  focus_group_calibrations: (c) => [
    c.focus_group_id,
    c.parameter_name,
    c.parameter_value,
    c.parameter_type,
    c.description,
    c.effective_from,
  ],
};

export type SeedTotals = Record<SeedTable, number>;

/** Numbers compare as numbers (a DECIMAL may come back as 0.220 or 0.22), the rest as they are. */
function same(a: Scalar, b: Scalar): boolean {
  return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : a === b;
}

/** One table's merge: the reference rows to add, and what is already there. */
export interface SeedPlan<Row> {
  table: SeedTable;
  missing: Row[];
  found: number;
  differing: SeedDifference[];
  /** The key of a row as the report and errors name it: `pe_energy / pe_dim_talent`. */
  name(row: Row): string;
}

/**
 * Matches the reference's rows of `table` with the rows it holds (for weights and calibrations,
 * the current ones): a reference row whose key is held is found and left alone, and each of its
 * compared columns that differs from the reference is named; the others are missing.
 */
export function planSeed<T extends SeedTable, Row extends ExistingRow<T>>(
  table: T,
  reference: Row[],
  existing: ExistingRow<T>[],
): SeedPlan<Row> {
  const spec: SeedTableSpec<Record<string, Scalar>> = specs[table];
  const name = (row: Record<string, Scalar>) => spec.key.map((column) => String(row[column])).join(' / ');
  const held = new Map<string, Record<string, Scalar>>(existing.map((row) => [name(row), row]));
  const plan: SeedPlan<Row> = { table, missing: [], found: 0, differing: [], name };
  for (const row of reference) {
    const current = held.get(name(row));
    if (current === undefined) {
      plan.missing.push(row);
      continue;
    }
    plan.found++;
    const wantedRow: Record<string, Scalar> = row;
    for (const column of spec.compared) {
      const value = current[column];
      const wanted = wantedRow[column];
      if (value !== undefined && wanted !== undefined && !same(value, wanted)) {
        plan.differing.push({ row: name(row), column, value, reference: wanted });
      }
    }
  }
  return plan;
}

/**
 * What to throw when inserting `row` of a plan failed. A duplicate although the row's key was not
 * held means another row stands on one of the table's other unique keys: it is named, so that the
 * team can see which of its rows is in the way (the step's transaction rolls back whole).
 */
export function seedFailure<Row>(plan: SeedPlan<Row>, row: Row, error: unknown): unknown {
  if (!isDuplicate(error)) return error;
  return new AppError(
    'CONFLICT',
    `Cannot add ${plan.name(row)} to ${plan.table}: another row already holds one of its unique values; nothing was seeded`,
  );
}

const kept = (n: number) =>
  n === 1 ? '1 differs from the reference and was kept' : `${n} differ from the reference and were kept`;

function tableText(plan: SeedPlan<unknown>): string {
  const differing = plan.differing.length === 0 ? '' : ` (${kept(plan.differing.length)})`;
  return `${plan.missing.length} ${specs[plan.table].noun} added, ${plan.found} found${differing}`;
}

/**
 * What a seeding step reports: per table, how many reference rows it added and found, the found
 * values that differ from the reference, and the rows the table holds afterwards.
 */
export function seedReport(
  step: SeedResult['step'],
  what: string,
  plans: SeedPlan<unknown>[],
  totals: SeedTotals,
): SeedResult {
  const tables: SeedTableReport[] = plans.map((plan) => ({
    table: plan.table,
    added: plan.missing.length,
    found: plan.found,
    differing: plan.differing,
    total: totals[plan.table],
  }));
  const added = tables.reduce((sum, t) => sum + t.added, 0);
  const found = tables.reduce((sum, t) => sum + t.found, 0);
  const differing = tables.reduce((sum, t) => sum + t.differing.length, 0);
  const message =
    added === 0
      ? `Nothing to add: all ${found} ${what} are already there${differing === 0 ? '' : `; ${kept(differing)}`}`
      : `Seeded ${what}: ${plans.map(tableText).join('; ')}`;
  return { step, tables, message };
}

/** Weights need their sectors and dimensions: NOT_SEEDED while any the reference names is missing. */
export function requireGroupsSeeded(
  rows: Pick<SeedRows, 'focus_group_dimension_weights' | 'focus_group_calibrations'>,
  sectorIds: string[],
  dimensionIds: string[],
): void {
  const sectors = new Set(sectorIds);
  const dimensions = new Set(dimensionIds);
  const ready =
    rows.focus_group_dimension_weights.every(
      (w) => sectors.has(w.focus_group_id) && dimensions.has(w.dimension_id),
    ) && rows.focus_group_calibrations.every((c) => sectors.has(c.focus_group_id));
  if (!ready) throw new AppError('NOT_SEEDED', 'Seed the focus groups and dimensions first');
}

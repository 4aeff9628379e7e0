import type { AsOf } from '../../shared/as-of';
import type {
  CalibrationDetail,
  ChangeSet,
  ChangeSetKind,
  ConfigChange,
  ConfigHistory,
  ConfigItemKind,
  ConfigVersion,
  Dimension,
  Sector,
  WeightDetail,
} from '../../shared/domain';
import { AppError } from '../../shared/errors';
import {
  formatCalibration,
  formatWeight,
  SectorConfig,
  shortDimensionCode,
} from '../../shared/sector-config';

/**
 * The configuration rules both engines follow, apart from how they read and write rows: what a
 * change does to the dated rows, what the screens get, and every sentence a refusal says.
 */

export interface DimensionRow extends Dimension {
  description: string | null;
}

export interface WeightRow {
  weight_id: number;
  dimension_id: string;
  weight: number;
  rationale: string | null;
  effective_from: string;
}

/** A calibration version as both engines read it: exactly what the screen shows of it. */
export type CalibrationRow = CalibrationDetail;

/** The current row of one weight or calibration. */
export interface CurrentRow {
  id: number;
  value: number;
  effective_from: string;
}

export interface VersionRow {
  version_id: number;
  key: string;
  value: number;
  effective_from: string;
  effective_to: string | null;
  is_current: boolean;
  rationale: string | null;
  change_set_id: number;
  /** Its change set's time and author. */
  made_at: string;
  author: string | null;
}

export interface ChangeSetRow {
  change_set_id: number;
  made_at: string;
  author: string | null;
  rationale: string | null;
  kind: ChangeSetKind;
  reverts: number | null;
}

export interface ConfigRepositoryOptions {
  /**
   * The time of new change sets (an ISO instant, UTC): the database's clock unless a test moves it
   * to build a history over several days.
   */
  now?: () => string;
}

export const notSeeded = () =>
  new AppError('NOT_SEEDED', 'No sectors yet: seed the focus groups and dimensions first');

/** NOT_SEEDED when there are no sectors at all, else NOT_FOUND. */
export const unknownSector = (sectorId: string, anySectors: boolean) =>
  anySectors ? new AppError('NOT_FOUND', `Unknown sector: ${sectorId}`) : notSeeded();

/**
 * A dimension by its code (`data_infrastructure`), its id (`pe_dim_data_infra`) or the seed's short
 * code (`data_infra`), as SectorConfig.getDimensionWeight finds a weight.
 */
export function requireDimension<D extends Dimension>(dimensions: D[], key: string): D {
  const dimension =
    dimensions.find((d) => d.dimension_code === key || d.dimension_id === key) ??
    dimensions.find((d) => shortDimensionCode(d.dimension_id) === key);
  if (!dimension) throw new AppError('NOT_FOUND', `Unknown dimension: ${key}`);
  return dimension;
}

const givenTwice = (dimensionCode: string) =>
  new AppError('INVALID_INPUT', `The weight of ${dimensionCode} is given twice`);

/** The dimensions a weights edit names, each once: an unknown or repeated one is refused. */
export function weightEdits<D extends Dimension, E extends { dimension_code: string }>(
  dimensions: D[],
  edits: E[],
): (E & { dimension: D })[] {
  const seen = new Set<string>();
  return edits.map((edit) => {
    const dimension = requireDimension(dimensions, edit.dimension_code);
    if (seen.has(dimension.dimension_id)) throw givenTwice(dimension.dimension_code);
    seen.add(dimension.dimension_id);
    return { ...edit, dimension };
  });
}

export const noCalibration = (groupName: string, name: string) =>
  new AppError(
    'NOT_FOUND',
    `${groupName} has no calibration named ${name}: add it as a new parameter instead`,
  );

export const calibrationExists = (groupName: string, name: string) =>
  new AppError('CONFLICT', `${groupName} already has ${name}: change its value instead`);

/**
 * The optimistic check of an edit: `expected` is the version the editor showed. When another
 * version is current by now, nothing may be saved, and the analyst is told the new value.
 */
export function requireVersion(
  expected: number | undefined,
  current: CurrentRow | undefined,
  kind: ConfigItemKind,
  label: string,
): void {
  if (expected === undefined || current?.id === expected) return;
  const now =
    current === undefined
      ? 'removed'
      : `changed to ${kind === 'weight' ? formatWeight(current.value) : formatCalibration(current.value)}`;
  throw new AppError(
    'CONFLICT',
    `${label} was ${now} by someone else while you were editing; nothing was saved. The new value is shown.`,
  );
}

/**
 * The day a change set's version takes effect: the day it was made, or a current version's own
 * later day (a row another tool dated ahead), so that a closed version never ends before it began.
 */
export function effectiveDay(madeAt: string, current: CurrentRow | undefined): string {
  const day = madeAt.slice(0, 10);
  return current !== undefined && current.effective_from > day ? current.effective_from : day;
}

/** Nothing was in force at `asOf`: it is before the sector's first change set (made at `first`). */
export function beforeFirstVersion(group: Sector, asOf: AsOf, first: string | null): AppError {
  const since = first === null ? '' : `: its first version is of ${first.slice(0, 10)}`;
  return new AppError(
    'NOT_FOUND',
    `${group.group_name} had no configuration in force on ${asOf.label}${since}`,
  );
}

/** What the Sector Configuration screen shows of one sector at one moment (null: now). */
export function sectorDetails(
  group: Sector,
  dimensions: DimensionRow[],
  weightRows: WeightRow[],
  calibrations: CalibrationRow[],
  asOf: AsOf | null,
): { config: SectorConfig; weights: WeightDetail[]; calibrations: CalibrationDetail[] } {
  const byId = new Map(weightRows.map((row) => [row.dimension_id, row]));
  const weights: WeightDetail[] = dimensions.flatMap((d) => {
    const row = byId.get(d.dimension_id);
    if (!row) return [];
    return [
      {
        weight_id: row.weight_id,
        dimension_id: d.dimension_id,
        dimension_code: d.dimension_code,
        dimension_name: d.dimension_name,
        description: d.description,
        weight: row.weight,
        rationale: row.rationale,
        effective_from: row.effective_from,
      },
    ];
  });
  const config = new SectorConfig({
    sectorId: group.focus_group_id,
    groupName: group.group_name,
    groupCode: group.group_code,
    dimensionWeights: Object.fromEntries(weights.map((w) => [w.dimension_code, w.weight])),
    dimensionIds: Object.fromEntries(weights.map((w) => [w.dimension_code, w.dimension_id])),
    calibrations: Object.fromEntries(calibrations.map((c) => [c.parameter_name, c.value])),
    asOf: asOf?.label ?? null,
  });
  return { config, weights, calibrations };
}

/** The change sets with the changes each made: `before` is the item's previous version's value. */
function changeSets(sets: ChangeSetRow[], versions: ConfigVersion[]): ChangeSet[] {
  const changes = new Map<number, ConfigChange[]>();
  const previous = new Map<string, number>();
  // A stable sort: within a change set its weights keep dimension order, then its calibrations.
  const inOrder = [...versions].sort((a, b) => a.change_set_id - b.change_set_id);
  for (const v of inOrder) {
    const item = `${v.kind}:${v.key}`;
    const change: ConfigChange = {
      kind: v.kind,
      key: v.key,
      label: v.label,
      version_id: v.version_id,
      before: previous.get(item) ?? null,
      after: v.value,
    };
    previous.set(item, v.value);
    changes.set(v.change_set_id, [...(changes.get(v.change_set_id) ?? []), change]);
  }
  return sets.map((set) => {
    const own = changes.get(set.change_set_id) ?? [];
    return { ...set, changes: own, changed: own.length };
  });
}

/**
 * Every change set and version of a sector: versions with weights in dimension order, then
 * calibrations (rows in name order); change sets oldest first.
 */
export function sectorHistory(
  group: Sector,
  dimensions: Dimension[],
  weightVersions: VersionRow[],
  calibrationVersions: VersionRow[],
  sets: ChangeSetRow[],
): ConfigHistory {
  const order = new Map(dimensions.map((d, i) => [d.dimension_id, i]));
  const version = (kind: ConfigItemKind, row: VersionRow, key: string, label: string): ConfigVersion => ({
    version_id: row.version_id,
    kind,
    key,
    label,
    value: row.value,
    effective_from: row.effective_from,
    effective_to: row.effective_to,
    is_current: row.is_current,
    rationale: row.rationale,
    change_set_id: row.change_set_id,
    made_at: row.made_at,
    author: row.author,
  });
  const weights = [...weightVersions]
    .sort((a, b) => (order.get(a.key) ?? Infinity) - (order.get(b.key) ?? Infinity))
    .map((row) => {
      const d = dimensions.find((dim) => dim.dimension_id === row.key);
      return version('weight', row, d?.dimension_code ?? row.key, d?.dimension_name ?? row.key);
    });
  const calibrations = calibrationVersions.map((row) => version('calibration', row, row.key, row.key));
  const versions = [...weights, ...calibrations];
  const authors = [...new Set(sets.flatMap((set) => (set.author === null ? [] : [set.author])))].sort();
  return {
    focus_group_id: group.focus_group_id,
    group_name: group.group_name,
    change_sets: changeSets(sets, versions),
    versions,
    authors,
  };
}

/**
 * What reverting to `row` sets: its value again, with a rationale that says where it came from.
 * Refuses an unknown version and the current one.
 */
export function revertChange(
  group: Sector,
  input: { kind: ConfigItemKind; version_id: number; rationale: string },
  row: VersionRow | undefined,
): { key: string; value: number; rationale: string; shown: string } {
  if (!row) {
    throw new AppError('NOT_FOUND', `${group.group_name} has no ${input.kind} version ${input.version_id}`);
  }
  if (row.is_current) throw new AppError('CONFLICT', 'That version is already the current one');
  const shown = input.kind === 'weight' ? formatWeight(row.value) : formatCalibration(row.value);
  const rationale = `Reverted to the value of ${row.effective_from} (${shown}): ${input.rationale}`;
  return { key: row.key, value: row.value, rationale, shown };
}

export const nothingToRevert = (shown: string) =>
  new AppError('CONFLICT', `The current value is already ${shown}: nothing to revert`);

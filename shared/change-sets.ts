import type { ChangeSet, ConfigChange, ConfigHistory, ConfigItemKind, HistoryFilter } from './domain';
import { AppError } from './errors';
import { decimalSum, formatCalibration, formatWeight } from './sector-config';

/** A value as the screens write it: a weight with three decimals, a calibration as stored. */
export const formatValue = (kind: ConfigItemKind, value: number): string =>
  kind === 'weight' ? formatWeight(value) : formatCalibration(value);

/** Whether a change is of the item the filter names (a dimension by its code, a calibration by name). */
function matchesItem(change: ConfigChange, filter: HistoryFilter): boolean {
  if (filter.dimension === undefined && filter.calibration === undefined) return true;
  return (
    (change.kind === 'weight' && change.key === filter.dimension) ||
    (change.kind === 'calibration' && change.key === filter.calibration)
  );
}

/**
 * The change sets History shows under a filter: by its author, and touching its dimension or
 * calibration (with only that item's changes, `changed` still counting all). Versions and the
 * list of authors stay whole: the timeline and the filter's choices do not narrow.
 */
export function filterHistory(history: ConfigHistory, filter: HistoryFilter): ConfigHistory {
  const change_sets = history.change_sets.flatMap((set) => {
    if (filter.author !== undefined && set.author !== filter.author) return [];
    const changes = set.changes.filter((change) => matchesItem(change, filter));
    return changes.length === 0 ? [] : [{ ...set, changes }];
  });
  return { ...history, change_sets };
}

/** One value a change set's revert sets back. */
export interface RevertStep {
  kind: ConfigItemKind;
  key: string;
  label: string;
  current: number;
  restored: number;
  /** Another change set changed it after this one: the revert replaces that later value too. */
  changedSince: boolean;
}

export interface RevertPlan {
  changeSet: ChangeSet;
  steps: RevertStep[];
  /** What the set added: a calibration is never removed, so these stay as they are. */
  kept: ConfigChange[];
  /** The weights' sum once reverted; null when the set changed no weight. */
  weightsSum: number | null;
}

/**
 * What reverting change set `changeSetId` does now: every value it changed goes back to the value
 * it had before the set, as one new change set; values already back are left alone. Refuses an
 * unknown set (NOT_FOUND) and one with nothing left to revert (CONFLICT), in one sentence.
 */
export function revertPlan(history: ConfigHistory, changeSetId: number): RevertPlan {
  const changeSet = history.change_sets.find((set) => set.change_set_id === changeSetId);
  if (changeSet === undefined) {
    throw new AppError('NOT_FOUND', `${history.group_name} has no change set #${changeSetId}`);
  }
  const current = new Map(
    history.versions.filter((v) => v.is_current).map((v) => [`${v.kind}:${v.key}`, v.value]),
  );
  const steps: RevertStep[] = [];
  const kept: ConfigChange[] = [];
  for (const change of changeSet.changes) {
    const now = current.get(`${change.kind}:${change.key}`);
    if (change.before === null) kept.push(change);
    else if (now !== undefined && now !== change.before) {
      const { kind, key, label } = change;
      steps.push({
        kind,
        key,
        label,
        current: now,
        restored: change.before,
        changedSince: now !== change.after,
      });
    }
  }
  if (steps.length === 0) {
    // A set that only added values (the seed, a new calibration) would otherwise be refused with a
    // sentence that is not true of it.
    const added = kept.length === changeSet.changes.length;
    throw new AppError(
      'CONFLICT',
      added
        ? `Nothing to revert: change set #${changeSetId} only added values, and nothing is ever deleted`
        : `Nothing to revert: every value change set #${changeSetId} changed is already what it was before it`,
    );
  }
  const restored = new Map(steps.map((step) => [`${step.kind}:${step.key}`, step.restored]));
  const weights = [...current].flatMap(([item, value]) =>
    item.startsWith('weight:') ? [restored.get(item) ?? value] : [],
  );
  const weightsSum = steps.some((step) => step.kind === 'weight') ? decimalSum(weights) : null;
  return { changeSet, steps, kept, weightsSum };
}

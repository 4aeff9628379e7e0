import { describe, expect, it } from 'vitest';
import { filterHistory, revertPlan } from './change-sets';
import type { ChangeSet, ConfigChange, ConfigHistory, ConfigVersion } from './domain';

const weight = (key: string, version_id: number, before: number | null, after: number): ConfigChange => ({
  kind: 'weight',
  key,
  label: key,
  version_id,
  before,
  after,
});

function set(id: number, author: string | null, changes: ConfigChange[]): ChangeSet {
  const kind = id === 1 ? 'seed' : 'edit';
  return {
    change_set_id: id,
    made_at: `2025-0${id}-01T00:00:00.000Z`,
    author,
    rationale: `set ${id}`,
    kind,
    reverts: null,
    changes,
    changed: changes.length,
  };
}

/** A sector of three weights: seeded, then two edits; `current` holds the values now. */
function history(current: Record<string, number>, sets: ChangeSet[]): ConfigHistory {
  const versions: ConfigVersion[] = Object.entries(current).map(([key, value], i) => ({
    version_id: 100 + i,
    kind: 'weight',
    key,
    label: key,
    value,
    effective_from: '2025-01-01',
    effective_to: null,
    is_current: true,
    rationale: null,
    change_set_id: 1,
    made_at: '2025-01-01T00:00:00.000Z',
    author: null,
  }));
  return { focus_group_id: 'pe_x', group_name: 'X', change_sets: sets, versions, authors: [] };
}

const sets = [
  set(1, null, [weight('a', 1, null, 0.5), weight('b', 2, null, 0.3), weight('c', 3, null, 0.2)]),
  set(2, 'ann', [weight('a', 4, 0.5, 0.4), weight('b', 5, 0.3, 0.4)]),
  set(3, 'bob', [weight('b', 6, 0.4, 0.35), weight('c', 7, 0.2, 0.25)]),
];

describe('change sets', () => {
  it("reverting one restores each value it changed, marks those changed since, and says the weights' sum", () => {
    const plan = revertPlan(history({ a: 0.4, b: 0.35, c: 0.25 }, sets), 2);
    expect(plan.steps).toEqual([
      { kind: 'weight', key: 'a', label: 'a', current: 0.4, restored: 0.5, changedSince: false },
      { kind: 'weight', key: 'b', label: 'b', current: 0.35, restored: 0.3, changedSince: true },
    ]);
    expect(plan.weightsSum).toBe(1.05);
    // The seed only added: nothing to set back, and it says so.
    expect(() => revertPlan(history({ a: 0.4, b: 0.35, c: 0.25 }, sets), 1)).toThrow(
      'Nothing to revert: change set #1 only added values, and nothing is ever deleted',
    );
    // Set 2 again once its values are back.
    expect(() => revertPlan(history({ a: 0.5, b: 0.3, c: 0.25 }, sets), 2)).toThrow(
      'Nothing to revert: every value change set #2 changed is already what it was before it',
    );
    expect(() => revertPlan(history({}, sets), 9)).toThrow('X has no change set #9');
  });

  it('filters by item (that item only, the count kept) and by author', () => {
    const all = history({}, sets);
    expect(
      filterHistory(all, { dimension: 'c' }).change_sets.map((s) => [
        s.change_set_id,
        s.changes.length,
        s.changed,
      ]),
    ).toEqual([
      [1, 1, 3],
      [3, 1, 2],
    ]);
    expect(filterHistory(all, { author: 'ann' }).change_sets.map((s) => s.change_set_id)).toEqual([2]);
    expect(filterHistory(all, { calibration: 'a' }).change_sets).toEqual([]);
  });
});

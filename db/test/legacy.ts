import type { Db } from '../sqlite/connection';
import { migrations } from '../sqlite/migrate';
import { loadReference } from '../core/reference';
import { seedRows } from '../core/seeding';
import { seedSectorsAndDimensions } from '../sqlite/seeding';

/** The first migration of change sets (issue 24): files below it are what earlier versions left. */
export const changeSetMigration = migrations().findIndex((m) => m.name.endsWith('_change_sets.sql')) + 1;

/** Applies the migrations below `version` by hand, as the app of that version left a file. */
export function migrateBelow(db: Db, version: number): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const m of migrations().slice(0, version - 1)) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
}

/**
 * Seeds a file of a schema before change sets as the app of that time did: the sectors and
 * dimensions, then the reference's weights and calibrations as plain rows dated 2024-01-01.
 */
export function seedBeforeChangeSets(db: Db): void {
  seedSectorsAndDimensions(db);
  const { focus_group_dimension_weights: weights, focus_group_calibrations: calibrations } =
    seedRows(loadReference());
  const weight = db.prepare(`INSERT INTO focus_group_dimension_weights
    (focus_group_id, dimension_id, weight, weight_rationale, effective_from)
    VALUES (@focus_group_id, @dimension_id, @weight, @weight_rationale, @effective_from)`);
  const calibration = db.prepare(`INSERT INTO focus_group_calibrations
    (focus_group_id, parameter_name, parameter_value, parameter_type, description, effective_from)
    VALUES (@focus_group_id, @parameter_name, @parameter_value, @parameter_type, @description, @effective_from)`);
  db.transaction(() => {
    weights.forEach((row) => weight.run(row));
    calibrations.forEach((row) => calibration.run(row));
  })();
}

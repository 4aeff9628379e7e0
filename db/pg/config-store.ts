import type pg from 'pg';
import type { SeedResult } from '../../shared/domain';
import { noSchemaError } from '../sqlite/migrate';
import type { ConfigRepository } from '../port';
import { pgConfigRepository } from './config-repo';
import { pgSchemaVersion } from './migrate';
import { pgSeedFocusGroupsDimensions, pgSeedWeightsCalibrations } from './seeding';

export interface PgConfigStore {
  seedFocusGroupsDimensions(): Promise<SeedResult>;
  seedWeightsCalibrations(): Promise<SeedResult>;
  configs: ConfigRepository;
}

/** Seeding and the configuration repository on PostgreSQL. */
export function pgConfigStore(pool: pg.Pool): PgConfigStore {
  // Seeding before `init` is refused as on SQLite (NO_SCHEMA), not with a missing-table error.
  const seed = async (work: () => Promise<SeedResult>) => {
    if ((await pgSchemaVersion(pool)) === 0) throw noSchemaError();
    return work();
  };
  return {
    seedFocusGroupsDimensions: () => seed(() => pgSeedFocusGroupsDimensions(pool)),
    seedWeightsCalibrations: () => seed(() => pgSeedWeightsCalibrations(pool)),
    configs: pgConfigRepository(pool),
  };
}

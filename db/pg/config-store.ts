import type pg from 'pg';
import type { SeedResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { ConfigRepository } from '../repositories';

export interface PgConfigStore {
  seedFocusGroupsDimensions(): Promise<SeedResult>;
  seedWeightsCalibrations(): Promise<SeedResult>;
  configs: ConfigRepository;
}

// TEMPORARY (team-mode work in progress): replaced by the PostgreSQL configuration repository.
export function pgConfigStore(pool: pg.Pool): PgConfigStore {
  void pool;
  const notYet = () =>
    Promise.reject(new AppError('INTERNAL', 'PostgreSQL configuration store not built yet'));
  return {
    seedFocusGroupsDimensions: notYet,
    seedWeightsCalibrations: notYet,
    configs: new Proxy({}, { get: () => notYet }) as ConfigRepository,
  };
}

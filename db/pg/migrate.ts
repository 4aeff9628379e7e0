import type pg from 'pg';
import type { MigrationResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appFile } from '../core/app-root';
import { migrationResult, readMigrations, type Migration } from '../core/migrations';
import { inTransaction } from './pool';

let cached: Migration[] | undefined;

/** PostgreSQL's own sequence of migrations, in db/pg/migrations. */
export function pgMigrations(): Migration[] {
  cached ??= readMigrations(appFile('pgMigrations'));
  return cached;
}

// Any 64-bit number of our own: serialises migrations of several instances starting at once.
const migrationLock = 0x53535444;

const trackingTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
)`;

/** The schema version: the highest applied migration, 0 before `init`. */
export async function pgSchemaVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!exists.rows[0]?.present) return 0;
  const { rows } = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

/**
 * Applies pending migrations, each in its own transaction with its row in schema_migrations, under
 * an advisory lock so that instances starting together apply each migration once.
 */
export async function pgMigrate(pool: pg.Pool): Promise<MigrationResult> {
  const all = pgMigrations();
  const applied: number[] = [];
  for (;;) {
    const next = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      await client.query(trackingTable);
      const version = await pgSchemaVersion(client);
      if (version > all.length) {
        throw new AppError(
          'DB_ERROR',
          `This database has schema version ${version}, newer than this app knows (${all.length}); update Sector Studio`,
        );
      }
      const migration = all[version];
      if (!migration) return null;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return migration.version;
    });
    if (next === null) break;
    applied.push(next);
  }
  return migrationResult(applied, await pgSchemaVersion(pool));
}

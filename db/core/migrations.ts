import { readdirSync, readFileSync } from 'node:fs';
import type { MigrationResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered files in `dir` (e.g. 001_schema.sql), in version order, checked to have no gap. */
export function readMigrations(dir: string): Migration[] {
  const found = readdirSync(dir)
    .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: readFileSync(`${dir}/${name}`, 'utf8'),
    }));
  found.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is out of sequence: expected ${i + 1}`);
  });
  return found;
}

/** What a migrate run tells the user, the same on every engine. */
export function migrationResult(applied: number[], version: number): MigrationResult {
  const message =
    applied.length === 0
      ? `Schema already at version ${version}; nothing to do`
      : `Applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; schema at version ${version}`;
  return { applied, version, message };
}

export function noSchemaError(): AppError {
  return new AppError('NO_SCHEMA', 'The database has no schema yet: initialize the database schema first');
}

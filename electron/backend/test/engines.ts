import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { typeParsers } from '../../../db/pg/pool';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../../test-support/pg-server';

export interface Engine {
  name: 'sqlite' | 'postgres';
  /** Skipped outside CI when the engine is missing; under CI=true a missing engine fails instead. */
  skip: string | null;
  /** A new, empty database: an SQLite file in a temporary folder, or a fresh PostgreSQL database. */
  newDatabase(): Promise<string>;
  /** Runs SQL text as another tool would (psql, sqlite3): outside the app, on its own connection. */
  script(url: string, sql: string): Promise<void>;
  /**
   * Runs statements in one transaction on a connection of its own, as a script would, and answers
   * each one's rows (numbers as numbers on both engines); committed unless `rollback`.
   */
  statements(
    url: string,
    sql: string[],
    options?: { rollback?: boolean },
  ): Promise<Record<string, unknown>[][]>;
}

let databases = 0;

/**
 * The two engines a storage suite runs against (use with describe.each). PostgreSQL is started once
 * per test file (initdb into a temporary folder, a free port) and stopped after it.
 */
export function storageEngines(): Engine[] {
  const availability = postgresAvailability();
  let server: RunningPostgres | undefined;
  const folders: string[] = [];
  beforeAll(async () => {
    if (availability.available) server = await startPostgres(availability.bin);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  return [
    {
      name: 'sqlite',
      skip: null,
      newDatabase: () => {
        const dir = mkdtempSync(join(tmpdir(), 'sector-studio-engine-'));
        folders.push(dir);
        return Promise.resolve(join(dir, 'studio.db'));
      },
      script: async (file, sql) => {
        const db = new Database(file);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      statements: async (file, sql, options = {}) => {
        const db = new Database(file);
        db.pragma('busy_timeout = 30000');
        try {
          db.exec('BEGIN IMMEDIATE');
          const rows = sql.map((text) => {
            const statement = db.prepare(text);
            if (statement.reader) return statement.all() as Record<string, unknown>[];
            statement.run();
            return [];
          });
          db.exec(options.rollback ? 'ROLLBACK' : 'COMMIT');
          return rows;
        } finally {
          db.close();
        }
      },
    },
    {
      name: 'postgres',
      skip: availability.available ? null : availability.reason,
      newDatabase: () => {
        if (!server) throw new Error('PostgreSQL did not start');
        return server.createDatabase(`studio_${process.pid}_${++databases}`);
      },
      script: async (url, sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      statements: async (url, sql, options = {}) => {
        const client = new pg.Client({ connectionString: url, types: typeParsers });
        await client.connect();
        try {
          await client.query('BEGIN');
          const rows: Record<string, unknown>[][] = [];
          for (const text of sql) rows.push((await client.query<Record<string, unknown>>(text)).rows);
          await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
          return rows;
        } finally {
          await client.end();
        }
      },
    },
  ];
}

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import { toErrorValue } from './errors';

const availability = postgresAvailability();

describe.skipIf(!availability.available)('PostgreSQL errors crossing the boundary', () => {
  let server: RunningPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    if (!availability.available) return;
    server = await startPostgres(availability.bin);
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(`CREATE TABLE t (id INTEGER PRIMARY KEY, w DECIMAL(4,3) NOT NULL CHECK (w BETWEEN 0 AND 1),
        name VARCHAR(5));
      CREATE TABLE c (t_id INTEGER REFERENCES t (id));
      INSERT INTO t VALUES (1, 0.5, 'a');
      CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'rows of t stay' USING ERRCODE = 'check_violation'; END $$;
      CREATE TRIGGER guard BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION guard();`);
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  async function failure(sql: string): Promise<unknown> {
    try {
      await client.query(sql);
      return null;
    } catch (error) {
      return error;
    }
  }

  it('are CONSTRAINT with the same sentences as on SQLite, without SQL or values', async () => {
    const cases: [string, RegExp][] = [
      ['UPDATE t SET w = 0.9 + 0.2', /outside what the column allows/],
      ['UPDATE t SET w = 12.5', /outside what the column allows/],
      ["UPDATE t SET name = 'far too long'", /outside what the column allows/],
      ['INSERT INTO t VALUES (1, 0.2)', /duplicate/],
      ['INSERT INTO c VALUES (9)', /reference to a row that does not exist/],
      ['INSERT INTO t (id) VALUES (2)', /missing required value/],
    ];
    for (const [sql, sentence] of cases) {
      const value = toErrorValue(await failure(sql));
      expect(value.code, sql).toBe('CONSTRAINT');
      expect(value.message, sql).toMatch(/^The database refused/);
      expect(value.message, sql).toMatch(sentence);
      expect(value.message, sql).not.toMatch(/t_w_check|t_pkey|violates|Key \(|12\.5|far too long|\bt\b/);
    }
  });

  it("pass a trigger's own sentence through", async () => {
    expect(toErrorValue(await failure('DELETE FROM t'))).toEqual({
      code: 'CONSTRAINT',
      message: 'rows of t stay',
    });
  });

  it('make lock and serialization conflicts BUSY, saying to retry', async () => {
    for (const state of ['serialization_failure', 'deadlock_detected', 'lock_not_available']) {
      const value = toErrorValue(
        await failure(`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '${state}'; END $$`),
      );
      expect(value, state).toMatchObject({ code: 'BUSY', message: expect.stringMatching(/try again/i) });
    }
    // A real one: a row another session holds, with NOWAIT.
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT * FROM t WHERE id = 1 FOR UPDATE');
      expect(toErrorValue(await failure('SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT')).code).toBe('BUSY');
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('make a missing database one DB_ERROR line, and an unreachable server one UNAVAILABLE line, without credentials', async () => {
    const attempts: [string, string][] = [
      [`postgres://studio:s3cret@127.0.0.1:${server.port}/no_such_database`, 'DB_ERROR'],
      // A port nobody listens on: the pool's own socket error.
      ['postgres://studio:s3cret@127.0.0.1:1/postgres?password=s3cret', 'UNAVAILABLE'],
    ];
    for (const [url, code] of attempts) {
      const lonely = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      const error = await lonely.connect().then(
        () => null,
        (e: unknown) => e,
      );
      await lonely.end().catch(() => {});
      const value = toErrorValue(error);
      expect(value.code, url).toBe(code);
      expect(value.message, url).not.toMatch(/s3cret|\n/);
    }
    const leaked = Object.assign(
      new Error(
        'could not connect to postgres://ann:s3cret@db.example:5432/x?sslmode=require&PassWord=s3cret',
      ),
      { code: '08006', severity: 'FATAL' },
    );
    expect(toErrorValue(leaked)).toEqual({
      code: 'UNAVAILABLE',
      message: 'The database server cannot be reached now: could not connect to postgres://db.example:5432/x',
    });
  });

  it('make a server that shuts down, crashes, starts or drops the connection UNAVAILABLE', async () => {
    for (const state of ['admin_shutdown', 'crash_shutdown', 'cannot_connect_now', 'connection_failure']) {
      const value = toErrorValue(
        await failure(`DO $$ BEGIN RAISE EXCEPTION 'going away' USING ERRCODE = '${state}'; END $$`),
      );
      expect(value, state).toEqual({
        code: 'UNAVAILABLE',
        message: 'The database server cannot be reached now: going away',
      });
    }
    // A session the server ends: its query fails, and the client says so without crashing anything.
    const victim = new pg.Client({ connectionString: server.url });
    victim.on('error', () => {});
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pending = victim.query('SELECT pg_sleep(30)').then(
      () => null,
      (e: unknown) => e,
    );
    await client.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    expect(toErrorValue(await pending).code).toBe('UNAVAILABLE');
    expect(toErrorValue(await victim.query('SELECT 1').catch((e: unknown) => e)).code).toBe('UNAVAILABLE');
    await victim.end().catch(() => {});
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres, type RunningPostgres } from '../../test-support/pg-server';
import { createBackend, type Backend } from '.';
import { ok } from './test/results';

const postgres = postgresAvailability();

/** The same URL as another role (the test server trusts every local login). */
function asRole(url: string, role: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  return parsed.toString();
}

describe.skipIf(!postgres.available)('two analysts on one PostgreSQL', () => {
  let server: RunningPostgres | undefined;
  const open: Backend[] = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(open.map((backend) => backend.close()));
    await server?.stop();
  });

  it("shows each analyst's changes under their PostgreSQL role, unless they set a name", async () => {
    if (!server) throw new Error('PostgreSQL did not start');
    const url = await server.createDatabase('team_authors');
    const admin = await createBackend({ dbFile: url });
    open.push(admin);
    await ok(admin.invoke('schema:init', {}));
    await ok(admin.invoke('seed:sectorsDimensions', {}));
    await ok(admin.invoke('seed:weightsCalibrations', {}));
    // What a team's administrator does once: a group role that may edit, one login per analyst.
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(`CREATE ROLE analysts;
      GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO analysts;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO analysts;
      CREATE ROLE alice LOGIN IN ROLE analysts;
      CREATE ROLE bob LOGIN IN ROLE analysts;`);
    await setup.end();

    const alice = await createBackend({ dbFile: asRole(url, 'alice') });
    const bob = await createBackend({ dbFile: asRole(url, 'bob') });
    open.push(alice, bob);
    expect(await ok(alice.invoke('author:default', {}))).toEqual({
      author: 'alice',
      source: 'database role',
    });

    const edit = (backend: Backend, dimension: string, weight: number, author?: string) =>
      ok(
        backend.invoke('config:updateWeights', {
          focus_group_id: 'pe_retail',
          weights: [{ dimension_code: dimension, weight }],
          rationale: `${dimension} to ${weight}`,
          author,
        }),
      );
    await edit(alice, 'talent', 0.2);
    await edit(bob, 'culture', 0.1);
    await edit(bob, 'leadership', 0.1, 'Robert B.');

    const history = await ok(admin.invoke('config:history', { focus_group_id: 'pe_retail' }));
    expect(history.change_sets.slice(-3).map((set) => [set.author, set.rationale])).toEqual([
      ['alice', 'talent to 0.2'],
      ['bob', 'culture to 0.1'],
      ['Robert B.', 'leadership to 0.1'],
    ]);
    expect(history.authors).toEqual(expect.arrayContaining(['alice', 'bob', 'Robert B.']));
  });
});

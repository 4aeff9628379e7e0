import Database from 'better-sqlite3';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { tempDir } from '../../db/test/helpers';
import { channels, contract, invokePath, type Channel } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { startBrowserHost, type BrowserHost } from '../browser-host/server';
import { createBackend, type Backend } from '.';

const dir = tempDir();
const file = join(dir.dir, 'fuzz.db');
let backend: Backend;
let host: BrowserHost;

/** Every table's rows, hashed: equal before and after means nothing was written. */
function checksum(): string {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const table of tables) {
      hash.update(table);
      // Table names come from sqlite_schema itself.
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate())
        hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const hostileStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE organizations;--",
    "pe_energy' OR '1'='1",
    'a\u0000b',
    'lone \uD800 surrogate',
    '__proto__',
    'constructor',
    'x'.repeat(5_000),
    '',
  ),
);
const hostileNumbers = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  1.5,
  -1,
  2 ** 53,
  1e6,
  0.1234,
);
const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  hostileNumbers,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileStrings, hostileNumbers), { maxLength: 3 }),
  fc.dictionary(hostileStrings, hostileStrings, { maxKeys: 2 }),
);

function fieldsOf(channel: Channel): string[] {
  const shape = (contract[channel].input as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Payloads that look like the channel's input but break it: wrong types, extra and missing fields. */
function malformed(channel: Channel): fc.Arbitrary<unknown> {
  const fields = fieldsOf(channel);
  const keys = fields.length > 0 ? fc.constantFrom(...fields) : hostileStrings;
  return fc
    .oneof(
      hostileValues,
      fc.dictionary(keys, hostileValues, { maxKeys: Math.max(1, fields.length) }),
      fc
        .tuple(fc.dictionary(keys, hostileValues), hostileStrings, hostileValues)
        .map(([base, key, value]) => ({
          ...base,
          [key]: value,
        })),
    )
    .filter((payload) => !contract[channel].input.safeParse(payload).success);
}

beforeAll(async () => {
  backend = await createBackend({ dbFile: file });
  for (const channel of ['schema:init', 'seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
    expect((await backend.invoke(channel, {})).ok).toBe(true);
  }
  expect((await backend.invoke('orgs:insertSample', { count: 70, seed: 1 })).ok).toBe(true);
  // The insert left the Org-AI-R scores stale; recomputed now, not in the background during a check.
  await backend.refreshScores();
  host = await startBrowserHost({ backend, port: 0, staticDir: dir.dir });
}, 60_000);
afterAll(async () => {
  await host.close();
  await backend.close();
  dir.cleanup();
});

describe('malformed input on every channel', () => {
  it.each(channels)(
    '%s: a typed INVALID_INPUT through the dispatcher, and no row changes',
    async (channel) => {
      const before = checksum();
      await fc.assert(
        fc.asyncProperty(malformed(channel), async (payload) => {
          const result = await backend.dispatch(channel, payload);
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        }),
        { numRuns: 60 },
      );
      expect(checksum()).toBe(before);
    },
  );

  it.each(channels)('%s: a 4xx with a typed error over HTTP, and no row changes', async (channel) => {
    const before = checksum();
    await fc.assert(
      fc.asyncProperty(
        malformed(channel).filter(
          (payload) =>
            !contract[channel].input.safeParse(JSON.parse(JSON.stringify(payload) ?? 'null')).success,
        ),
        async (payload) => {
          const reply = await fetch(`${host.url}${invokePath(channel)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(payload) ?? 'null',
          });
          expect(reply.status).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
          const body = (await reply.json()) as Result<unknown>;
          expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        },
      ),
      { numRuns: 25 },
    );
    expect(checksum()).toBe(before);
  });
});

const readOnly = [
  'db:status',
  'schema:describe',
  'sectors:list',
  'dimensions:list',
  'config:get',
  'cache:fetch',
  'cache:stats',
  'cache:log',
  'orgs:query',
] as const satisfies readonly Channel[];

describe('hostile but well-formed reads', () => {
  it('answer with data or a typed error, never an internal one, and change no row', async () => {
    const before = checksum();
    const queries = fc.record(
      {
        focus_group_id: fc.oneof(fc.constant(null), fc.stringMatching(/^pe_[a-z0-9_]{1,20}$/)),
        search: fc.oneof(fc.constant(null), hostileStrings),
        sort: fc.constantFrom('legal_name', 'annual_revenue_usd', 'status', 'sector_name'),
        after: fc.oneof(fc.constant(null), hostileStrings, fc.base64String({ maxLength: 60 })),
        limit: fc.integer({ min: 1, max: 500 }),
      },
      { requiredKeys: [] },
    );
    const facets = fc.record(
      {
        focus_group_id: fc.oneof(fc.constant(null), fc.stringMatching(/^pe_[a-z0-9_]{1,20}$/)),
        search: fc.oneof(fc.constant(null), hostileStrings),
        columns: fc.array(
          fc.oneof(
            fc.constantFrom('focus_group_id', 'status', 'hipaa_certified', 'legal_name'),
            fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        budget: fc.integer({ min: 1, max: 250_000 }),
      },
      { requiredKeys: ['columns'] },
    );
    const calls = fc.oneof(
      queries.map((input) => ['orgs:query', input] as const),
      facets.map((input) => ['orgs:facets', input] as const),
      fc.stringMatching(/^pe_[a-z0-9_]{1,30}$/).map((id) => ['config:get', { focus_group_id: id }] as const),
      fc.stringMatching(/^pe_[a-z0-9_]{1,30}$/).map((id) => ['cache:fetch', { focus_group_id: id }] as const),
      fc.constantFrom(...readOnly).map((channel) => [channel, {}] as const),
    );
    await fc.assert(
      fc.asyncProperty(calls, async ([channel, input]) => {
        const result = await backend.dispatch(channel, input);
        if (!result.ok)
          expect(['INVALID_INPUT', 'NOT_FOUND'], JSON.stringify(result.error)).toContain(result.error.code);
      }),
      { numRuns: 150 },
    );
    expect(checksum()).toBe(before);
  });
});

import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../shared/contract';
import type { ExportRequest } from '../../shared/org-query';
import { EventBus } from '../backend/event-bus';
import { startBrowserHost, type BrowserHost } from './server';

const exports: ExportRequest[] = [];
let host: BrowserHost;

beforeAll(async () => {
  const bus = new EventBus();
  host = await startBrowserHost({
    backend: {
      subscribe: (event, listener) => bus.subscribe(event, listener),
      dispatch: async () => ({ ok: true, value: null }),
      uploadImportFile: () => Promise.reject(new Error('no imports here')),
      rejectedRows: () => '',
      exportOrganizations: async (selection) => {
        exports.push(selection);
        return { rows: 0, cancelled: false };
      },
    },
    port: 0,
    staticDir: tmpdir(),
  });
});

afterAll(() => host.close());

type Query = [string, string][];
type Spoil = (params: Query) => Query;

const valid: Query = [
  ['focus_group_id', 'pe_retail'],
  ['status', 'active'],
  ['search', 'Acme & Co'],
  ['sort', 'annual_revenue_usd'],
  ['dir', 'desc'],
  ['format', 'json'],
  ['where', '[{"column":"store_count","op":"range","min":3}]'],
  ['columns', '["legal_name","store_count"]'],
  ['start', '10'],
  ['limit', '5'],
  ['labels', 'true'],
];
const names = valid.map(([name]) => name);

/** One thing wrong with an otherwise valid query: each of these the route must refuse. */
const mistake: fc.Arbitrary<Spoil> = fc.oneof(
  fc
    .oneof(
      fc.constantFrom('count', 'offset', '__proto__', 'constructor', 'sector', 'toString'),
      fc.stringMatching(/^[a-z_]{1,12}$/).filter((name) => !names.includes(name)),
    )
    .map((name): Spoil => (params) => [...params, [name, '1']]),
  fc.nat().map((i): Spoil => (params) => [...params, params[i % params.length] as [string, string]]),
  fc
    .tuple(
      fc.constantFrom('where', 'columns', 'start', 'limit', 'labels'),
      fc.constantFrom('[', '{"column"', 'legal_name', '[1,'),
    )
    .map(([name, value]): Spoil => (params) => [...params.filter(([n]) => n !== name), [name, value]]),
  fc
    .tuple(
      fc.constantFrom(
        ['dir', 'up'],
        ['format', 'xml'],
        ['status', 'gone'],
        ['sort', 'revenue; DROP TABLE organizations'],
        ['focus_group_id', 'retail'],
        ['where', '[{"column":"x y","op":"is","value":true}]'],
        ['columns', '[]'],
        ['limit', '0'],
        ['start', '-1'],
        ['labels', '"yes"'],
      ),
    )
    .map(([[name, value]]): Spoil => (params) => [...params.filter(([n]) => n !== name), [name, value]]),
);

describe('the export route', () => {
  it('refuses a malformed query string with 400 and one sentence, before any export starts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(valid, { minLength: 1 }), mistake, async (params, spoil) => {
        const query = new URLSearchParams(spoil(params)).toString();
        const reply = await fetch(`${host.url}${httpRoutes.export.path}?${query}`);
        expect(reply.status, query).toBe(400);
        expect(reply.headers.get('content-disposition')).toBeNull();
        const body = (await reply.json()) as { ok: boolean; error: { code: string; message: string } };
        expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        expect(body.error.message).toMatch(
          /^(Parameter \w+ is (given twice|not valid JSON)|Invalid export parameters: [^\n]+)$/,
        );
      }),
      { numRuns: 150 },
    );
    expect(exports).toEqual([]);
  });
});

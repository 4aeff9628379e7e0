import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CacheLogEntry, ProgressEvent } from '../../shared/domain';
import type { ExportRequest } from '../../shared/org-query';
import { AppError, type Result } from '../../shared/errors';
import { tempDir } from '../../db/test/helpers';
import { createBackend, type Backend } from '../backend/index';
import { EventBus } from '../backend/event-bus';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from './server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      // A body cut short must fail the request, not leave it waiting for an end that never comes.
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('error', reject);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function fakeBackend() {
  const bus = new EventBus();
  const calls: { channel: unknown; payload: unknown }[] = [];
  const exports: ExportRequest[] = [];
  const backend: BrowserHostOptions['backend'] = {
    subscribe: (event, listener) => bus.subscribe(event, listener),
    dispatch: async (channel, payload): Promise<Result<unknown>> => {
      calls.push({ channel, payload });
      return { ok: true, value: { echoed: payload ?? null } };
    },
    uploadImportFile: () => Promise.reject(new Error('no imports here')),
    rejectedRows: () => '',
    exportOrganizations: async (selection, destination) => {
      exports.push(selection);
      if (selection.focus_group_id === 'pe_missing')
        throw new AppError('NOT_FOUND', 'Unknown sector: pe_missing');
      if (!('stream' in destination)) throw new Error('the host exports to a stream');
      destination.stream.write('organization_id,legal_name\n');
      destination.stream.write('o1,"Acme, Inc."\n');
      destination.stream.end('o2,Globex\n');
      return { rows: 2, cancelled: false };
    },
  };
  return { backend, bus, calls, exports };
}

let host: BrowserHost;
let staticDir: string;
let fake: ReturnType<typeof fakeBackend>;

function json(origin = host.url): Record<string, string> {
  return { 'Content-Type': 'application/json', Origin: origin };
}

beforeEach(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'browser-host-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Sector Studio</title>');
  await writeFile(join(staticDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fake = fakeBackend();
  host = await startBrowserHost({ backend: fake.backend, port: 0, staticDir, maxBodyBytes: 1000 });
});

afterEach(async () => {
  await host.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('browser host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { hostname, port } = new URL(host.url);
    expect(hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    if (external !== undefined) {
      await expect(send(`http://${external.address}:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('serves the renderer with content types and a strict CSP', async () => {
    const page = await send(`${host.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await send(`${host.url}/assets/index-abc.js`);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await send(`${host.url}/../server.ts`)).status).toBe(404);
    expect((await send(`${host.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await send(`${host.url}/missing.js`)).status).toBe(404);
  });

  it('invokes a channel and answers with its Result', async () => {
    const reply = await send(`${host.url}/api/invoke/config:get`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ focus_group_id: 'pe_retail' }),
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: { focus_group_id: 'pe_retail' } } });
    expect(fake.calls).toEqual([{ channel: 'config:get', payload: { focus_group_id: 'pe_retail' } }]);
  });

  it('answers a typed error with the status its code stands for', async () => {
    const cases = [
      ['INVALID_INPUT', 400],
      ['FORBIDDEN', 403],
      ['NOT_FOUND', 404],
      ['NO_SCHEMA', 409],
      ['CONSTRAINT', 409],
      ['CONFLICT', 409],
      ['BUSY', 503],
      ['INTERNAL', 500],
    ] as const;
    for (const [code, status] of cases) {
      fake.backend.dispatch = async () => ({ ok: false, error: { code, message: `a ${code}` } });
      const reply = await send(`${host.url}/api/invoke/db:status`, {
        method: 'POST',
        headers: json(),
        body: '{}',
      });
      expect(reply.status, code).toBe(status);
      expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code, message: `a ${code}` } });
    }
  });

  it('refuses query parameters nobody declared, __proto__ included', async () => {
    const invoke = await send(`${host.url}/api/invoke/db:status?debug=1`, {
      method: 'POST',
      headers: json(),
      body: '{}',
    });
    expect(invoke.status).toBe(400);
    for (const query of ['__proto__=1', 'constructor=x', 'sort=legal_name&__proto__[polluted]=1']) {
      const reply = await send(`${host.url}/api/export.csv?${query}`);
      expect(reply.status, query).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(fake.exports).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('answers an unknown channel, malformed JSON and oversized bodies with typed errors', async () => {
    const unknown = await send(`${host.url}/api/invoke/db:drop`, {
      method: 'POST',
      headers: json(),
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: db:drop' },
    });

    const malformed = await send(`${host.url}/api/invoke/db:status`, {
      method: 'POST',
      headers: json(),
      body: '{"oops',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const large = await send(`${host.url}/api/invoke/db:status`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ pad: 'x'.repeat(2000) }),
    });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(fake.calls).toEqual([]);
    // The host is still serving after all of that.
    expect((await send(`${host.url}/`)).status).toBe(200);
  });

  it('refuses cross-origin and rebinding requests before any handler runs', async () => {
    const url = `${host.url}/api/invoke/db:status`;
    const foreign = await send(url, { method: 'POST', headers: json('https://evil.example'), body: '{}' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toMatch(/Cross-origin request refused/);

    const rebound = await send(url, {
      method: 'POST',
      headers: { ...json(), Host: `evil.example:${new URL(host.url).port}` },
      body: '{}',
    });
    expect(rebound.status).toBe(403);

    const crossSite = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);

    const form = await send(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);

    const events = await send(`${host.url}/api/events`, { headers: { Origin: 'http://localhost:1' } });
    expect(events.status).toBe(403);
    expect(fake.calls).toEqual([]);
  });

  it('streams every event kind over Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    if (response.body === null) throw new Error('the event stream has no body');
    const reader = response.body.getReader();
    const log: CacheLogEntry = {
      seq: 1,
      type: 'MISS',
      key: 'sector:pe_retail',
      at: 1,
      duration_ms: 0.1,
      message: 'Cache MISS for key: sector:pe_retail',
    };
    const progress: ProgressEvent = { task: 'orgs:insertSample', done: 5, total: 10, finished: false };
    fake.bus.emit('cache:log', log);
    fake.bus.emit('progress', progress);

    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('event: progress')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    expect(text).toContain(`event: cache:log\ndata: ${JSON.stringify(log)}\n\n`);
    expect(text).toContain(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
  });

  it('streams the export as a CSV download named after the sector, parameters checked by the contract', async () => {
    const reply = await send(
      `${host.url}/api/export?focus_group_id=pe_retail&status=active&sort=annual_revenue_usd&dir=desc&search=`,
      { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'navigate' } },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="organizations-retail.csv"');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toBe('organization_id,legal_name\no1,"Acme, Inc."\no2,Globex\n');
    expect(fake.exports).toEqual([
      {
        focus_group_id: 'pe_retail',
        status: 'active',
        sort: 'annual_revenue_usd',
        dir: 'desc',
        format: 'csv',
      },
    ]);

    const all = await send(`${host.url}/api/export`);
    expect(all.headers['content-disposition']).toBe('attachment; filename="organizations-all.csv"');
    expect(fake.exports[1]).toEqual({ sort: 'legal_name', dir: 'asc', format: 'csv' });
  });

  it('downloads the grid view as JSON: column filters and columns travel as JSON text', async () => {
    const where = [{ column: 'plant_count', op: 'range', min: 3 }];
    const columns = ['legal_name', 'plant_count'];
    const query = new URLSearchParams({
      format: 'json',
      sort: 'plant_count',
      where: JSON.stringify(where),
      columns: JSON.stringify(columns),
    });
    const reply = await send(`${host.url}/api/export?${query.toString()}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="organizations-all.json"');
    expect(fake.exports).toEqual([{ sort: 'plant_count', dir: 'asc', format: 'json', where, columns }]);

    for (const bad of [
      'where=[{"column":"x y","op":"is","value":true}]',
      'columns=legal_name',
      'format=xml',
    ]) {
      const refused = await send(`${host.url}/api/export?${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(fake.exports).toHaveLength(1);
  });

  it('answers bad export parameters with 400 and a typed error before the export starts', async () => {
    for (const query of [
      'sort=revenue; DROP TABLE organizations',
      'dir=up',
      'status=gone',
      'limit=0',
      'offset=5',
      'focus_group_id=retail',
      'dir=asc&dir=desc',
    ]) {
      const reply = await send(`${host.url}/api/export?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['content-disposition']).toBeUndefined();
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(fake.exports).toEqual([]);

    const unknown = await send(`${host.url}/api/export?focus_group_id=pe_missing`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Unknown sector: pe_missing' },
    });
    expect((await send(`${host.url}/api/export`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a cross-site or rebinding download request', async () => {
    const url = `${host.url}/api/export`;
    const refused: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
      { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate' },
      { Origin: 'https://evil.example' },
      { Host: `evil.example:${new URL(host.url).port}` },
    ];
    for (const headers of refused) {
      const reply = await send(url, { headers });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Typed into the address bar: the browser says the navigation came from no site at all.
    expect((await send(url, { headers: { 'Sec-Fetch-Site': 'none' } })).status).toBe(200);
    expect(fake.exports).toHaveLength(1);
  });
});

describe('browser host export with the real backend', () => {
  let dir: { dir: string; cleanup: () => void };
  let backend: Backend;
  let realHost: BrowserHost;
  const results: Promise<{ rows: number; cancelled: boolean }>[] = [];

  beforeAll(async () => {
    dir = tempDir();
    backend = await createBackend({ dbFile: join(dir.dir, 'export.db') });
    for (const channel of ['schema:init', 'seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
      expect((await backend.invoke(channel, {})).ok).toBe(true);
    }
    // Enough rows that the CSV outgrows the socket buffers, so the client's abort lands mid-stream.
    expect((await backend.invoke('orgs:insertSample', { count: 30_000, seed: 3 })).ok).toBe(true);
    realHost = await startBrowserHost({
      backend: {
        dispatch: backend.dispatch,
        subscribe: backend.subscribe,
        uploadImportFile: () => Promise.reject(new Error('no imports here')),
        rejectedRows: () => '',
        exportOrganizations: (selection, destination, signal) => {
          const result = backend.exportOrganizations(selection, destination, signal);
          results.push(result);
          return result;
        },
      },
      port: 0,
      staticDir: tmpdir(),
    });
  }, 60_000);

  afterAll(async () => {
    await realHost.close();
    await backend.close();
    dir.cleanup();
  });

  it('downloads every row of the filter in the grid order', async () => {
    const reply = await send(
      `${realHost.url}/api/export?focus_group_id=pe_energy&sort=employee_count&dir=desc`,
    );
    const [header, ...rows] = parse(reply.body) as string[][];
    const employees = rows.map((row) => Number(row[header!.indexOf('employee_count')]));
    expect(await results.at(-1)).toEqual({ rows: rows.length, cancelled: false });
    expect(rows.length).toBeGreaterThan(1000);
    expect(new Set(rows.map((row) => row[header!.indexOf('focus_group_id')]))).toEqual(
      new Set(['pe_energy']),
    );
    expect(employees).toEqual([...employees].sort((a, b) => b - a));
  });

  it('answers an unknown sector with a typed 404 rather than an empty download', async () => {
    const reply = await send(`${realHost.url}/api/export?focus_group_id=pe_unknown`);
    expect(reply.status).toBe(404);
    expect(reply.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stops the export when the client goes away, and the next export runs', async () => {
    const progress: ProgressEvent[] = [];
    const unsubscribe = backend.subscribe('progress', (event) => progress.push(event));
    const controller = new AbortController();
    const response = await fetch(`${realHost.url}/api/export`, { signal: controller.signal });
    expect(response.status).toBe(200);
    await response.body!.getReader().read();
    controller.abort();

    expect(await results.at(-1)).toMatchObject({ cancelled: true });
    const rows = (await results.at(-1))!.rows;
    expect(rows).toBeLessThan(30_000);
    expect(progress.at(-1)).toMatchObject({ task: 'orgs:export', finished: true, done: rows, total: 30_000 });
    unsubscribe();

    const again = await send(`${realHost.url}/api/export?status=archived`);
    expect(again.status).toBe(200);
    expect(await results.at(-1)).toMatchObject({ cancelled: false });
  });

  it('cuts the connection instead of ending it when the export is cancelled', async () => {
    const reply = fetch(`${realHost.url}/api/export`).then(async (response) => {
      const reader = response.body!.getReader();
      await reader.read();
      expect((await backend.invoke('orgs:cancelExport', {})).ok).toBe(true);
      for (;;) if ((await reader.read()).done) return 'complete';
    });
    // A truncated file must not look like a whole one: the browser sees a failed download.
    await expect(reply).rejects.toThrow();
    expect(await results.at(-1)).toMatchObject({ cancelled: true });
  });
});

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import { createBackend, type Backend } from '../backend/index';
import { startBrowserHost, type BrowserHost } from './server';

let dir: ReturnType<typeof tempDir>;
let backend: Backend;
let host: BrowserHost;

beforeAll(async () => {
  dir = tempDir();
  backend = await createBackend({ dbFile: join(dir.dir, 'share.db') });
  for (const channel of ['schema:init', 'seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
    expect((await backend.invoke(channel, {})).ok).toBe(true);
  }
  host = await startBrowserHost({ backend, port: 0, staticDir: tmpdir() });
}, 60_000);

afterAll(async () => {
  await host.close();
  await backend.close();
  dir.cleanup();
});

describe('sharing configurations through the browser host', () => {
  it('downloads one sector or all as the share document', async () => {
    const all = await fetch(`${host.url}/api/config-export.json`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-disposition')).toMatch(
      /^attachment; filename="sector-studio-all-sectors-\d{4}-\d\d-\d\d\.json"$/,
    );
    const document = (await all.json()) as { format: string; sectors: unknown[]; checksum: string };
    expect(document.format).toBe('sector-studio-configuration');
    expect(document.sectors).toHaveLength(7);

    const one = await fetch(`${host.url}/api/config-export.json?focus_group_id=pe_energy`);
    expect(one.headers.get('content-disposition')).toMatch(/filename="sector-studio-pe_energy-/);
    const text = await one.text();
    expect((JSON.parse(text) as { sectors: unknown[] }).sectors).toHaveLength(1);

    // The upload is a JSON body through the contract's channel.
    const preview = await fetch(`${host.url}/api/invoke/config:previewImport`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: host.url },
      body: JSON.stringify({ text }),
    });
    expect(await preview.json()).toMatchObject({
      ok: true,
      value: { differences: [], sectors: ['pe_energy'] },
    });
  });

  it('answers bad parameters, an unknown sector and other methods with typed errors', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['?sector=pe_energy', {}, 400, 'INVALID_INPUT'],
      ['?__proto__=1', {}, 400, 'INVALID_INPUT'],
      ['?focus_group_id=pe_energy&focus_group_id=pe_retail', {}, 400, 'INVALID_INPUT'],
      ['?focus_group_id=energy', {}, 400, 'INVALID_INPUT'],
      ['?focus_group_id=pe_space', {}, 404, 'NOT_FOUND'],
      ['', { method: 'DELETE' }, 405, 'INVALID_INPUT'],
    ];
    for (const [query, init, status, code] of cases) {
      const reply = await fetch(`${host.url}/api/config-export.json${query}`, init);
      expect(reply.status, query).toBe(status);
      expect(reply.headers.get('content-disposition')).toBeNull();
      expect(await reply.json()).toMatchObject({ ok: false, error: { code } });
    }
  });
});

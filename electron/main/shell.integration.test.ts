import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel, invokeChannel, type Channel } from '../../shared/contract';
import type { DbStatus, FetchConfigResult } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { createBackend } from '../backend/index';

import { startShell } from './app';
import { electron, invokeAs, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);

// The shell around the real backend and a real SQLite file; only Electron itself is faked.
const pageUrl = 'app://sector-studio/index.html';
let appData: string;
let closing: Promise<void> | undefined;

function call<T>(channel: Channel, payload: unknown, from = pageUrl): Promise<Result<T>> {
  return invokeAs(from, invokeChannel(channel), payload) as Promise<Result<T>>;
}

async function value<T>(channel: Channel, payload: unknown = {}): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeEach(async () => {
  appData = mkdtempSync(join(tmpdir(), 'sector-studio-shell-'));
  resetFakeElectron(appData);
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.stubEnv('SECTOR_STUDIO_DB', undefined);
  closing = undefined;
  await startShell({
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: '/app/out/renderer',
    createBackend: async (options) => {
      const backend = await createBackend(options);
      const close = backend.close.bind(backend);
      backend.close = () => (closing = close());
      return backend;
    },
  });
});

afterEach(async () => {
  if (!closing) electron.appEvents.emit('will-quit', { preventDefault: () => {} });
  await closing;
  vi.unstubAllEnvs();
  rmSync(appData, { recursive: true, force: true });
});

describe('Electron shell with the real backend', () => {
  it('creates the database in the user-data folder and answers the app page', async () => {
    const dbFile = join(appData, 'Sector Studio', 'sector-studio.db');
    expect(existsSync(dbFile)).toBe(true);

    await value('schema:init');
    await value('seed:sectorsDimensions');
    await value('seed:weightsCalibrations');
    const status = await value<DbStatus>('db:status');
    expect(status).toMatchObject({
      file: dbFile,
      focus_groups: 7,
      dimensions: 7,
      weights: 49,
      calibrations: 30,
    });
  });

  it('refuses a foreign frame, and the database is left as it was', async () => {
    const refused = await call('schema:init', {}, 'https://evil.example/');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await value<DbStatus>('db:status')).schema_version).toBe(0);
  });

  it('pushes the cache log to the window as the service works', async () => {
    await value('schema:init');
    await value('seed:sectorsDimensions');
    await value('seed:weightsCalibrations');
    const send = electron.windows[0]?.webContents.send;
    send?.mockClear();

    const first = await value<FetchConfigResult>('cache:fetch', { focus_group_id: 'pe_financial_services' });
    const second = await value<FetchConfigResult>('cache:fetch', { focus_group_id: 'pe_financial_services' });
    expect([first.source, second.source]).toEqual(['database', 'cache']);

    const logged = send?.mock.calls.map(([name, entry]) => [name, (entry as { type: string }).type]);
    expect(logged).toEqual([
      [eventChannel('cache:log'), 'MISS'],
      [eventChannel('cache:log'), 'SET'],
      // The MISS again, with the time of the whole fetch it started (the renderer replaces it by seq).
      [eventChannel('cache:log'), 'MISS'],
      [eventChannel('cache:log'), 'HIT'],
    ]);
  });

  it('closes the database file before the app quits', async () => {
    await value('schema:init');
    const dbFile = join(appData, 'Sector Studio', 'sector-studio.db');
    expect(existsSync(`${dbFile}-wal`)).toBe(true);

    const quit = { preventDefault: vi.fn() };
    electron.appEvents.emit('will-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalledOnce();
    // The app quits once the backend has closed the file.
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce(), { timeout: 10_000 });
    await closing;

    // The last connection to a WAL database checkpoints and removes the -wal file on close.
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
  });
});

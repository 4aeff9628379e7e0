import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer, startHost } from './host';

/** Builds the renderer and serves it on a free port against a fresh, empty database file. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildRenderer();
  const dir = await mkdtemp(join(tmpdir(), 'sector-studio-e2e-'));
  const host = await startHost(join(dir, 'e2e.db'));
  // Workers inherit the environment, and the config reads baseURL from it.
  process.env.SECTOR_STUDIO_E2E_URL = host.url;
  process.env.SECTOR_STUDIO_E2E_DIR = dir;
  return async () => {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding the app's package.json. Source files (db/), the bundled main process (out/main)
 * and a packaged app.asar sit at different depths below it, so it is found by walking up.
 */
function appRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sector-studio'
    ) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the sector-studio package root');
    dir = parent;
  }
}

/**
 * Every path below the app's root that the app opens at run time, by name. A packaged app holds
 * only what electron-builder.yml's `files` packs, so electron/main/builder-config.test.ts checks
 * each path here against them: a path the app reads is declared here, or appFile cannot open it.
 */
export const runtimePaths = {
  sqliteMigrations: 'db/sqlite/migrations',
  pgMigrations: 'db/pg/migrations',
  reference: 'db/seed/pe-org-air-config.json',
} as const;

export function appFile(path: keyof typeof runtimePaths): string {
  return join(appRoot(), ...runtimePaths[path].split('/'));
}

import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'Sector Studio';
export const dbFileName = 'sector-studio.db';

/**
 * The folder Electron's app.getPath('userData') resolves to for this app, computed without
 * Electron so that the CLI and the browser host open the same file as the desktop app.
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}

/** SECTOR_STUDIO_DB overrides the default database file. */
export function defaultDbFile(env = process.env): string {
  return env.SECTOR_STUDIO_DB ?? join(userDataDir(process.platform, env), dbFileName);
}

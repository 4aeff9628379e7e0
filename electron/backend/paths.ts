import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { describePostgresUrl, isPostgresUrl } from '../../db/pg/pool';

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

/**
 * The database a shell opens when none is named: DATABASE_URL (team mode, PostgreSQL) when set,
 * else the SQLite file.
 */
export function defaultDatabase(env = process.env): string {
  return env.DATABASE_URL || defaultDbFile(env);
}

/**
 * A database named on a command line. A postgres:// URL there may not carry a password, in its user
 * part or as a query parameter (whatever its case or encoding: the driver decodes keys), which
 * every user of the machine could read in the process list; the password comes from the
 * environment (DATABASE_URL, PGPASSWORD) or ~/.pgpass instead. The refusal never repeats the URL.
 */
export function commandLineDatabase(value: string): string {
  if (isPostgresUrl(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new AppError('INVALID_INPUT', 'not a valid postgres:// URL');
    }
    const inQuery = [...url.searchParams.keys()].some((key) => key.toLowerCase() === 'password');
    if (url.password !== '' || inQuery) {
      throw new AppError(
        'INVALID_INPUT',
        'a password on the command line is visible to every user of this machine: set DATABASE_URL or PGPASSWORD instead',
      );
    }
  }
  return value;
}

/** What a person is shown of a database: the file's path, or PostgreSQL's host and name without credentials. */
export function describeDatabase(location: string): string {
  return isPostgresUrl(location) ? describePostgresUrl(location) : location;
}

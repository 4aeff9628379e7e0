import { spawnSync } from 'node:child_process';

/** Whether the sqlite3 shell runs here: the anchor of the export and cold-open figures. */
export function hasSqliteShell(): boolean {
  const run = spawnSync('sqlite3', ['--version'], { stdio: 'ignore' });
  return run.error === undefined && run.status === 0;
}

/** The same where CI must have it (.ci/run installs it): there its absence is an error, not a skip. */
export function sqliteShellOrSkip(): boolean {
  if (hasSqliteShell()) return true;
  if (process.env.CI === 'true') throw new Error('The sqlite3 shell is missing: .ci/run installs it');
  return false;
}

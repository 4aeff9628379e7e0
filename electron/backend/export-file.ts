import { randomBytes } from 'node:crypto';
import { realpathSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { hasSqliteHeader, openInThisProcess } from '../../db/sqlite/file';
import type { TextSink } from '../../db/port';

function identity(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

function isSqliteFile(path: string): boolean {
  try {
    return hasSqliteHeader(path);
  } catch {
    return false;
  }
}

/**
 * Refuses a destination that would destroy data: the open database or its -wal/-shm (under any
 * name or link that reaches them), any other SQLite file, and an existing file unless the user
 * confirmed overwriting it (the save dialog, or --force).
 */
export function checkExportTarget(target: string, dbFile: string, overwrite: boolean): void {
  const protectedFiles = new Set(
    [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].map(identity).filter((id) => id !== null),
  );
  const targetId = identity(target);
  if (targetId === null) return;
  if (protectedFiles.has(targetId)) {
    throw new AppError('INVALID_INPUT', `Refusing to export over the open database (${target})`);
  }
  if (!statSync(target).isFile()) throw new AppError('INVALID_INPUT', `${target} is not a regular file`);
  // Checked before any descriptor is opened on it: closing one would drop this process's locks.
  if (openInThisProcess(target)) {
    throw new AppError('INVALID_INPUT', `Refusing to export over ${target}: this app has it open`);
  }
  if (isSqliteFile(target)) {
    throw new AppError('INVALID_INPUT', `Refusing to export over ${target}: it is an SQLite database`);
  }
  if (!overwrite) {
    throw new AppError('CONFLICT', `${target} already exists (choose another file, or allow overwriting it)`);
  }
}

/** Partial files of exports in progress, removed even when the process is forced to exit. */
const partials = new Set<string>();
process.on('exit', () => {
  for (const path of partials) rmSync(path, { force: true });
});

export interface FileExport<T> {
  target: string;
  dbFile: string;
  overwrite: boolean;
  write(sink: TextSink): Promise<T>;
}

/**
 * Writes an export to a new, exclusively created file with an unpredictable name beside its
 * destination (a planted file or symlink there makes it fail rather than be written through), and
 * renames it into place only when complete. A cancelled or failed export leaves nothing behind.
 */
export async function exportToFile<T extends { cancelled: boolean }>(options: FileExport<T>): Promise<T> {
  const target = resolve(options.target);
  checkExportTarget(target, options.dbFile, options.overwrite);
  let folder: string;
  try {
    folder = realpathSync(dirname(target));
  } catch {
    throw new AppError('NOT_FOUND', `The folder ${dirname(target)} does not exist`);
  }
  const partial = join(folder, `.${basename(target)}.${randomBytes(8).toString('hex')}.partial`);
  const file = await open(partial, 'wx', 0o644).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('INVALID_INPUT', `Cannot write in ${folder}: ${error.code ?? error.message}`);
  });
  partials.add(partial);
  try {
    const result = await options.write(async (chunk) => {
      await file.write(chunk);
    });
    await file.close();
    if (result.cancelled) await rm(partial, { force: true });
    else {
      // The target was checked before a possibly long export; check again just before replacing it.
      checkExportTarget(target, options.dbFile, options.overwrite);
      await rename(partial, target);
    }
    return result;
  } catch (error) {
    await file.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    partials.delete(partial);
  }
}

import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { MAX_IMPORT_BYTES, type ImportSource } from '../../shared/org-import';
import { openImportFile } from '../../db/core/import/run';
import { exportToFile } from './export-file';
import { readUserFile } from './user-file';

/** A file read for an import: the bytes, its name, and where it lies (null for an upload). */
export interface StagedFile {
  bytes: Uint8Array;
  name: string;
  path: string | null;
  /** The last import's rejected rows, for the browser's download. */
  rejected?: string;
}

/** Files kept for the steps after opening (mapping, preview, import); the oldest go first. */
const KEEP = 2;

/**
 * The files the analyst opened for importing, held in memory between the steps. A file this process
 * has open (the database, under any name or link) is refused by readUserFile without a descriptor
 * being opened on it, as is one larger than MAX_IMPORT_BYTES.
 */
export class ImportFiles {
  private readonly staged = new Map<string, StagedFile>();

  constructor(private readonly dbFile: string) {}

  async readPath(path: string): Promise<ImportSource> {
    const bytes = await readUserFile(path, { maxBytes: MAX_IMPORT_BYTES, expected: 'a CSV or Excel file' });
    return this.stage({ bytes, name: basename(path), path });
  }

  async stage(file: StagedFile): Promise<ImportSource> {
    if (file.bytes.length > MAX_IMPORT_BYTES) throw tooLarge(file.name);
    const opened = await openImportFile(file);
    const id = randomBytes(16).toString('hex');
    this.staged.set(id, file);
    while (this.staged.size > KEEP) this.staged.delete(this.staged.keys().next().value as string);
    return {
      import_id: id,
      name: file.name,
      path: file.path,
      bytes: file.bytes.length,
      sheet: opened.sheets[0] ?? null,
      ...opened,
    };
  }

  /** The same file read from another sheet. */
  async sheet(id: string, sheet: string): Promise<ImportSource> {
    const file = this.get(id);
    const opened = await openImportFile(file, sheet);
    return { import_id: id, name: file.name, path: file.path, bytes: file.bytes.length, ...opened, sheet };
  }

  get(id: string): StagedFile {
    const file = this.staged.get(id);
    if (file === undefined)
      throw new AppError('NOT_FOUND', 'The file to import is no longer open here: open it again');
    return file;
  }

  /**
   * Keeps the rejected rows: beside the source as NAME.rejected.csv (NAME.rejected-2.csv, … when one
   * exists), or for the browser's download. Answers the path or the download's name.
   */
  async keepRejected(id: string, csv: string): Promise<string> {
    const file = this.get(id);
    const name = `${basename(file.name, extname(file.name))}.rejected`;
    if (file.path === null) {
      file.rejected = csv;
      return `${name}.csv`;
    }
    for (let n = 1; ; n++) {
      const target = join(dirname(file.path), `${name}${n === 1 ? '' : `-${n}`}.csv`);
      try {
        await exportToFile({
          target,
          dbFile: this.dbFile,
          overwrite: false,
          write: async (sink) => {
            await sink(csv);
            return { cancelled: false };
          },
        });
        return target;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT') || n >= 100) throw error;
      }
    }
  }

  rejected(id: string): string {
    const csv = this.get(id).rejected;
    if (csv === undefined) throw new AppError('NOT_FOUND', 'This import rejected no rows');
    return csv;
  }
}

function tooLarge(name: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `${name} is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB: split it into smaller files`,
  );
}

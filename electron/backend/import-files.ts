import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import { MAX_IMPORT_BYTES, type ImportSource } from '../../shared/org-import';
import { openImportFile, type ImportFile } from '../../db/core/import/run';
import { exportToFile } from './export-file';
import { checkUserFile, tooLarge as tooLargeFile } from './user-file';

/** A file held for an import: where it is read from, and whether it is an upload this process keeps. */
export interface StagedFile extends ImportFile {
  /** Where the user's file lies (null for an upload). */
  source: string | null;
  /** The last import's rejected rows, for the browser's download. */
  rejected?: string;
}

/** Files kept for the steps after opening (mapping, preview, import); the oldest go first. */
const KEEP = 2;
const limits = { maxBytes: MAX_IMPORT_BYTES, expected: 'a CSV or Excel file' };

/**
 * The files the analyst opened for importing, between the steps. None is held in memory: a file on
 * disk is read where it lies at each step (and refused if it changed meanwhile); an upload, or what
 * a pipe or a device gives, is written to a file in a private temporary folder first, removed when
 * the file is let go. A file this process has open (the database, under any name or link) is refused
 * by checkUserFile without a descriptor being opened on it, as is one larger than MAX_IMPORT_BYTES.
 */
export class ImportFiles {
  private readonly staged = new Map<string, StagedFile>();
  private uploads: Promise<string> | null = null;

  constructor(private readonly dbFile: string) {}

  async readPath(path: string): Promise<ImportSource> {
    const info = checkUserFile(path, limits);
    if (!info.isFile()) return this.keep(createReadStream(path), basename(path), path);
    return this.stage({
      path,
      name: basename(path),
      size: info.size,
      modifiedMs: info.mtimeMs,
      source: path,
    });
  }

  /** An uploaded file (or a pipe's bytes), written to the private folder as it arrives. */
  async upload(body: AsyncIterable<Uint8Array>, name: string): Promise<ImportSource> {
    return this.keep(body, name, null);
  }

  private async keep(body: AsyncIterable<Uint8Array>, name: string, source: string | null) {
    this.uploads ??= mkdtemp(join(tmpdir(), 'sector-studio-import-'));
    const path = join(await this.uploads, randomBytes(8).toString('hex'));
    let size = 0;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Uint8Array>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > MAX_IMPORT_BYTES)
              throw source === null ? tooLarge(name) : tooLargeFile(source, limits);
            yield chunk;
          }
        },
        createWriteStream(path, { flags: 'wx' }),
      );
      const info = await stat(path);
      return await this.stage({ path, name, size: info.size, modifiedMs: info.mtimeMs, source });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  private async stage(file: StagedFile): Promise<ImportSource> {
    const opened = await openImportFile(file);
    const id = randomBytes(16).toString('hex');
    this.staged.set(id, file);
    while (this.staged.size > KEEP) {
      const oldest = this.staged.keys().next().value as string;
      await this.release(oldest);
    }
    return {
      import_id: id,
      name: file.name,
      path: file.source,
      bytes: file.size,
      sheet: opened.sheets[0] ?? null,
      ...opened,
    };
  }

  private async release(id: string): Promise<void> {
    const file = this.staged.get(id);
    this.staged.delete(id);
    if (file !== undefined && file.path !== file.source) await rm(file.path, { force: true });
  }

  /** Removes the uploads' folder. */
  async close(): Promise<void> {
    this.staged.clear();
    if (this.uploads !== null) await rm(await this.uploads, { recursive: true, force: true });
    this.uploads = null;
  }

  /** The same file read from another sheet. */
  async sheet(id: string, sheet: string): Promise<ImportSource> {
    const file = this.get(id);
    const opened = await openImportFile(file, sheet);
    return { import_id: id, name: file.name, path: file.source, bytes: file.size, ...opened, sheet };
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
    if (file.source === null) {
      file.rejected = csv;
      return `${name}.csv`;
    }
    for (let n = 1; ; n++) {
      const target = join(dirname(file.source), `${name}${n === 1 ? '' : `-${n}`}.csv`);
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

import type { ConfigDocument } from '../../shared/config-document';
import { exportToFile } from './export-file';

/**
 * Writes a share document the way every export is written: to an exclusively created file beside
 * the target, renamed into place when complete, never over the open database or another SQLite file.
 */
export async function writeConfigDocument(
  target: string,
  document: ConfigDocument,
  options: { dbFile: string; overwrite: boolean },
): Promise<void> {
  await exportToFile({
    target,
    dbFile: options.dbFile,
    overwrite: options.overwrite,
    write: async (sink) => {
      await sink(`${JSON.stringify(document, null, 2)}\n`);
      return { cancelled: false };
    },
  });
}

/** Writes a history CSV the same way: whole file or nothing, never over a database. */
export async function writeHistoryCsv(
  target: string,
  text: string,
  options: { dbFile: string; overwrite: boolean },
): Promise<void> {
  await exportToFile({
    target,
    dbFile: options.dbFile,
    overwrite: options.overwrite,
    write: async (sink) => {
      await sink(text);
      return { cancelled: false };
    },
  });
}

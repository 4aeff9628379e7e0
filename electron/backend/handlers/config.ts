import { configFileName } from '../../../shared/config-document';
import type { ImportPreview, ImportResult } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { writeConfigDocument, writeHistoryCsv } from '../config-file';
import { historyCsv, historyFileName } from '../history-csv';
import type { LockWait } from '../../../db/port';
import type { BackendContext, FeatureHandlers } from './context';

function importMessage(preview: ImportPreview): string {
  const sectors = new Set(preview.differences.map((d) => d.focus_group_id)).size;
  const n = preview.differences.length;
  return n === 0
    ? 'Nothing to do: the file matches the current configuration'
    : `Applied ${n} change${n === 1 ? '' : 's'} to ${sectors} sector${sectors === 1 ? '' : 's'}`;
}

const needsDesktop = () =>
  new AppError('INVALID_INPUT', 'Saving to a file needs the desktop app; the browser downloads instead');

export function configHandlers({
  options,
  storage,
  configService,
  defaultAuthor,
  writeWaits,
}: BackendContext): FeatureHandlers<
  | 'sectors:list'
  | 'dimensions:list'
  | 'config:get'
  | 'config:details'
  | 'config:all'
  | 'config:updateWeight'
  | 'config:updateWeights'
  | 'config:updateCalibration'
  | 'config:addCalibration'
  | 'config:history'
  | 'config:revert'
  | 'config:exportHistory'
  | 'config:revertChangeSet'
  | 'config:cancelWrite'
  | 'author:default'
  | 'config:document'
  | 'config:export'
  | 'config:previewImport'
  | 'config:import'
> {
  /**
   * A write by the author the window sent (else the instance's), its lock wait followed under the
   * window's write id.
   */
  const authored =
    <I extends { author?: string | undefined; write_id?: string | undefined }, R>(
      write: (input: Omit<I, 'author' | 'write_id'> & { author: string }, wait: LockWait) => Promise<R>,
    ) =>
    async ({ author, write_id, ...input }: I): Promise<R> => {
      const by = author ?? (await defaultAuthor()).author;
      return writeWaits.run(write_id, (wait) => write({ ...input, author: by }, wait));
    };

  return {
    'sectors:list': () => storage.listSectors(),
    'dimensions:list': () => storage.listDimensions(),
    // Today's configuration is what the cache holds; a day in the past is read from the database.
    'config:get': async ({ focus_group_id, as_of }) =>
      as_of
        ? storage.loadSectorConfig(focus_group_id, as_of)
        : (await configService.getConfig(focus_group_id)).config,
    'config:details': ({ focus_group_id, as_of }) => storage.loadSectorDetails(focus_group_id, as_of),
    'config:all': () => configService.getAllSectors(),
    'config:updateWeight': authored(async ({ dimension_code, weight, ...input }, wait) => {
      const weights = [{ dimension_code, weight }];
      return (await configService.updateWeights({ ...input, weights }, wait)).config;
    }),
    'config:updateWeights': authored((input, wait) => configService.updateWeights(input, wait)),
    'config:updateCalibration': authored((input, wait) => configService.updateCalibration(input, wait)),
    'config:addCalibration': authored((input, wait) => configService.addCalibration(input, wait)),
    'config:history': ({ focus_group_id, ...filter }) => storage.history(focus_group_id, filter),
    'config:exportHistory': async ({ focus_group_id, ...filter }) => {
      if (!options.chooseHistoryExportPath) throw needsDesktop();
      const history = await storage.history(focus_group_id, filter);
      const path = await options.chooseHistoryExportPath(
        historyFileName(focus_group_id, new Date().toISOString().slice(0, 10)),
      );
      if (path === null) return { path: null, change_sets: 0 };
      // The save dialog has already asked before replacing an existing file.
      await writeHistoryCsv(path, historyCsv(history), { dbFile: options.dbFile, overwrite: true });
      return { path, change_sets: history.change_sets.length };
    },
    'config:revert': authored((input, wait) => configService.revert(input, wait)),
    'config:revertChangeSet': authored((input, wait) => configService.revertChangeSet(input, wait)),
    'config:cancelWrite': ({ write_id }) => ({ cancelled: writeWaits.cancel(write_id) }),
    'author:default': () => defaultAuthor(),
    'config:document': ({ focus_group_id }) => storage.exportDocument(focus_group_id),
    'config:export': async ({ focus_group_id }) => {
      if (!options.chooseConfigExportPath) throw needsDesktop();
      const document = await storage.exportDocument(focus_group_id);
      const path = await options.chooseConfigExportPath(
        configFileName(focus_group_id, document.exported_at.slice(0, 10)),
      );
      if (path === null) return { path: null, sectors: 0 };
      // The save dialog has already asked before replacing an existing file.
      await writeConfigDocument(path, document, { dbFile: options.dbFile, overwrite: true });
      return { path, sectors: document.sectors.length };
    },
    'config:previewImport': ({ text }) => storage.previewImport(text),
    'config:import': authored(async (input, wait): Promise<ImportResult> => {
      const applied = await configService.importDocument(input, wait);
      return { ...applied, applied: applied.differences.length > 0, message: importMessage(applied) };
    }),
  };
}

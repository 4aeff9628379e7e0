import { configFileName } from '../../../shared/config-document';
import type { ImportPreview, ImportResult } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { writeConfigDocument } from '../config-file';
import type { BackendContext, FeatureHandlers } from './context';

function importMessage(preview: ImportPreview): string {
  const sectors = new Set(preview.differences.map((d) => d.focus_group_id)).size;
  const n = preview.differences.length;
  return n === 0
    ? 'Nothing to do: the file matches the current configuration'
    : `Applied ${n} change${n === 1 ? '' : 's'} to ${sectors} sector${sectors === 1 ? '' : 's'}`;
}

export function configHandlers({
  options,
  storage,
  configService,
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
  | 'config:document'
  | 'config:export'
  | 'config:previewImport'
  | 'config:import'
> {
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
    'config:updateWeight': async ({ focus_group_id, dimension_code, weight, rationale }) =>
      (
        await configService.updateWeights({
          focus_group_id,
          weights: [{ dimension_code, weight }],
          rationale,
        })
      ).config,
    'config:updateWeights': (input) => configService.updateWeights(input),
    'config:updateCalibration': (input) => configService.updateCalibration(input),
    'config:addCalibration': (input) => configService.addCalibration(input),
    'config:history': ({ focus_group_id }) => storage.history(focus_group_id),
    'config:revert': (input) => configService.revert(input),
    'config:document': ({ focus_group_id }) => storage.exportDocument(focus_group_id),
    'config:export': async ({ focus_group_id }) => {
      if (!options.chooseConfigExportPath) {
        throw new AppError(
          'INVALID_INPUT',
          'Saving to a file needs the desktop app; the browser downloads instead',
        );
      }
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
    'config:import': async ({ text }): Promise<ImportResult> => {
      const applied = await configService.importDocument(text);
      return { ...applied, applied: applied.differences.length > 0, message: importMessage(applied) };
    },
  };
}

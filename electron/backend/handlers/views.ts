import { AppError } from '../../../shared/errors';
import { parseViewsDocument, viewsDocument, viewsFileName } from '../../../shared/saved-views';
import { exportToFile } from '../export-file';
import type { BackendContext, FeatureHandlers } from './context';

/** The grid's saved views: in the database, shared by every window and instance on it, and as a file. */
export function viewHandlers({
  options,
  storage,
}: BackendContext): FeatureHandlers<
  'views:list' | 'views:save' | 'views:delete' | 'views:import' | 'views:document' | 'views:export'
> {
  const document = async () => viewsDocument(await storage.listViews());
  return {
    'views:list': () => storage.listViews(),
    'views:save': (input) => storage.saveView(input),
    'views:delete': ({ name }) => storage.deleteView(name),
    'views:import': ({ text }) => storage.importViews(parseViewsDocument(text)),
    'views:document': document,
    'views:export': async () => {
      if (!options.chooseViewsExportPath) {
        throw new AppError(
          'INVALID_INPUT',
          'Saving to a file needs the desktop app; the browser downloads instead',
        );
      }
      const file = await document();
      const path = await options.chooseViewsExportPath(viewsFileName(new Date(file.exported_at)));
      if (path === null) return { path: null, views: 0 };
      // The save dialog has already asked before replacing an existing file.
      await exportToFile({
        target: path,
        dbFile: options.dbFile,
        overwrite: true,
        write: async (sink) => {
          await sink(`${JSON.stringify(file, null, 2)}\n`);
          return { cancelled: false };
        },
      });
      return { path, views: file.views.length };
    },
  };
}

import { AppError } from '../../../shared/errors';
import { exportFileName } from '../../../shared/org-query';
import type { BackendContext, FeatureHandlers } from './context';

export function organizationHandlers({
  options,
  storage,
  tasks,
  exportOrganizations,
}: BackendContext): FeatureHandlers<
  | 'orgs:insertSample'
  | 'orgs:cancelInsert'
  | 'orgs:query'
  | 'orgs:columns'
  | 'orgs:rows'
  | 'orgs:facets'
  | 'orgs:export'
  | 'orgs:cancelExport'
> {
  return {
    'orgs:insertSample': ({ count, seed }) =>
      tasks.run('orgs:insertSample', count, (hooks) =>
        storage.insertSampleOrganizations({ count, seed }, hooks),
      ),
    'orgs:cancelInsert': () => ({ cancelled: tasks.cancel('orgs:insertSample') }),
    'orgs:query': (query) => storage.queryOrganizations(query),
    'orgs:columns': () => storage.organizationColumns(),
    'orgs:rows': (window) => storage.organizationRows(window),
    'orgs:facets': (request) => storage.organizationFacets(request),
    'orgs:export': async (request) => {
      if (!options.chooseExportPath) {
        throw new AppError(
          'INVALID_INPUT',
          'Saving to a file needs the desktop app; the browser downloads instead',
        );
      }
      const path = await options.chooseExportPath(exportFileName(request, request.format));
      if (path === null) return { path: null, rows: 0, cancelled: true };
      // The save dialog has already asked before replacing an existing file.
      return { path, ...(await exportOrganizations(request, { file: path, overwrite: true })) };
    },
    'orgs:cancelExport': () => ({ cancelled: tasks.cancel('orgs:export') }),
  };
}

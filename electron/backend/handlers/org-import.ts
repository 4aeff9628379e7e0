import { AppError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/org-import';
import type { ImportFiles } from '../import-files';
import type { BackendContext, FeatureHandlers } from './context';

/** Importing organizations: the file held between the steps, each step a task with progress and Cancel. */
export function organizationImportHandlers(
  { options, storage, tasks }: BackendContext,
  files: ImportFiles,
): FeatureHandlers<
  'orgs:importOpen' | 'orgs:importSheet' | 'orgs:importPreview' | 'orgs:import' | 'orgs:cancelImport'
> {
  const request = (input: ImportOptions) => {
    const { path, name, size, modifiedMs } = files.get(input.import_id);
    return { path, name, size, modifiedMs, options: input };
  };
  return {
    'orgs:importOpen': async () => {
      if (!options.chooseImportPath) {
        throw new AppError(
          'INVALID_INPUT',
          'Opening a file needs the desktop app; the browser uploads it instead',
        );
      }
      const path = await options.chooseImportPath();
      return path === null ? null : files.readPath(path);
    },
    'orgs:importSheet': ({ import_id, sheet }) => files.sheet(import_id, sheet),
    'orgs:importPreview': (input) =>
      tasks.run('orgs:import', 0, (hooks) => storage.previewOrganizationImport(request(input), hooks)),
    'orgs:import': async (input) => {
      const { rejected_csv, ...outcome } = await tasks.run('orgs:import', 0, (hooks) =>
        storage.importOrganizations(request(input), hooks),
      );
      const rejected_file =
        rejected_csv === null ? null : await files.keepRejected(input.import_id, rejected_csv);
      return { ...outcome, rejected_file };
    },
    'orgs:cancelImport': () => ({ cancelled: tasks.cancel('orgs:import') }),
  };
}

import { Option, type Command } from 'commander';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorValue } from '../../shared/errors';
import { existingChoices, type ExistingChoice, type ImportPreview } from '../../shared/org-import';
import type { Backend } from '../backend';
import { CommandError } from './command-error';
import { onInterrupt } from './interrupt';
import { optionValues, withValueOptions, type ValueOptions } from './org-values';
import { progressBar } from './progress';

export interface OrgCommandContext {
  db: () => string;
  withBackend<T>(dbFile: string, create: boolean, run: (backend: Backend) => Promise<T>): Promise<T>;
}

async function call<C extends Channel>(backend: Backend, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await backend.invoke(channel, input);
  if (!result.ok) throw refusal(result.error);
  return result.value;
}

function refusal(error: ErrorValue): CommandError {
  return new CommandError(error.message, error.code === 'INVALID_INPUT' ? 2 : 1);
}

const json = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function printProblems(preview: ImportPreview): void {
  for (const p of preview.problems) console.log(`row ${p.row}, ${p.column}: ${p.reason}`);
  if (preview.problem_count > preview.problems.length) {
    console.log(`… and ${preview.problem_count - preview.problems.length} more problems`);
  }
  console.log(
    `${preview.rows} rows: ${preview.valid} valid (${preview.inserts} new, ${preview.updates} to update, ${preview.skips} to skip), ${preview.invalid} with problems`,
  );
}

/** `org add|update|delete|show` and `import`: the same contract calls as the app's form and import. */
export function addOrgCommands(program: Command, context: OrgCommandContext): void {
  const org = program
    .command('org')
    .description("add, edit, delete or show one of the analyst's organizations");
  withValueOptions(
    org
      .command('add')
      .description('add an organization, with its assessment if given; prints its new organization_id')
      .requiredOption('--sector <focus_group_id>', 'its sector, e.g. pe_technology'),
  ).action((options: ValueOptions & { sector: string }) =>
    context.withBackend(context.db(), false, async (b) => {
      const fields = await call(b, 'orgs:fields', {});
      const { row } = await call(b, 'orgs:add', {
        values: { ...optionValues(fields, options, true), focus_group_id: options.sector },
      });
      console.log(row.organization_id);
    }),
  );
  withValueOptions(
    org
      .command('update')
      .description("change an organization's values or assessment (a new sector moves its attributes)")
      .argument('<organization_id>'),
  ).action((id: string, options: ValueOptions) =>
    context.withBackend(context.db(), false, async (b) => {
      const fields = await call(b, 'orgs:fields', {});
      const current = await call(b, 'orgs:get', { organization_id: id });
      if (current === null) throw new CommandError(`No organization ${id}`, 1);
      const result = await call(b, 'orgs:update', {
        organization_id: id,
        version: String(current.updated_at),
        values: optionValues(fields, options, false),
      });
      if (result.status === 'conflict')
        throw new CommandError(`${id} changed meanwhile: nothing saved, try again`, 1);
      json(result.row);
    }),
  );
  org
    .command('delete')
    .description('delete organizations with their attributes')
    .argument('<organization_id...>')
    .action((ids: string[]) =>
      context.withBackend(context.db(), false, async (b) => {
        const { rows } = await call(b, 'orgs:delete', { ids });
        console.log(`Deleted ${rows.length} of ${ids.length} organizations`);
      }),
    );
  org
    .command('show')
    .description('one organization as JSON, every column of the unified view')
    .argument('<organization_id>')
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .action((id: string) =>
      context.withBackend(context.db(), false, async (b) => {
        const row = await call(b, 'orgs:get', { organization_id: id });
        if (row === null) throw new CommandError(`No organization ${id}`, 1);
        json(row);
      }),
    );

  program
    .command('import')
    .description('import organizations from a CSV or Excel file, in one transaction')
    .argument('<file>', 'a .csv (UTF-8) or .xlsx file')
    .addOption(
      new Option('--format <format>', 'the file format (read from the file by default)').choices([
        'csv',
        'xlsx',
      ]),
    )
    .option('--sheet <name>', "the workbook's sheet (default: the first)")
    .option('--dry-run', 'print the problems and what would change; change nothing')
    .option('--valid-rows', 'import the valid rows and write the rejected ones beside the file')
    .addOption(
      new Option('--existing <choice>', 'rows whose organization_id exists')
        .choices(existingChoices)
        .default('fail'),
    )
    .action(
      (
        file: string,
        options: {
          format?: 'csv' | 'xlsx';
          sheet?: string;
          dryRun?: boolean;
          validRows?: boolean;
          existing: ExistingChoice;
        },
      ) =>
        context.withBackend(context.db(), false, async (b) => {
          const opened = await b.openImportFile(file).catch((error: Error) => {
            throw new CommandError(error.message, 1);
          });
          if (options.format !== undefined && options.format !== opened.format) {
            throw new CommandError(
              `${file} is ${opened.format === 'csv' ? 'a CSV' : 'an Excel'} file, not ${options.format}`,
              2,
            );
          }
          const source =
            options.sheet === undefined
              ? opened
              : await call(b, 'orgs:importSheet', { import_id: opened.import_id, sheet: options.sheet });
          const request = {
            import_id: source.import_id,
            sheet: source.sheet,
            mapping: source.mapping,
            existing: options.existing,
            valid_rows: options.validRows === true,
          };
          const skipped = source.headers.filter((_, i) => source.mapping[i] === null);
          if (skipped.length > 0)
            console.error(`Columns not imported (no such column): ${skipped.join(', ')}`);
          if (options.dryRun) {
            const preview = await call(b, 'orgs:importPreview', request);
            printProblems(preview);
            console.log('Dry run: nothing changed');
            if (preview.invalid > 0 && !request.valid_rows)
              throw new CommandError('The import would be refused', 1);
            return;
          }
          const bar = progressBar();
          const stop = b.subscribe('progress', (p) => {
            if (p.task !== 'orgs:import' || p.total === 0) return;
            if (p.done === 0) bar?.start(p.total, 0);
            bar?.update(p.done);
          });
          const stopInterrupt = onInterrupt(() => void b.invoke('orgs:cancelImport', {}));
          try {
            const summary = await call(b, 'orgs:import', request);
            bar?.stop();
            console.log(summary.message);
            if (summary.rejected_file !== null)
              console.log(`Rejected rows and their reasons: ${summary.rejected_file}`);
            if (!summary.applied && !summary.cancelled && summary.rejected > 0)
              throw new CommandError(summary.message, 1);
          } finally {
            bar?.stop();
            stop();
            stopInterrupt();
          }
        }),
    );
}

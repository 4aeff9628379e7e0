import { Option, type Command } from 'commander';
import type { Channel, Input, Output } from '../../shared/contract';
import type { OrgValue } from '../../shared/domain';
import type { ErrorValue } from '../../shared/errors';
import { existingChoices, type ExistingChoice, type ImportPreview } from '../../shared/org-import';
import { parseFieldText, type FieldSpec } from '../../shared/org-fields';
import { organizationFields } from '../../db/core/org-fields';
import type { Backend } from '../backend';
import { onInterrupt } from './interrupt';
import { progressBar } from './progress';

/** A failure with its exit code: 2 for what the user typed, 1 for a refusal. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

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

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--set column=value` pairs as typed values, each read by its field's rules (a usage error says which). */
function values(pairs: string[]): Record<string, OrgValue> {
  const fields = new Map<string, FieldSpec>(organizationFields().map((f) => [f.name, f]));
  const out: Record<string, OrgValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CommandError(`--set ${pair}: write column=value`, 2);
    const name = pair.slice(0, at).trim();
    const spec = fields.get(name);
    if (spec === undefined) throw new CommandError(`--set ${name}: no such column`, 2);
    const parsed = parseFieldText({ ...spec, required: false }, pair.slice(at + 1));
    if (!parsed.ok) throw new CommandError(`--set ${name}: ${spec.label} ${parsed.reason}`, 2);
    out[name] = parsed.value;
  }
  return out;
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
  org
    .command('add')
    .description('add an organization; prints its new organization_id')
    .requiredOption('--sector <focus_group_id>', 'its sector, e.g. pe_technology')
    .option('--set <column=value>', 'a value (repeat for each column)', collect, [])
    .action((options: { sector: string; set: string[] }) =>
      context.withBackend(context.db(), false, async (b) => {
        const { row } = await call(b, 'orgs:add', {
          values: { ...values(options.set), focus_group_id: options.sector },
        });
        console.log(row.organization_id);
      }),
    );
  org
    .command('update')
    .description("change an organization's values (a new sector moves its attributes)")
    .argument('<organization_id>')
    .option('--set <column=value>', 'a value (repeat for each column)', collect, [])
    .action((id: string, options: { set: string[] }) =>
      context.withBackend(context.db(), false, async (b) => {
        const current = await call(b, 'orgs:get', { organization_id: id });
        if (current === null) throw new CommandError(`No organization ${id}`, 1);
        const result = await call(b, 'orgs:update', {
          organization_id: id,
          version: String(current.updated_at),
          values: values(options.set),
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

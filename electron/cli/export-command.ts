import { Option, type Command } from 'commander';
import { contract, type ParsedInput } from '../../shared/contract';
import { orgSortColumns, orgStatuses, type OrgSortColumn, type OrgStatus } from '../../shared/org-query';
import type { Runner } from './config-commands';
import { onInterrupt } from './interrupt';
import { integer } from './options';
import { progressBar } from './progress';
import { CliError, freshScores } from './run';

/** The export command's options as commander hands them over. */
export interface ExportOptions {
  format: 'csv';
  sector?: string;
  status?: OrgStatus;
  search?: string;
  sort: OrgSortColumn;
  dir: 'asc' | 'desc';
  start?: number;
  limit?: number;
  labels?: boolean;
  out: string;
  force?: boolean;
}

/** The options as the export request of orgs:export, or a usage error naming the option. */
export function exportRequest(options: ExportOptions): ParsedInput<'orgs:export'> {
  const parsed = contract['orgs:export'].input.safeParse({
    focus_group_id: options.sector ?? null,
    status: options.status ?? null,
    search: options.search ?? null,
    sort: options.sort,
    dir: options.dir,
    start: options.start,
    limit: options.limit,
    labels: options.labels,
  });
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CliError(`Invalid export options: ${reason}`, 2);
  }
  return parsed.data;
}

/** The options of `export`, apart from its action (the CLI's tests parse them alone). */
export function exportOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'file format').choices(['csv']).default('csv'))
    .option('--sector <focus_group_id>', 'only this sector')
    .addOption(new Option('--status <status>', 'only this status').choices(orgStatuses))
    .option('--search <text>', 'legal name contains')
    .addOption(new Option('--sort <column>', 'order by').choices(orgSortColumns).default('legal_name'))
    .addOption(new Option('--dir <dir>', 'direction').choices(['asc', 'desc']).default('asc'))
    .option('--start <n>', 'the first row to write, counted from 0 in the sort order', integer('--start', 0))
    .option('--limit <n>', 'write at most this many rows', integer('--limit', 1))
    .option('--labels', 'headers as the screen labels them and booleans as Yes/No')
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--force', 'replace the file if it exists');
}

/** `export`: streams the filtered view, or a part of it, to a CSV file (whole file or nothing). */
export function addExportCommand(program: Command, run: Runner): void {
  exportOptions(
    program
      .command('export')
      .description(
        'write the unified view, or rows of it, as CSV to a file, streamed (whole file or nothing)',
      ),
  ).action((options: ExportOptions) =>
    run(false, async (b) => {
      const request = exportRequest(options);
      await freshScores(b);
      const bar = progressBar();
      const stop = b.subscribe('progress', (p) => {
        if (p.task !== 'orgs:export') return;
        if (p.done === 0) bar?.start(p.total, 0);
        bar?.update(p.done);
      });
      const controller = new AbortController();
      const stopInterrupt = onInterrupt(() => controller.abort());
      try {
        const result = await b.exportOrganizations(
          request,
          { file: options.out, overwrite: options.force === true },
          controller.signal,
        );
        bar?.stop();
        console.error(
          result.cancelled
            ? `Cancelled after ${result.rows} organizations; ${options.out} was not written`
            : `Exported ${result.rows} organizations to ${options.out}`,
        );
      } finally {
        bar?.stop();
        stop();
        stopInterrupt();
      }
    }),
  );
}

import { Command, Option } from 'commander';
import { contract } from '../../shared/contract';
import { orgSortColumns, orgStatuses, type OrgSortColumn, type OrgStatus } from '../../shared/org-query';
import { toErrorValue } from '../../db/core/errors';
import { commandLineDatabase, defaultDatabase } from '../backend/paths';
import { runCacheCli } from '../cache-cli/cache-cli';
import { addConfigCommands, type Runner } from './config-commands';
import { addCopyCommand } from './copy-command';
import { addOrgCommands, CommandError } from './org-commands';
import { formatOrgPage, orgFormats, type OrgFormat } from './format';
import { onInterrupt } from './interrupt';
import { integer } from './options';
import { progressBar } from './progress';
import { call, CliError, cliError, print, withBackend, type Authorship } from './run';

export function buildProgram(): Command {
  const program = new Command('sector-studio')
    .description('Sector Studio on the command line: the same database and code as the desktop app')
    .option(
      '--db <file|url>',
      "an SQLite file, or postgres://host/database for team mode (default: $DATABASE_URL, else the app's file)",
      commandLineDatabase,
    )
    .option(
      '--author <name>',
      'the name your changes are saved under (default: $SECTOR_STUDIO_AUTHOR, else the PostgreSQL role in team mode, else your user name)',
    )
    // Set before the subcommands are added, which inherit it: usage errors then exit with 2.
    .exitOverride();
  const db = () => program.opts<{ db?: string }>().db ?? defaultDatabase();
  const authorship = (): Authorship => {
    const given = program.opts<{ author?: string }>().author;
    if (given !== undefined) return { author: given, authorSource: 'setting' };
    const fromEnvironment = process.env.SECTOR_STUDIO_AUTHOR;
    return fromEnvironment ? { author: fromEnvironment, authorSource: 'environment' } : {};
  };
  const run: Runner = (create, work) => withBackend(db(), create, authorship(), work);

  program
    .command('init')
    .description('create the schema (idempotent)')
    .action(() => run(true, async (b) => console.log((await call(b, 'schema:init', {})).message)));

  program
    .command('seed')
    .description(
      'seed focus groups & dimensions, then all weights & calibrations: adds what is missing, keeps what is there',
    )
    .action(() =>
      run(false, async (b) => {
        for (const step of ['seed:sectorsDimensions', 'seed:weightsCalibrations'] as const) {
          const result = await call(b, step, {});
          console.log(result.message);
          for (const table of result.tables) {
            for (const d of table.differing) {
              console.log(`  kept ${d.row}: ${d.column} ${d.value} (reference ${d.reference})`);
            }
          }
        }
      }),
    );

  program
    .command('seed-orgs')
    .description('insert generated sample organizations with their sector attributes')
    .option('--count <n>', 'how many', integer('--count', 1), 10)
    .option('--seed <s>', 'faker seed: the same seed gives the same organizations', integer('--seed', 0))
    .action((options: { count: number; seed?: number }) =>
      run(false, async (b) => {
        const bar = options.count >= 10_000 ? progressBar() : undefined;
        bar?.start(options.count, 0);
        const stop = b.subscribe('progress', (p) => bar?.update(p.done));
        const stopInterrupt = onInterrupt(() => void b.invoke('orgs:cancelInsert', {}));
        try {
          const result = await call(b, 'orgs:insertSample', { count: options.count, seed: options.seed });
          bar?.stop();
          const verb = result.cancelled ? 'Cancelled after inserting' : 'Inserted';
          console.log(
            `${verb} ${result.inserted} organizations (seed ${result.seed}) in ${result.duration_ms} ms`,
          );
        } finally {
          bar?.stop();
          stop();
          stopInterrupt();
        }
      }),
    );

  program
    .command('status')
    .description('what the database holds and which cache is in use, as JSON')
    .action(() => run(false, async (b) => print(await call(b, 'db:status', {}))));

  program
    .command('sectors')
    .description('list the sectors (focus groups) as JSON')
    .action(() => run(false, async (b) => print(await call(b, 'sectors:list', {}))));

  addConfigCommands(program, run);

  program
    .command('orgs')
    .description('rows of the unified organization view')
    .option('--sector <focus_group_id>', 'only this sector')
    .option('--limit <n>', 'rows per page', integer('--limit', 1), 50)
    .option('--offset <n>', 'rows to skip', integer('--offset', 0), 0)
    .addOption(new Option('--format <format>', 'output format').choices(orgFormats).default('json'))
    .action((options: { sector?: string; limit: number; offset: number; format: OrgFormat }) =>
      run(false, async (b) => {
        const page = await call(b, 'orgs:query', {
          focus_group_id: options.sector ?? null,
          limit: options.limit,
          offset: options.offset,
        });
        process.stdout.write(formatOrgPage(page, options.format));
      }),
    );

  program
    .command('export')
    .description('write the unified view as CSV to a file, streamed (whole file or nothing)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv']).default('csv'))
    .option('--sector <focus_group_id>', 'only this sector')
    .addOption(new Option('--status <status>', 'only this status').choices(orgStatuses))
    .option('--search <text>', 'legal name contains')
    .addOption(new Option('--sort <column>', 'order by').choices(orgSortColumns).default('legal_name'))
    .addOption(new Option('--dir <dir>', 'direction').choices(['asc', 'desc']).default('asc'))
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--force', 'replace the file if it exists')
    .action(
      (options: {
        sector?: string;
        status?: OrgStatus;
        search?: string;
        sort: OrgSortColumn;
        dir: 'asc' | 'desc';
        out: string;
        force?: boolean;
      }) =>
        run(false, async (b) => {
          const parsed = contract['orgs:export'].input.safeParse({
            focus_group_id: options.sector ?? null,
            status: options.status ?? null,
            search: options.search ?? null,
            sort: options.sort,
            dir: options.dir,
          });
          if (!parsed.success) {
            const reason = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
            throw new CliError(`Invalid export options: ${reason}`, 2);
          }
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
              parsed.data,
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

  addCopyCommand(program, db);
  addOrgCommands(program, {
    db,
    withBackend: (dbFile, create, work) => withBackend(dbFile, create, authorship(), work),
  });

  program
    .command('cache-cli')
    .description('an empty embedded keyspace: Redis commands on stdin, one JSON reply per line on stdout')
    .action(() => runCacheCli(process.stdin, process.stdout));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    if (code?.startsWith('commander.')) return 2;
    if (error instanceof CliError || error instanceof CommandError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    // The same typed sentence the app shows: never a driver's class name, a stack or a password.
    const failure = cliError(toErrorValue(error));
    process.stderr.write(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}

process.exitCode = await main(process.argv);

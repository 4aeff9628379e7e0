import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import {
  orgExport,
  orgSortColumns,
  orgStatuses,
  type Channel,
  type Input,
  type OrgSortColumn,
  type OrgStatus,
  type Output,
} from '../../shared/contract';
import { exportToFile } from '../backend/export-file';
import { createBackend, type Backend } from '../backend';
import { defaultDbFile } from '../backend/paths';
import { runCacheCli } from './cache-cli';
import { formatOrgPage, orgFormats, type OrgFormat } from './format';

class CliError extends Error {}

function integer(name: string, min: number) {
  return (text: string) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    }
    return n;
  };
}

async function withBackend<T>(
  dbFile: string,
  create: boolean,
  run: (backend: Backend) => Promise<T>,
): Promise<T> {
  const backend = await createBackend({ dbFile, mustExist: !create });
  try {
    return await run(backend);
  } finally {
    await backend.close();
  }
}

async function call<C extends Channel>(backend: Backend, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await backend.invoke(channel, input);
  if (!result.ok) throw new CliError(result.error.message);
  return result.value;
}

/** A progress bar on stderr when a person is watching. */
function progressBar(): SingleBar | undefined {
  return process.stderr.isTTY ? new SingleBar({ etaBuffer: 20 }) : undefined;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function buildProgram(): Command {
  const program = new Command('sector-studio')
    .description('Sector Studio on the command line: the same database and code as the desktop app')
    .option('--db <file>', 'database file', defaultDbFile())
    // Set before the subcommands are added, which inherit it: usage errors then exit with 2.
    .exitOverride();
  const db = () => program.opts<{ db: string }>().db;

  program
    .command('init')
    .description('create the schema (idempotent)')
    .action(() =>
      withBackend(db(), true, async (b) => console.log((await call(b, 'schema:init', {})).message)),
    );

  program
    .command('seed')
    .description('seed focus groups & dimensions, then all weights & calibrations (idempotent)')
    .action(() =>
      withBackend(db(), false, async (b) => {
        console.log((await call(b, 'seed:focusGroupsDimensions', {})).message);
        console.log((await call(b, 'seed:weightsCalibrations', {})).message);
      }),
    );

  program
    .command('seed-orgs')
    .description('insert generated sample organizations with their sector attributes')
    .option('--count <n>', 'how many', integer('--count', 1), 10)
    .option('--seed <s>', 'faker seed: the same seed gives the same organizations', integer('--seed', 0))
    .action((options: { count: number; seed?: number }) =>
      withBackend(db(), false, async (b) => {
        const bar =
          process.stderr.isTTY && options.count >= 10_000 ? new SingleBar({ etaBuffer: 20 }) : undefined;
        bar?.start(options.count, 0);
        const stop = b.subscribe('progress', (p) => bar?.update(p.done));
        const onSigint = () => void b.invoke('orgs:cancelInsert', {});
        process.once('SIGINT', onSigint);
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
          process.off('SIGINT', onSigint);
        }
      }),
    );

  program
    .command('sectors')
    .description('list the sectors (focus groups) as JSON')
    .action(() => withBackend(db(), false, async (b) => print(await call(b, 'sectors:list', {}))));

  program
    .command('config')
    .description("a sector's configuration as JSON")
    .argument('<focus_group_id>', 'e.g. pe_financial_services')
    .action((id: string) =>
      withBackend(db(), false, async (b) => print(await call(b, 'config:get', { focus_group_id: id }))),
    );

  program
    .command('orgs')
    .description('rows of the unified organization view')
    .option('--sector <focus_group_id>', 'only this sector')
    .option('--limit <n>', 'rows per page', integer('--limit', 1), 50)
    .option('--offset <n>', 'rows to skip', integer('--offset', 0), 0)
    .addOption(new Option('--format <format>', 'output format').choices(orgFormats).default('json'))
    .action((options: { sector?: string; limit: number; offset: number; format: OrgFormat }) =>
      withBackend(db(), false, async (b) => {
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
    .action(
      (options: {
        sector?: string;
        status?: OrgStatus;
        search?: string;
        sort: OrgSortColumn;
        dir: 'asc' | 'desc';
        out: string;
      }) =>
        withBackend(db(), false, async (b) => {
          const filter = orgExport.parse({
            focus_group_id: options.sector ?? null,
            status: options.status ?? null,
            search: options.search ?? null,
            sort: options.sort,
            dir: options.dir,
          });
          const bar = progressBar();
          const stop = b.subscribe('progress', (p) => {
            if (p.task !== 'orgs:export') return;
            if (p.done === 0) bar?.start(p.total, 0);
            bar?.update(p.done);
          });
          try {
            const result = await exportToFile(options.out, (out) => b.exportOrganizations(filter, out));
            bar?.stop();
            console.error(`Exported ${result.rows} organizations to ${options.out}`);
          } finally {
            bar?.stop();
            stop();
          }
        }),
    );

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
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);

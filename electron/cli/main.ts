import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { contract, type Channel, type Input, type Output } from '../../shared/contract';
import { AppError, type ErrorValue } from '../../shared/errors';
import { orgSortColumns, orgStatuses, type OrgSortColumn, type OrgStatus } from '../../shared/org-query';
import { createBackend, type Backend } from '../backend';
import { defaultDbFile } from '../backend/paths';
import { runCacheCli } from './cache-cli';
import { formatOrgPage, orgFormats, type OrgFormat } from './format';

/** A failure with the exit code it stands for: 2 for what the user typed, 1 for the rest. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

function cliError(error: ErrorValue): CliError {
  return new CliError(error.message, error.code === 'INVALID_INPUT' ? 2 : 1);
}

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
  const backend = await createBackend({
    dbFile,
    mustExist: !create,
    redisUrl: process.env.REDIS_URL || undefined,
  });
  const status = await backend.invoke('db:status', {});
  if (status.ok && status.value.cache.warning !== null)
    process.stderr.write(`warning: ${status.value.cache.warning}\n`);
  try {
    return await run(backend);
  } finally {
    await backend.close();
  }
}

async function call<C extends Channel>(backend: Backend, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await backend.invoke(channel, input);
  if (!result.ok) throw cliError(result.error);
  return result.value;
}

/**
 * The first Ctrl-C cancels the running work (which then reports what it kept); a second one, a
 * moment later, quits at once. Under `npm run`, tsx may deliver one Ctrl-C twice in a few
 * milliseconds, so repeats within 300 ms count as one.
 */
function onInterrupt(cancel: () => void): () => void {
  let first = 0;
  const handler = () => {
    const now = performance.now();
    if (first === 0) {
      first = now;
      process.stderr.write('\nCancelling… (press Ctrl-C again to quit at once)\n');
      cancel();
    } else if (now - first > 300) {
      process.exit(130);
    }
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
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
    .action(() => withBackend(db(), false, async (b) => print(await call(b, 'db:status', {}))));

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
        withBackend(db(), false, async (b) => {
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
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof AppError ? error.message : String((error as Error).message ?? error);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    return error instanceof AppError && error.code === 'INVALID_INPUT' ? 2 : 1;
  }
}

process.exitCode = await main(process.argv);

import { Command, InvalidArgumentError, Option } from 'commander';
import { calibrationTypes, type CalibrationType } from '../../shared/domain';
import { CALIBRATION_DECIMALS, parseDecimalInput } from '../../shared/sector-config';
import { contract, type Channel, type Input, type Output } from '../../shared/contract';
import type { ErrorValue } from '../../shared/errors';
import { orgSortColumns, orgStatuses, type OrgSortColumn, type OrgStatus } from '../../shared/org-query';
import { createBackend, type Backend } from '../backend';
import { writeConfigDocument } from '../backend/config-file';
import { toErrorValue } from '../../db/core/errors';
import { commandLineDatabase, defaultDatabase } from '../backend/paths';
import { readUserFile } from '../backend/user-file';
import { addCopyCommand } from './copy-command';
import { runCacheCli } from '../cache-cli/cache-cli';
import { formatDifferences, formatHistory, historyFormats, type HistoryFormat } from './config-format';
import { formatOrgPage, orgFormats, type OrgFormat } from './format';
import { onInterrupt } from './interrupt';
import {
  formatRanking,
  formatScore,
  rankFormats,
  scoreFormats,
  type RankFormat,
  type ScoreFormat,
} from './score-format';
import { decimalSum, WEIGHT_DECIMALS } from '../../shared/sector-config';
import { platformParameterNames, type PlatformParameterName } from '../../shared/scoring';
import { progressBar } from './progress';

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

function decimal(name: string, decimals: number) {
  return (text: string) => {
    const parsed = parseDecimalInput(text, decimals);
    if (!parsed.ok) throw new InvalidArgumentError(`${name}: ${parsed.error}`);
    return parsed.value;
  };
}

/** Larger files are not configurations; reading them whole would only waste memory. */
const MAX_CONFIG_FILE = 1_000_000;

/** A configuration file's text; a file that cannot be read is a runtime error (exit 1). */
async function readConfigFile(file: string): Promise<string> {
  try {
    return (await readUserFile(file, { maxBytes: MAX_CONFIG_FILE, expected: 'a configuration' })).toString(
      'utf8',
    );
  } catch (error) {
    throw new CliError(toErrorValue(error).message, 1);
  }
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

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function buildProgram(): Command {
  const program = new Command('sector-studio')
    .description('Sector Studio on the command line: the same database and code as the desktop app')
    .option(
      '--db <file|url>',
      "an SQLite file, or postgres://host/database for team mode (default: $DATABASE_URL, else the app's file)",
      commandLineDatabase,
    )
    // Set before the subcommands are added, which inherit it: usage errors then exit with 2.
    .exitOverride();
  const db = () => program.opts<{ db?: string }>().db ?? defaultDatabase();

  program
    .command('init')
    .description('create the schema (idempotent)')
    .action(() =>
      withBackend(db(), true, async (b) => console.log((await call(b, 'schema:init', {})).message)),
    );

  program
    .command('seed')
    .description(
      'seed focus groups & dimensions, then all weights & calibrations: adds what is missing, keeps what is there',
    )
    .action(() =>
      withBackend(db(), false, async (b) => {
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
      withBackend(db(), false, async (b) => {
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
    .action(() => withBackend(db(), false, async (b) => print(await call(b, 'db:status', {}))));

  program
    .command('sectors')
    .description('list the sectors (focus groups) as JSON')
    .action(() => withBackend(db(), false, async (b) => print(await call(b, 'sectors:list', {}))));

  program
    .command('config')
    .description("a sector's configuration as JSON, today's or the one in force on a day")
    .argument('<focus_group_id>', 'e.g. pe_financial_services')
    .option('--as-of <date>', 'the configuration in force on this day (YYYY-MM-DD)')
    .action((id: string, options: { asOf?: string }) =>
      withBackend(db(), false, async (b) =>
        print(await call(b, 'config:get', { focus_group_id: id, as_of: options.asOf ?? null })),
      ),
    );

  program
    .command('history')
    .description("every version of a sector's weights and calibrations, with dates and rationale")
    .argument('<focus_group_id>', 'e.g. pe_energy')
    .addOption(new Option('--format <format>', 'output format').choices(historyFormats).default('table'))
    .action((id: string, options: { format: HistoryFormat }) =>
      withBackend(db(), false, async (b) => {
        const history = await call(b, 'config:history', { focus_group_id: id });
        process.stdout.write(formatHistory(history, options.format));
      }),
    );

  program
    .command('add-calibration')
    .description('add a calibration parameter to a sector (a data row: no migration needed)')
    .argument('<focus_group_id>', 'e.g. pe_retail')
    .argument('<parameter_name>', 'lower_case_words, e.g. governance_minimum')
    .addOption(new Option('--type <type>', 'parameter type').choices(calibrationTypes).makeOptionMandatory())
    .requiredOption('--description <text>', 'what the parameter means')
    .requiredOption(
      '--value <n>',
      `its value (at most ${CALIBRATION_DECIMALS} decimals)`,
      decimal('--value', CALIBRATION_DECIMALS),
    )
    .requiredOption('--rationale <text>', 'why the sector gets this value')
    .action(
      (
        id: string,
        name: string,
        options: { type: CalibrationType; description: string; value: number; rationale: string },
      ) =>
        withBackend(db(), false, async (b) =>
          print(
            await call(b, 'config:addCalibration', {
              focus_group_id: id,
              parameter_name: name,
              parameter_type: options.type,
              description: options.description,
              value: options.value,
              rationale: options.rationale,
            }),
          ),
        ),
    );

  program
    .command('config-export')
    .description("write one sector's configuration, or all of them, as a checksummed JSON file")
    .option('--sector <focus_group_id>', 'only this sector')
    .requiredOption('--out <file>', 'the JSON file to write')
    .option('--force', 'replace the file if it exists')
    .action((options: { sector?: string; out: string; force?: boolean }) =>
      withBackend(db(), false, async (b) => {
        const document = await call(b, 'config:document', { focus_group_id: options.sector ?? null });
        await writeConfigDocument(options.out, document, {
          dbFile: b.dbFile,
          overwrite: options.force === true,
        });
        const n = document.sectors.length;
        console.error(`Exported ${n} sector${n === 1 ? '' : 's'} to ${options.out}`);
      }),
    );

  program
    .command('config-import')
    .description('apply a configuration file: prints the differences, then applies them in one transaction')
    .argument('<file>', 'a file written by config-export')
    .option('--dry-run', 'print the differences and change nothing')
    .action((file: string, options: { dryRun?: boolean }) =>
      withBackend(db(), false, async (b) => {
        const text = await readConfigFile(file);
        // A refused file is a runtime failure (exit 1), whatever made it bad.
        const refuse = (error: ErrorValue) => new CliError(error.message, 1);
        const preview = await b.invoke('config:previewImport', { text });
        if (!preview.ok) throw refuse(preview.error);
        process.stdout.write(formatDifferences(preview.value.differences));
        if (options.dryRun) {
          console.log('Dry run: nothing changed');
          return;
        }
        const applied = await b.invoke('config:import', { text });
        if (!applied.ok) throw refuse(applied.error);
        console.log(applied.value.message);
      }),
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
    .command('parameters')
    .description("the platform's Org-AI-R parameters (alpha, beta, lambda, kappa, alignment, timing) as JSON")
    .option('--as-of <date>', 'those in force on this day (YYYY-MM-DD)')
    .option('--history', 'every version instead, with dates and rationale')
    .action((options: { asOf?: string; history?: boolean }) =>
      withBackend(db(), false, async (b) =>
        print(
          options.history
            ? await call(b, 'platform:history', {})
            : await call(b, 'platform:parameters', { as_of: options.asOf ?? null }),
        ),
      ),
    );

  program
    .command('set-parameter')
    .description('a new dated version of one platform parameter, with the reason for it')
    .argument('<name>', `one of ${platformParameterNames.join(', ')}`)
    .requiredOption(
      '--value <n>',
      `its value (at most ${CALIBRATION_DECIMALS} decimals)`,
      decimal('--value', CALIBRATION_DECIMALS),
    )
    .requiredOption('--rationale <text>', 'why the platform gets this value')
    .action((name: string, options: { value: number; rationale: string }) =>
      withBackend(db(), false, async (b) => {
        if (!(platformParameterNames as readonly string[]).includes(name)) {
          throw new CliError(`Unknown platform parameter: ${name} (${platformParameterNames.join(', ')})`, 2);
        }
        const input = { parameter_name: name as PlatformParameterName, ...options };
        print(await call(b, 'platform:updateParameter', input));
      }),
    );

  program
    .command('score')
    .description("an organization's Org-AI-R with every intermediate and the inputs used (docs/scoring.md)")
    .argument('<organization_id>', 'a UUID, as `orgs` lists them')
    .option('--as-of <date>', 'under the configuration in force on this day (YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'output format').choices(scoreFormats).default('table'))
    .action((id: string, options: { asOf?: string; format: ScoreFormat }) =>
      withBackend(db(), false, async (b) => {
        const breakdown = await call(b, 'scores:breakdown', {
          organization_id: id,
          as_of: options.asOf ?? null,
        });
        process.stdout.write(formatScore(breakdown, options.format));
      }),
    );

  program
    .command('rank')
    .description("a sector's organizations ranked by Org-AI-R; --weight for a what-if that saves nothing")
    .requiredOption('--sector <focus_group_id>', 'e.g. pe_manufacturing')
    .option('--top <n>', 'only the best n', integer('--top', 1))
    .option('--as-of <date>', 'under the configuration in force on this day (YYYY-MM-DD)')
    .option(
      '--weight <code=value>',
      'a weight replacing the one in force (repeat it); the weights must still sum to 1.000',
      (text: string, all: Record<string, number>) => {
        const [code = '', value = ''] = text.split('=');
        return { ...all, [code]: decimal(`--weight ${code}`, WEIGHT_DECIMALS)(value) };
      },
      {},
    )
    .addOption(new Option('--format <format>', 'output format').choices(rankFormats).default('table'))
    .action(
      (options: {
        sector: string;
        top?: number;
        asOf?: string;
        weight: Record<string, number>;
        format: RankFormat;
      }) =>
        withBackend(db(), false, async (b) => {
          const asOf = options.asOf ?? null;
          let weights: Record<string, number> | undefined;
          if (Object.keys(options.weight).length > 0) {
            const { dimension_weights } = await call(b, 'config:get', {
              focus_group_id: options.sector,
              as_of: asOf,
            });
            const unknown = Object.keys(options.weight).filter((code) => !(code in dimension_weights));
            if (unknown.length > 0) {
              throw new CliError(
                `Unknown dimension code: ${unknown.join(', ')} (codes: ${Object.keys(dimension_weights).join(', ')})`,
                2,
              );
            }
            weights = { ...dimension_weights, ...options.weight };
            const sum = decimalSum(Object.values(weights));
            if (sum !== 1)
              throw new CliError(`The weights sum to ${sum.toFixed(3)}, not 1.000: nothing was ranked`, 2);
          }
          const ranking = await call(b, 'scores:ranking', {
            focus_group_id: options.sector,
            as_of: asOf,
            limit: options.top ?? 1_000_000,
            weights,
          });
          process.stdout.write(formatRanking(ranking, options.format));
        }),
    );

  addCopyCommand(program, db);

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
    // The same typed sentence the app shows: never a driver's class name, a stack or a password.
    const failure = cliError(toErrorValue(error));
    process.stderr.write(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}

process.exitCode = await main(process.argv);

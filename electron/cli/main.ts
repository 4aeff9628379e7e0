import { Command, Option } from 'commander';
import { toErrorValue } from '../../db/core/errors';
import { commandLineDatabase, defaultDatabase } from '../backend/paths';
import { runCacheCli } from '../cache-cli/cache-cli';
import { addConfigCommands, type Runner } from './config-commands';
import { addCopyCommand } from './copy-command';
import { addExportCommand } from './export-command';
import { CommandError } from './command-error';
import { addOrgCommands } from './org-commands';
import { formatOrgPage, orgFormats, type OrgFormat } from './format';
import { onInterrupt } from './interrupt';
import { decimal, integer } from './options';
import {
  formatRanking,
  formatScore,
  rankFormats,
  scoreFormats,
  type RankFormat,
  type ScoreFormat,
} from './score-format';
import { CALIBRATION_DECIMALS, decimalSum, WEIGHT_DECIMALS } from '../../shared/sector-config';
import { platformParameterNames, type PlatformParameterName } from '../../shared/scoring';
import { progressBar } from './progress';
import { call, CliError, cliError, freshScores, print, withBackend, type Authorship } from './run';

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
        await freshScores(b);
        const page = await call(b, 'orgs:query', {
          focus_group_id: options.sector ?? null,
          limit: options.limit,
          offset: options.offset,
        });
        process.stdout.write(formatOrgPage(page, options.format));
      }),
    );

  addExportCommand(program, run);

  program
    .command('parameters')
    .description("the platform's Org-AI-R parameters (alpha, beta, lambda, kappa, alignment, timing) as JSON")
    .option('--as-of <date>', 'those in force on this day (YYYY-MM-DD)')
    .option('--history', 'every version instead, with dates and rationale')
    .action((options: { asOf?: string; history?: boolean }) =>
      run(false, async (b) =>
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
      run(false, async (b) => {
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
      run(false, async (b) => {
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
        run(false, async (b) => {
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

import { Option, type Command } from 'commander';
import { asOfFormats } from '../../shared/as-of';
import { calibrationTypes, type CalibrationType } from '../../shared/domain';
import type { ErrorValue } from '../../shared/errors';
import { CALIBRATION_DECIMALS } from '../../shared/sector-config';
import { toErrorValue } from '../../db/core/errors';
import type { Backend } from '../backend';
import { writeConfigDocument } from '../backend/config-file';
import { readUserFile } from '../backend/user-file';
import { formatDifferences, formatHistory, historyFormats, type HistoryFormat } from './config-format';
import { decimal, integer } from './options';
import { call, CliError, print, write } from './run';

/** Runs a command's work with the backend of the configured database (`create`: only `init`). */
export type Runner = <T>(create: boolean, run: (backend: Backend) => Promise<T>) => Promise<T>;

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

interface HistoryOptions {
  format: HistoryFormat;
  dimension?: string;
  calibration?: string;
  by?: string;
}

/** Reading a sector's configuration: as it is, as of a date or moment, and its change sets. */
function addReadCommands(program: Command, withBackend: Runner): void {
  program
    .command('config')
    .description("a sector's configuration as JSON, now or the one in force at a date or moment")
    .argument('<focus_group_id>', 'e.g. pe_financial_services')
    .option('--as-of <date|moment>', `the configuration in force then: ${asOfFormats}`)
    .action((id: string, options: { asOf?: string }) =>
      withBackend(false, async (b) =>
        print(await call(b, 'config:get', { focus_group_id: id, as_of: options.asOf ?? null })),
      ),
    );

  program
    .command('history')
    .description("a sector's change sets: when (UTC), by whom, each value before → after, and why")
    .argument('<focus_group_id>', 'e.g. pe_energy')
    .addOption(new Option('--format <format>', 'output format').choices(historyFormats).default('table'))
    .option('--dimension <code>', "only the change sets of this dimension's weight, e.g. talent")
    .option('--calibration <name>', 'only the change sets of this calibration, e.g. h_r_baseline')
    // --author is the name this run's own changes are saved under.
    .option('--by <author>', 'only the change sets by this author')
    .action((id: string, { format, by, ...filter }: HistoryOptions) =>
      withBackend(false, async (b) => {
        const history = await call(b, 'config:history', { focus_group_id: id, ...filter, author: by });
        process.stdout.write(formatHistory(history, format));
      }),
    );
}

/** Changing a sector's configuration: each command one change set by the CLI's author. */
function addWriteCommands(program: Command, withBackend: Runner): void {
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
        withBackend(false, async (b) =>
          print(
            await write(b, 'config:addCalibration', {
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
    .command('revert')
    .description('undo a whole change set as a new one: each value it changed goes back to its value before')
    .argument('<focus_group_id>', 'e.g. pe_technology')
    .argument('<change_set_id>', 'the set to undo, as `history` numbers it (#12 or 12)', (text: string) =>
      integer('change_set_id', 1)(text.replace(/^#/, '')),
    )
    .requiredOption('--rationale <text>', 'why it is undone')
    .action((id: string, changeSet: number, options: { rationale: string }) =>
      withBackend(false, async (b) => {
        const result = await write(b, 'config:revertChangeSet', {
          focus_group_id: id,
          change_set_id: changeSet,
          rationale: options.rationale,
        });
        console.error(
          `Reverted change set #${changeSet}: ${result.changed} value${result.changed === 1 ? '' : 's'} restored as change set #${result.change_set_id ?? '?'}`,
        );
        print(result.config);
      }),
    );
}

/** Sharing configurations as checksummed files. */
function addShareCommands(program: Command, withBackend: Runner): void {
  program
    .command('config-export')
    .description("write one sector's configuration, or all of them, as a checksummed JSON file")
    .option('--sector <focus_group_id>', 'only this sector')
    .requiredOption('--out <file>', 'the JSON file to write')
    .option('--force', 'replace the file if it exists')
    .action((options: { sector?: string; out: string; force?: boolean }) =>
      withBackend(false, async (b) => {
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
      withBackend(false, async (b) => {
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
        const applied = await write(b, 'config:import', { text }).catch((error: unknown) => {
          throw error instanceof CliError ? new CliError(error.message, 1) : error;
        });
        console.log(applied.message);
      }),
    );
}

/** The configuration commands: reading, changing and sharing sectors' configurations. */
export function addConfigCommands(program: Command, withBackend: Runner): void {
  addReadCommands(program, withBackend);
  addWriteCommands(program, withBackend);
  addShareCommands(program, withBackend);
}

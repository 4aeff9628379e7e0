import type { Command } from 'commander';
import { copyDatabase } from '../../db/transfer/copy';
import { commandLineDatabase } from '../backend/paths';
import { onInterrupt } from './interrupt';
import { progressBar } from './progress';

/**
 * `copy --from A --to B`: moves a laptop database into team mode (or back). Either side left out
 * is the configured database (--db, DATABASE_URL or the app's file).
 */
export function addCopyCommand(program: Command, configured: () => string): void {
  program
    .command('copy')
    .description(
      'copy every organization and the whole configuration between an SQLite file and PostgreSQL, verified by row counts and checksums',
    )
    .option(
      '--from <file|url>',
      'the database to read (default: the configured database)',
      commandLineDatabase,
    )
    .option(
      '--to <file|url>',
      'the database to write (default: the configured database)',
      commandLineDatabase,
    )
    .option('--replace', 'replace the rows the target already holds')
    .action(async (options: { from?: string; to?: string; replace?: boolean }) => {
      if (options.from === undefined && options.to === undefined) {
        program.error(
          'error: copy needs --from or --to (the other side defaults to the configured database)',
          {
            exitCode: 2,
            code: 'commander.usage',
          },
        );
      }
      const bar = progressBar();
      const controller = new AbortController();
      const stopInterrupt = onInterrupt(() => controller.abort());
      try {
        const report = await copyDatabase(options.from ?? configured(), options.to ?? configured(), {
          replace: options.replace === true,
          signal: controller.signal,
          onProgress: (done, total) => (done === 0 ? bar?.start(total, 0) : bar?.update(done)),
        });
        bar?.stop();
        const width = Math.max(...report.tables.map((t) => t.table.length));
        for (const t of report.tables) {
          console.log(
            `${t.table.padEnd(width)}  ${String(t.rows).padStart(9)}  sha256 ${t.checksum.slice(0, 16)}`,
          );
        }
        console.error(`Copied ${report.from} to ${report.to}; every table verified (rows and checksum)`);
      } finally {
        bar?.stop();
        stopInterrupt();
      }
    });
}

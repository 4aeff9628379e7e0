import { Command, InvalidArgumentError, Option } from 'commander';
import { compareEngines } from './engines-main';
import { fileURLToPath } from 'node:url';
import { formatTable } from './report';
import { runBench } from './run';

const count = (value: string) => {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 100) throw new InvalidArgumentError('a whole number of at least 100');
  return n;
};

const program = new Command('bench')
  .description('Measure Sector Studio against the best alternative for each path, on a temporary database')
  .option('--orgs <n>', 'organizations in the temporary database', count, 1_000_000)
  .option('--quick', 'fewer rounds: a first look, not numbers to publish', false)
  .option('--out <file>', 'results file', fileURLToPath(new URL('./results.json', import.meta.url)))
  .addOption(
    new Option('--engine <engine>', 'postgres: the user-level figures on PostgreSQL beside SQLite')
      .choices(['sqlite', 'postgres'])
      .default('sqlite'),
  )
  .parse();

const options = program.opts<{ orgs: number; quick: boolean; out: string; engine: string }>();
const started = performance.now();
if (options.engine === 'postgres') {
  await compareEngines(options.orgs, options.quick);
  process.exit(0);
}
const results = await runBench({
  orgs: options.orgs,
  quick: options.quick,
  out: options.out,
  log: (message) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`),
});
const { machine } = results;
console.log(
  `\n${results.orgs.toLocaleString('en-US')} organizations; ${machine.cpu}, ${machine.cores} cores, ` +
    `Node ${machine.node}; load average ${machine.load_avg.join(' → ')}; ${results.durations_s.total} s\n`,
);
console.log(formatTable(results));
console.log(`\nWritten to ${options.out}`);

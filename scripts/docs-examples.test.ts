import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../db/test/helpers';
import { calibrationTypes } from '../shared/domain';
import { shellWords } from '../test-support/docs';

/**
 * The README's and docs' command examples, run and compared with what the text shows, so that the
 * text cannot drift from the app. An example is a code block line `$ npm run -s cli -- …`; the lines
 * after it, up to the next `$` line or the end of the block, are what it prints (stdout, then
 * stderr). `<<'EOF'` feeds the lines up to `EOF` to its stdin. In the shown output, a line `…`
 * stands for any lines and `…` within a line for any text. Every session runs in one temporary
 * folder, the README's first and then docs/ in order, as a reader following along would.
 */

const root = resolve(import.meta.dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const text = (file: string) => readFileSync(join(root, file), 'utf8');

interface Example {
  where: string;
  args: string[];
  stdin: string | null;
  shown: string[];
}

/** Code blocks, indented or fenced, as their lines without the indentation. */
function codeBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      if (fenced && current) blocks.push(current);
      fenced = !fenced;
      current = fenced ? [] : null;
    } else if (fenced) {
      current?.push(line);
    } else if (line.startsWith('    ') || (current && line.trim() === '')) {
      (current ??= []).push(line.replace(/^ {4}/, ''));
    } else if (current) {
      blocks.push(current);
      current = null;
    }
  }
  if (current) blocks.push(current);
  return blocks;
}

const PROMPT = '$ npm run -s cli -- ';

function examples(file: string): Example[] {
  const found: Example[] = [];
  for (const block of codeBlocks(text(file))) {
    for (let i = 0; i < block.length; i++) {
      const line = block[i] ?? '';
      if (!line.startsWith(PROMPT)) continue;
      let command = line.slice(PROMPT.length);
      let stdin: string | null = null;
      let next = i + 1;
      const heredoc = / <<'EOF'$/.exec(command);
      if (heredoc) {
        command = command.slice(0, heredoc.index);
        const end = block.indexOf('EOF', next);
        stdin = `${block.slice(next, end).join('\n')}\n`;
        next = end + 1;
      }
      const shown: string[] = [];
      while (next < block.length && !(block[next] ?? '').startsWith('$ ')) shown.push(block[next++] ?? '');
      while (shown.length > 0 && shown.at(-1)?.trim() === '') shown.pop();
      found.push({ where: `${file}: ${line}`, args: shellWords(command), stdin, shown });
      i = next - 1;
    }
  }
  return found;
}

/** The shown output as a pattern: `…` alone on a line is any lines, within a line any text. */
function pattern(shown: string[]): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = shown.map((line) =>
    line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${line.split('…').map(escape).join('[^\\n]*')}\\n`,
  );
  return new RegExp(`^${lines.join('')}$`);
}

const folder = tempDir();
afterAll(() => folder.cleanup());

function run(example: Example): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(tsx, [join(root, 'electron/cli/main.ts'), ...example.args], {
      cwd: folder.dir,
      // Never the user's own database or servers, whatever the example leaves out.
      env: {
        ...process.env,
        SECTOR_STUDIO_DB: join(folder.dir, 'default.db'),
        DATABASE_URL: '',
        REDIS_URL: '',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolveRun(stdout + stderr)
        : reject(new Error(`${example.where}: exit ${code}: ${stderr}`)),
    );
    child.stdin.end(example.stdin ?? '');
  });
}

describe('the command examples of the README and docs', () => {
  const all = documents.flatMap(examples);

  it('are found where the issue asked for them: the CLI session, cache-cli, sharing', () => {
    const commands = all.map(
      (e) => `${e.where.split(':')[0]} ${e.args.find((a) => !a.startsWith('-') && !a.endsWith('.db')) ?? ''}`,
    );
    expect(commands).toEqual(
      expect.arrayContaining([
        'README.md init',
        'README.md orgs',
        'docs/cli.md cache-cli',
        'docs/cli.md config-export',
        'docs/cli.md config-import',
      ]),
    );
  });

  it('print what the text shows', async () => {
    // Each database's examples run in their order, databases side by side; an example that reads a
    // file another writes (`--out FILE`) waits for it. cache-cli names no database: it runs at once.
    const done = new Map<Example, Promise<string>>();
    const lastOn = new Map<string, Promise<string>>();
    const writers = new Map<string, Promise<string>>();
    for (const example of all) {
      const db = example.args[example.args.indexOf('--db') + 1] ?? '';
      const waits = [lastOn.get(db), ...example.args.map((arg) => writers.get(arg))];
      const output = Promise.all(waits.map((w) => w?.catch(() => ''))).then(() => run(example));
      done.set(example, output);
      if (example.args.includes('--db')) lastOn.set(db, output);
      const out = example.args.indexOf('--out');
      if (out >= 0) writers.set(example.args[out + 1] ?? '', output);
    }
    for (const example of all) {
      const output = await done.get(example);
      if (!pattern(example.shown).test(output ?? '')) {
        expect(output, example.where).toBe(`${example.shown.join('\n')}\n`);
      }
    }
  }, 180_000);
});

describe('the facts the docs state', () => {
  it('every path of the repository they name exists', () => {
    const missing: string[] = [];
    const top = new Set(readdirSync(root));
    for (const file of documents) {
      for (const [, path = ''] of text(file).matchAll(/`([\w.-]+(?:\/[\w.@-]+)+\/?)`/g)) {
        // What git ignores is built, not committed (build/demo/sector-studio-demo.db).
        const built = () => spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status === 0;
        if (
          top.has(path.split('/')[0] ?? '') &&
          !path.includes('*') &&
          !existsSync(join(root, path)) &&
          !built()
        ) {
          missing.push(`${file}: ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("docs/cli.md lists add-calibration's --type values", () => {
    expect(text('docs/cli.md')).toContain(`--type ${calibrationTypes.join('\\|')}`);
  });

  it('docs/desktop.md names the runtime dependencies and counts the production tree as they are', () => {
    const pkg = JSON.parse(text('package.json')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(text('package-lock.json')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    const production = Object.entries(lock.packages).filter(
      ([path, entry]) => path !== '' && !entry.dev && !entry.devOptional,
    );
    const claim = /in `dependencies` \(([^)]+)\)[^]*?the production tree is (\d+) packages/.exec(
      text('docs/desktop.md'),
    );
    expect(claim?.[1]?.split(/,\s+/).sort()).toEqual(Object.keys(pkg.dependencies).sort());
    expect(Number(claim?.[2])).toBe(production.length);
  });

  it("docs/performance.md's table and committed run are bench/results.json's and the history's", () => {
    const results = JSON.parse(text('bench/results.json')) as Record<string, unknown> & {
      machine: { load_avg: number[] };
    };
    const history = text('bench/history.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { load_avg?: number[]; values: Record<string, number> });
    const [before, previous] = [history[0], history.at(-2)];
    const performance = text('docs/performance.md');
    /** A figure as the table shows it: rounded to the digits shown. */
    const shows = (shown: string, actual: unknown) => {
      const decimals = shown.split('.')[1]?.length ?? 0;
      return typeof actual === 'number' && Math.abs(actual - Number(shown)) <= 0.5 * 10 ** -decimals + 1e-9;
    };
    const cells = (row: string) => row.split('|').map((cell) => cell.trim());
    // The run's table has eight columns; the UI bench's figures (bench/ui-results.json) have a table
    // of their own, with fewer.
    const rows = performance
      .split('\n')
      .filter((line) => /^\| `\w+` \|/.test(line))
      .map(cells)
      .filter((row) => row.length === 10);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const wrong: string[] = [];
    for (const [, name = '', , , value = '', , shownPrevious = '', shownBefore = ''] of rows) {
      const figure = name.replaceAll('`', '');
      if (!shows(value, results[figure]))
        wrong.push(`${figure}: ${value}, results.json ${String(results[figure])}`);
      const number = (cell: string) => /^[\d.]+(?=\s|$)/.exec(cell)?.[0];
      const previousShown = number(shownPrevious);
      if (previousShown !== undefined && !shows(previousShown, previous?.values[figure])) {
        wrong.push(`${figure} previous: ${previousShown}, history ${String(previous?.values[figure])}`);
      }
      const beforeShown = number(shownBefore);
      if (
        beforeShown !== undefined &&
        before?.values[figure] !== undefined &&
        !shows(beforeShown, before.values[figure])
      ) {
        wrong.push(`${figure} before: ${beforeShown}, history ${String(before.values[figure])}`);
      }
    }
    expect(wrong).toEqual([]);
    const [start, end] = results.machine.load_avg;
    expect(performance).toContain(`load average ${start} → ${end}`);
    expect(performance).toContain(`previous (load ${previous?.load_avg?.join('–')})`);
  });
});

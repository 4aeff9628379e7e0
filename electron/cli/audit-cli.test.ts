import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentChecksum } from '../../db/core/config-share';
import { tempDir } from '../../db/test/helpers';
import type { ConfigDocument } from '../../shared/config-document';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const main = join(root, 'electron/cli/main.ts');
const dir = tempDir();
const db = join(dir.dir, 'audit.db');

/** Runs the CLI in its own process, with `env` added to this one's. */
function cli(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(tsx, [main, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const addCalibration = (name: string, ...more: string[]) => [
  'add-calibration',
  'pe_retail',
  name,
  '--type',
  'threshold',
  '--description',
  'A floor',
  '--value',
  '1',
  '--rationale',
  `adds ${name}`,
  ...more,
];

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(() => {
  expect(cli({}, 'init').code).toBe(0);
  expect(cli({}, 'seed').code).toBe(0);
}, 120_000);
afterAll(() => dir.cleanup());

describe('the audit trail on the command line', () => {
  it('saves changes under --author, else SECTOR_STUDIO_AUTHOR, and filters the history by author (--by)', () => {
    expect(cli({ SECTOR_STUDIO_AUTHOR: 'Erin (env)' }, ...addCalibration('floor_a')).code).toBe(0);
    expect(
      cli({ SECTOR_STUDIO_AUTHOR: 'Erin (env)' }, '--author', 'Frank', ...addCalibration('floor_b')).code,
    ).toBe(0);
    const erin = cli({}, 'history', 'pe_retail', '--by', 'Erin (env)', '--format', 'json');
    expect(
      (JSON.parse(erin.stdout) as { change_sets: { rationale: string }[] }).change_sets.map(
        (s) => s.rationale,
      ),
    ).toEqual(['adds floor_a']);
    expect(cli({}, 'history', 'pe_retail', '--by', 'Frank').stdout).toMatch(
      /Frank\s+edit\s+calibration floor_b/,
    );
    expect(cli({ SECTOR_STUDIO_AUTHOR: ' ' }, 'status')).toMatchObject({
      code: 2,
      stderr: 'error: SECTOR_STUDIO_AUTHOR: A name is needed\n',
    });
  }, 120_000);

  it('reverts a whole change set in one command, as a new change set', () => {
    const exported = join(dir.dir, 'energy.json');
    expect(cli({}, 'config-export', '--sector', 'pe_energy', '--out', exported).code).toBe(0);
    const document = JSON.parse(readFileSync(exported, 'utf8')) as ConfigDocument;
    const weights = document.sectors[0]!.weights;
    weights.find((w) => w.dimension_code === 'talent')!.weight = 0.15;
    weights.find((w) => w.dimension_code === 'culture')!.weight = 0.02;
    writeFileSync(exported, JSON.stringify({ ...document, checksum: documentChecksum(document) }));
    expect(cli({}, 'config-import', exported).code).toBe(0);
    const history = JSON.parse(cli({}, 'history', 'pe_energy', '--format', 'json').stdout) as {
      change_sets: { change_set_id: number; kind: string }[];
    };
    const imported = history.change_sets.at(-1)!;
    expect(imported.kind).toBe('import');

    const reverted = cli(
      {},
      'revert',
      'pe_energy',
      `#${imported.change_set_id}`,
      '--rationale',
      'the committee said no',
    );
    expect(reverted.code, reverted.stderr).toBe(0);
    expect(reverted.stderr).toMatch(
      new RegExp(
        `^Reverted change set #${imported.change_set_id}: 2 values restored as change set #\\d+\\n$`,
      ),
    );
    expect(JSON.parse(reverted.stdout)).toMatchObject({
      dimension_weights: { talent: 0.12, culture: 0.05 },
      weights_sum: 1,
    });
    expect(
      cli({}, 'revert', 'pe_energy', String(imported.change_set_id), '--rationale', 'again'),
    ).toMatchObject({
      code: 1,
      stderr: `error: Nothing to revert: every value change set #${imported.change_set_id} changed is already what it was before it\n`,
    });
  }, 120_000);

  it('says on stderr when another process holds the write lock, and Ctrl-C abandons the save', async () => {
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const child = spawn(tsx, [main, '--db', db, ...addCalibration('floor_busy')], { detached: true });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await until(() => stderr.includes('The database is busy'));
      expect(stderr).toMatch(
        /^The database is busy: another process is writing \(waited \d+ s\)\. Still waiting; Ctrl-C cancels\.\n$/,
      );
      // Ctrl-C in a terminal signals the whole foreground process group.
      process.kill(-(child.pid as number), 'SIGINT');
      expect(await exited).toBe(1);
      expect(stderr).toMatch(/error: Save cancelled while the database was busy: nothing was saved\n$/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(cli({}, 'history', 'pe_retail', '--calibration', 'floor_busy').stdout).toMatch(
      /No change sets match/,
    );
  }, 120_000);
});

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentChecksum } from '../../db/core/config-share';
import { tempDir } from '../../db/test/helpers';
import type { ConfigDocument } from '../../shared/config-document';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../test-support/redis-server';
import { markdownTable, shellWords } from '../../test-support/docs';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const redis = redisServerAvailability();
const dir = tempDir();

function cli(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, [join(root, 'electron/cli/main.ts'), ...args], {
      cwd: dir.dir,
      env: { ...process.env, SECTOR_STUDIO_DB: join(dir.dir, 'lab.db'), DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What docs/cli.md says each command does with the cache: the table under "With `REDIS_URL`". */
function documentedClaims(): { examples: string[][]; claim: string }[] {
  const text = readFileSync(join(root, 'docs/cli.md'), 'utf8');
  const section = text.slice(text.indexOf('## With `REDIS_URL`: which commands use the cache'));
  return markdownTable(section).map(([commands = '', claim = '']) => ({
    examples: [...commands.matchAll(/`([^`]+)`/g)].map((m) => shellWords(m[1] ?? '')),
    claim,
  }));
}

/** A share document for pe_energy with one weight changed and signed again, as another database would export it. */
async function changedDocument(): Promise<string> {
  const exported = await cli({}, ['config-export', '--sector', 'pe_energy', '--out', 'exported.json']);
  if (exported.code !== 0) throw new Error(exported.stderr);
  const document = JSON.parse(readFileSync(join(dir.dir, 'exported.json'), 'utf8')) as ConfigDocument;
  const [energy] = document.sectors;
  const [first, second] = energy?.weights ?? [];
  if (!first || !second) throw new Error('no weights exported');
  first.weight = Number((first.weight + 0.01).toFixed(3));
  second.weight = Number((second.weight - 0.01).toFixed(3));
  const { checksum: _old, ...unsigned } = document;
  return JSON.stringify({ ...unsigned, checksum: documentChecksum(unsigned) });
}

describe.skipIf(!redis.available)('the CLI with REDIS_URL does what docs/cli.md says (issue 21)', () => {
  let server: RunningRedisServer | undefined;
  let monitor: Redis | undefined;
  let client: Redis | undefined;
  const markers = new Set<string>();
  /** The GET, SET, DEL and FLUSHALL the CLI's own connection sent (not those inside its start-up script). */
  const sent: string[][] = [];
  beforeAll(async () => {
    if (!redis.available) return;
    server = await startRedisServer(redis.binary);
    const init = await cli({}, ['init']);
    if (init.code !== 0) throw new Error(init.stderr);
    monitor = await new Redis(server.url).monitor();
    client = new Redis(server.url);
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      const command = args[0]?.toUpperCase() ?? '';
      if (command === 'ECHO') markers.add(args[1] ?? '');
      if (source !== 'lua' && ['GET', 'SET', 'DEL', 'FLUSHALL'].includes(command)) {
        sent.push([command, ...args.slice(1)]);
      }
    });
  }, 60_000);
  afterAll(async () => {
    monitor?.disconnect();
    client?.disconnect();
    await server?.stop();
    dir.cleanup();
  });

  it('runs every example of the table and checks the cache commands each sends', async () => {
    if (!server) throw new Error('redis-server did not start');
    const claims = documentedClaims();
    expect(claims.length).toBeGreaterThanOrEqual(4);
    // The other examples need a seeded database: the row of `seed` runs first, wherever it stands.
    const seeds = (row: (typeof claims)[number]) => row.examples.some((args) => args[0] === 'seed');
    claims.sort((a, b) => Number(seeds(b)) - Number(seeds(a)));
    for (const { examples, claim } of claims) {
      for (const args of examples) {
        if (args[0] === 'config-import') writeFileSync(join(dir.dir, args[1] ?? ''), await changedDocument());
      }
      sent.length = 0;
      // A row's examples run at once: what the row claims holds for each of them.
      const runs = await Promise.all(examples.map((args) => cli({ REDIS_URL: server!.url }, args)));
      runs.forEach((run, i) => expect(run.code, `${examples[i]?.join(' ')}: ${run.stderr}`).toBe(0));
      // MONITOR reports each command as the server runs it: once it reports one sent after the
      // runs, it has reported everything they sent.
      const marker = `after ${claim}`;
      await client?.echo(marker);
      await vi.waitFor(() => expect(markers.has(marker)).toBe(true), { timeout: 5000, interval: 10 });
      const keyed = (command: string) => sent.filter((c) => c[0] === command);
      const row = `${examples.map((args) => args.join(' ')).join(', ')} → ${JSON.stringify(sent)}`;
      if (claim.startsWith('reads through it')) {
        for (const args of examples) {
          const key = `sector:${args[1] ?? ''}`;
          expect(
            keyed('GET').map((c) => c[1]),
            row,
          ).toContain(key);
          expect(
            keyed('SET')
              .find((c) => c[1] === key)
              ?.slice(3),
            row,
          ).toEqual(['EX', '3600']);
        }
      } else if (claim.startsWith('deletes')) {
        const deleted = keyed('DEL').flatMap((c) => c.slice(1));
        expect(keyed('FLUSHALL').length > 0 || deleted.some((k) => k.startsWith('sector:')), row).toBe(true);
      } else if (claim.startsWith('the database only')) {
        expect(sent, row).toEqual([]);
      } else {
        throw new Error(`docs/cli.md claims something this test does not know: ${claim}`);
      }
    }
  }, 180_000);
});

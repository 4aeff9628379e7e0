import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitArgs } from '../cli-args';
import { differentialScripts } from './differential-scripts';
import { Keyspace } from '../keyspace';
import {
  redisServerAvailability,
  startRedisServer,
  type RunningRedisServer,
} from '../../../test-support/redis-server';
import { RespClient } from '../../../test-support/resp-client';
import type { Reply } from '../reply';

const availability = redisServerAvailability();
const title = availability.available
  ? 'differential: keyspace vs redis-server'
  : `differential: keyspace vs redis-server (SKIPPED: ${availability.reason})`;

/** INFO fields the keyspace implements; every other field is Redis-only and not compared. */
const INFO_FIELDS = new Set([
  'redis_version',
  'redis_mode',
  'arch_bits',
  'maxmemory',
  'maxmemory_human',
  'maxmemory_policy',
  'expired_keys',
  'evicted_keys',
  'keyspace_hits',
  'keyspace_misses',
  'db0',
]);
const SECTIONS = new Set(['# Server', '# Memory', '# Stats', '# Keyspace']);

function normalizeInfo(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\r\n')) {
    if (SECTIONS.has(line)) out.push(line);
    const colon = line.indexOf(':');
    if (colon > 0 && INFO_FIELDS.has(line.slice(0, colon))) {
      // avg_ttl is an estimate in Redis; keys and expires are exact.
      out.push(line.replace(/,avg_ttl=\d+$/, ''));
    }
  }
  return out;
}

function sortedBulks(reply: Reply): Reply {
  if (reply.type !== 'array') return reply;
  return {
    type: 'array',
    value: [...reply.value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/** Replies whose order Redis leaves to its hash table are compared as sets. */
function normalize(args: readonly string[], reply: Reply): unknown {
  const name = (args[0] ?? '').toLowerCase();
  const sub = (args[1] ?? '').toLowerCase();
  if (name === 'keys') return sortedBulks(reply);
  if (name === 'config' && sub === 'get' && reply.type === 'array') {
    const pairs: string[] = [];
    for (let i = 0; i < reply.value.length; i += 2) {
      pairs.push(JSON.stringify([reply.value[i], reply.value[i + 1]]));
    }
    return pairs.sort();
  }
  if (name === 'info' && reply.type === 'bulk') return normalizeInfo(reply.value);
  return reply;
}

const TOLERANCE: Record<string, bigint> = { ttl: 1n, expiretime: 1n, pttl: 1000n, pexpiretime: 1000n };

function withinTolerance(args: readonly string[], expected: Reply, actual: Reply): boolean {
  const tolerance = TOLERANCE[(args[0] ?? '').toLowerCase()];
  if (tolerance === undefined || expected.type !== 'integer' || actual.type !== 'integer') return false;
  if (expected.value < 0n || actual.value < 0n) return false;
  const diff = expected.value - actual.value;
  return (diff < 0n ? -diff : diff) <= tolerance;
}

function isScan(args: readonly string[], reply: Reply): boolean {
  return (args[0] ?? '').toLowerCase() === 'scan' && reply.type === 'array';
}

/** Follows SCAN cursors to the end; the reply becomes cursor 0 with every key returned, sorted. */
async function scanAll(
  args: readonly string[],
  first: Reply,
  call: (args: string[]) => Promise<Reply>,
): Promise<Reply> {
  if (first.type !== 'array') return first;
  const keys: Reply[] = [];
  let reply: Reply = first;
  for (;;) {
    if (reply.type !== 'array') return reply;
    const [cursor, batch] = reply.value;
    // A rehashing Redis may return a key twice; the guarantee is about presence, so dedupe.
    if (batch?.type === 'array') {
      for (const key of batch.value)
        if (!keys.some((k) => JSON.stringify(k) === JSON.stringify(key))) keys.push(key);
    }
    if (cursor?.type !== 'bulk' || cursor.value === '0') break;
    reply = await call([args[0] as string, cursor.value, ...args.slice(2)]);
  }
  return {
    type: 'array',
    value: [{ type: 'bulk', value: '0' }, sortedBulks({ type: 'array', value: keys })],
  };
}

async function resetRedis(client: RespClient): Promise<void> {
  for (const command of [
    ['FLUSHALL'],
    ['CONFIG', 'SET', 'maxmemory', '0', 'maxmemory-policy', 'noeviction', 'maxmemory-samples', '5'],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ['CONFIG', 'RESETSTAT'],
  ]) {
    const reply = await client.call(command);
    if (reply.type === 'error') throw new Error(`reset failed: ${reply.message}`);
  }
}

describe.skipIf(!availability.available)(title, () => {
  let server: RunningRedisServer;
  let client: RespClient;

  beforeAll(async () => {
    server = await startRedisServer();
    client = await RespClient.connect(server.port);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  for (const [name, script] of Object.entries(differentialScripts)) {
    it(name, async () => {
      await resetRedis(client);
      const keyspace = new Keyspace();
      try {
        let compared = 0;
        for (const line of script.split('\n')) {
          const args = splitArgs(Buffer.from(line, 'utf8'));
          if (args === null) throw new Error(`bad script line: ${line}`);
          if (args.length === 0) continue;
          // Sent first so that a DEBUG SLEEP sleeps on both sides at once.
          const pending = client.call(args);
          let actual = keyspace.execute(args);
          let expected = await pending;
          if (isScan(args, expected) || isScan(args, actual)) {
            // How many keys one SCAN step returns depends on Redis's hash table (and its rehashing);
            // what Redis guarantees is the full iteration, so compare that.
            expected = await scanAll(args, expected, (next) => client.call(next));
            actual = await scanAll(args, actual, async (next) => keyspace.execute(next));
          }
          compared++;
          if (withinTolerance(args, expected, actual)) continue;
          expect(normalize(args, actual), `> ${line.trim()}`).toEqual(normalize(args, expected));
        }
        expect(compared).toBeGreaterThan(0);
      } finally {
        keyspace.close();
      }
    });
  }
});

import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Random bytes are drawn 8 KiB at a time: one randomFillSync per 1,024 ids instead of one per id.
const pool = Buffer.alloc(8 * 1024);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

/** Eight bytes from the pool of random bytes; returns their offset in `pool`. */
function randomOffset(): number {
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += 8;
  return poolOffset - 8;
}

function format(ms: number, count: number, random: Uint8Array, r: number): string {
  const high = Math.floor(ms / 2 ** 16);
  const hex = (n: number) => HEX[n & 0xff] as string;
  return (
    hex(high >>> 24) +
    hex(high >>> 16) +
    hex(high >>> 8) +
    hex(high) +
    '-' +
    hex(ms >>> 8) +
    hex(ms) +
    '-' +
    hex(0x70 | (count >>> 8)) +
    hex(count) +
    '-' +
    hex(0x80 | ((random[r] as number) & 0x3f)) +
    hex(random[r + 1] as number) +
    '-' +
    hex(random[r + 2] as number) +
    hex(random[r + 3] as number) +
    hex(random[r + 4] as number) +
    hex(random[r + 5] as number) +
    hex(random[r + 6] as number) +
    hex(random[r + 7] as number)
  );
}

/** A 32-bit integer hash (murmur3's finalizer), so that neighbouring indexes get unrelated bits. */
function mix(n: number): number {
  let h = n | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter that
 * keeps ids made in the same millisecond (or after the clock stepped back) increasing, then 62
 * random bits. Ids made by one process always increase, so inserts append to the primary-key
 * B-tree instead of landing on a random page; across processes they are unique by their random
 * bits. Lower-case hex in the 8-4-4-4-12 form, like every other id in the database.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat an id.
    lastMs++;
    counter = 0;
  }
  return format(lastMs, counter, pool, randomOffset());
}

/**
 * Reserves `count` consecutive ids at once, for rows whose order is known before their ids are
 * made (a bulk insert sorted first): the returned function gives the i-th, which is later than the
 * (i-1)-th and than every id made before the reservation; ids made after it are later than all.
 * The i-th id is the same on every call (its random bits are the block's random salt mixed with
 * i), so an organization and its attribute row can each ask for it.
 */
export function uuidv7Block(count: number, now: number = Date.now()): (i: number) => string {
  const base = now > lastMs ? now : lastMs + 1;
  const last = Math.max(0, count - 1);
  lastMs = base + Math.floor(last / 4096);
  counter = last % 4096;
  const salt = Buffer.from(pool.subarray(randomOffset(), poolOffset));
  const random = Buffer.alloc(8);
  return (i) => {
    if (!Number.isSafeInteger(i) || i < 0 || i > last)
      throw new RangeError(`No id ${i} in a block of ${count}`);
    random.writeUInt32BE((salt.readUInt32BE(0) ^ mix(i)) >>> 0, 0);
    random.writeUInt32BE((salt.readUInt32BE(4) ^ mix(i ^ 0x5bd1e995)) >>> 0, 4);
    return format(base + Math.floor(i / 4096), i % 4096, random, 0);
  };
}

import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Random bytes are drawn 8 KiB at a time: one randomFillSync per 1,024 ids instead of one per id.
const pool = Buffer.alloc(8 * 1024);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

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
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const r = poolOffset;
  poolOffset += 8;
  const ms = lastMs;
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
    hex(0x70 | (counter >>> 8)) +
    hex(counter) +
    '-' +
    hex(0x80 | ((pool[r] as number) & 0x3f)) +
    hex(pool[r + 1] as number) +
    '-' +
    hex(pool[r + 2] as number) +
    hex(pool[r + 3] as number) +
    hex(pool[r + 4] as number) +
    hex(pool[r + 5] as number) +
    hex(pool[r + 6] as number) +
    hex(pool[r + 7] as number)
  );
}

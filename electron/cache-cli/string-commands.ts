import { byteLength, concatCanonical } from '../backend/cache/bytes';
import type { Entry, KeyspaceCore } from '../backend/cache/core';
import {
  EX,
  EXAT,
  GET,
  KEEPTTL,
  NX,
  PERSIST,
  PX,
  PXAT,
  XX,
  expireMillis,
  parseExtendedArgs,
} from './expire-args';
import { INT64_MAX, INT64_MIN, parseInt64 } from './int64';
import { NIL, OK, array, bulk, bulkOrNil, error, errors, integer, type Reply } from './reply';

/** Redis's proto-max-bulk-len default: no string may grow beyond 512 MB. */
const MAX_STRING_BYTES = 512 * 1024 * 1024;

export type Handler = (ks: KeyspaceCore, args: readonly string[]) => Reply;

export function applyExpiry(ks: KeyspaceCore, entry: Entry, when: bigint): void {
  ks.setExpiry(entry, Number(when), when > BigInt(Number.MAX_SAFE_INTEGER) ? when : null);
}

function arg(args: readonly string[], i: number): string {
  return args[i] as string;
}

/** SET, SETEX, PSETEX and SETNX share Redis's setGenericCommand. */
function setGeneric(
  ks: KeyspaceCore,
  key: string,
  value: string,
  flags: number,
  expire: string | null,
  command: string,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  let when: bigint | null = null;
  if (expire !== null) {
    const parsed = expireMillis(expire, flags, ks.clock.now(), command);
    if (typeof parsed !== 'bigint') return parsed;
    when = parsed;
  }
  let previous: Reply | null = null;
  if (flags & GET) previous = bulkOrNil(ks.readValue(key)?.value ?? null);
  const found = ks.lookupWrite(key) !== undefined;
  if ((flags & NX && found) || (flags & XX && !found)) return previous ?? abortReply;
  const entry = ks.store(key, value, (flags & KEEPTTL) !== 0);
  if (when !== null) applyExpiry(ks, entry, when);
  ks.emitSet(key);
  return previous ?? okReply;
}

const set: Handler = (ks, args) => {
  const parsed = parseExtendedArgs(args, 3, 'set');
  if ('type' in parsed) return parsed;
  return setGeneric(ks, arg(args, 1), arg(args, 2), parsed.flags, parsed.expire, 'set', OK, NIL);
};

const setex: Handler = (ks, args) =>
  setGeneric(ks, arg(args, 1), arg(args, 3), EX, arg(args, 2), 'setex', OK, NIL);
const psetex: Handler = (ks, args) =>
  setGeneric(ks, arg(args, 1), arg(args, 3), PX, arg(args, 2), 'psetex', OK, NIL);
const setnx: Handler = (ks, args) =>
  setGeneric(ks, arg(args, 1), arg(args, 2), NX, null, 'setnx', integer(1), integer(0));

const get: Handler = (ks, args) => bulkOrNil(ks.readValue(arg(args, 1))?.value ?? null);

const getset: Handler = (ks, args) => {
  const previous = bulkOrNil(ks.readValue(arg(args, 1))?.value ?? null);
  ks.store(arg(args, 1), arg(args, 2), false);
  ks.emitSet(arg(args, 1));
  return previous;
};

const getdel: Handler = (ks, args) => {
  const entry = ks.readValue(arg(args, 1));
  if (entry === undefined) return NIL;
  ks.removeEntry(entry, 'DELETE');
  return bulk(entry.value);
};

const getex: Handler = (ks, args) => {
  const parsed = parseExtendedArgs(args, 2, 'getex');
  if ('type' in parsed) return parsed;
  const entry = ks.readValue(arg(args, 1));
  if (entry === undefined) return NIL;
  const now = ks.clock.now();
  let when: bigint | null = null;
  if (parsed.expire !== null) {
    const ms = expireMillis(parsed.expire, parsed.flags, now, 'getex');
    if (typeof ms !== 'bigint') return ms;
    when = ms;
  }
  const reply = bulk(entry.value);
  if (when !== null && parsed.flags & (EXAT | PXAT) && when <= BigInt(now)) ks.removeEntry(entry, 'DELETE');
  else if (when !== null) applyExpiry(ks, entry, when);
  else if (parsed.flags & PERSIST) ks.clearExpiry(entry);
  return reply;
};

const mget: Handler = (ks, args) => {
  const out: Reply[] = [];
  for (let i = 1; i < args.length; i++) out.push(bulkOrNil(ks.readValue(arg(args, i))?.value ?? null));
  return array(out);
};

const mset: Handler = (ks, args) => {
  if (args.length % 2 === 0) return error(errors.arity('mset'));
  for (let i = 1; i < args.length; i += 2) {
    ks.store(arg(args, i), arg(args, i + 1), false);
    ks.emitSet(arg(args, i));
  }
  return OK;
};

function incrDecr(ks: KeyspaceCore, key: string, increment: bigint): Reply {
  const entry = ks.lookupWrite(key);
  const old = entry === undefined ? 0n : parseInt64(entry.value);
  if (old === null) return error(errors.notInteger);
  if (
    (increment < 0n && old < 0n && increment < INT64_MIN - old) ||
    (increment > 0n && old > 0n && increment > INT64_MAX - old)
  ) {
    return error(errors.overflow);
  }
  const next = old + increment;
  ks.store(key, next.toString(), true);
  ks.emitSet(key);
  return integer(next);
}

const incr: Handler = (ks, args) => incrDecr(ks, arg(args, 1), 1n);
const decr: Handler = (ks, args) => incrDecr(ks, arg(args, 1), -1n);
const incrby: Handler = (ks, args) => {
  const by = parseInt64(arg(args, 2));
  return by === null ? error(errors.notInteger) : incrDecr(ks, arg(args, 1), by);
};
const decrby: Handler = (ks, args) => {
  const by = parseInt64(arg(args, 2));
  if (by === null) return error(errors.notInteger);
  if (by === INT64_MIN) return error(errors.decrementOverflow);
  return incrDecr(ks, arg(args, 1), -by);
};

const append: Handler = (ks, args) => {
  const key = arg(args, 1);
  const suffix = arg(args, 2);
  const entry = ks.lookupWrite(key);
  if (entry === undefined) {
    ks.store(key, suffix, false);
    ks.emitSet(key);
    return integer(byteLength(suffix));
  }
  const total = byteLength(entry.value) + byteLength(suffix);
  if (total > MAX_STRING_BYTES) return error(errors.tooLarge);
  ks.store(key, concatCanonical(entry.value, suffix), true);
  ks.emitSet(key);
  return integer(total);
};

const strlen: Handler = (ks, args) => {
  const entry = ks.lookupRead(arg(args, 1));
  return integer(entry === undefined ? 0 : byteLength(entry.value));
};

export const stringCommands: Record<string, { arity: number; denyoom: boolean; run: Handler }> = {
  get: { arity: 2, denyoom: false, run: get },
  set: { arity: -3, denyoom: true, run: set },
  setex: { arity: 4, denyoom: true, run: setex },
  psetex: { arity: 4, denyoom: true, run: psetex },
  setnx: { arity: 3, denyoom: true, run: setnx },
  getset: { arity: 3, denyoom: true, run: getset },
  getdel: { arity: 2, denyoom: false, run: getdel },
  getex: { arity: -2, denyoom: false, run: getex },
  mget: { arity: -2, denyoom: false, run: mget },
  mset: { arity: -3, denyoom: true, run: mset },
  incr: { arity: 2, denyoom: true, run: incr },
  decr: { arity: 2, denyoom: true, run: decr },
  incrby: { arity: 3, denyoom: true, run: incrby },
  decrby: { arity: 3, denyoom: true, run: decrby },
  append: { arity: 3, denyoom: true, run: append },
  strlen: { arity: 2, denyoom: false, run: strlen },
};

import { encodeBytes } from '../backend/cache/bytes';
import { INT64_MAX, INT64_MIN, parseInt64 } from './int64';
import { OK, array, bulk, error, errors, integer, status, type Reply } from './reply';
import { applyExpiry, type Handler } from './string-commands';

function arg(args: readonly string[], i: number): string {
  return args[i] as string;
}

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

function parseExpireFlags(args: readonly string[]): number | Reply {
  let flags = 0;
  for (let j = 3; j < args.length; j++) {
    const opt = arg(args, j);
    switch (opt.toLowerCase()) {
      case 'nx':
        flags |= EXPIRE_NX;
        break;
      case 'xx':
        flags |= EXPIRE_XX;
        break;
      case 'gt':
        flags |= EXPIRE_GT;
        break;
      case 'lt':
        flags |= EXPIRE_LT;
        break;
      default:
        return error(`ERR Unsupported option ${opt}`);
    }
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    return error('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) {
    return error('ERR GT and LT options at the same time are not compatible');
  }
  return flags;
}

/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (Redis expireGenericCommand). */
function expireGeneric(relative: boolean, seconds: boolean, command: string): Handler {
  return (ks, args) => {
    const flags = parseExpireFlags(args);
    if (typeof flags !== 'number') return flags;
    let when = parseInt64(arg(args, 2));
    if (when === null) return error(errors.notInteger);
    if (seconds) {
      if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) return error(errors.invalidExpire(command));
      when *= 1000n;
    }
    const now = BigInt(ks.clock.now());
    const base = relative ? now : 0n;
    if (when > INT64_MAX - base) return error(errors.invalidExpire(command));
    when += base;
    const entry = ks.lookupWrite(arg(args, 1));
    if (entry === undefined) return integer(0);
    const current = ks.expiryOf(entry);
    if (flags & EXPIRE_NX && current !== -1n) return integer(0);
    if (flags & EXPIRE_XX && current === -1n) return integer(0);
    // A key without TTL counts as an infinite TTL: never "greater than", always "less than".
    if (flags & EXPIRE_GT && (when <= current || current === -1n)) return integer(0);
    if (flags & EXPIRE_LT && current !== -1n && when >= current) return integer(0);
    if (when <= now) ks.removeEntry(entry, 'DELETE');
    else applyExpiry(ks, entry, when);
    return integer(1);
  };
}

/** TTL, PTTL, EXPIRETIME, PEXPIRETIME (Redis ttlGenericCommand, seconds rounded to nearest). */
function ttlGeneric(millis: boolean, absolute: boolean): Handler {
  return (ks, args) => {
    const entry = ks.lookupRead(arg(args, 1), false);
    if (entry === undefined) return integer(-2);
    const expiry = ks.expiryOf(entry);
    if (expiry === -1n) return integer(-1);
    let ttl = absolute ? expiry : expiry - BigInt(ks.clock.now());
    if (ttl < 0n) ttl = 0n;
    return integer(millis ? ttl : (ttl + 500n) / 1000n);
  };
}

const persist: Handler = (ks, args) => {
  const entry = ks.lookupWrite(arg(args, 1));
  if (entry === undefined || entry.expiresAt === 0) return integer(0);
  ks.clearExpiry(entry);
  return integer(1);
};

const del: Handler = (ks, args) => {
  let removed = 0;
  for (let i = 1; i < args.length; i++) if (ks.deleteKey(arg(args, i))) removed++;
  return integer(removed);
};

const exists: Handler = (ks, args) => {
  let count = 0;
  for (let i = 1; i < args.length; i++) if (ks.lookupRead(arg(args, i), false) !== undefined) count++;
  return integer(count);
};

const type: Handler = (ks, args) =>
  status(ks.lookupRead(arg(args, 1), false) === undefined ? 'none' : 'string');

function renameGeneric(nx: boolean): Handler {
  return (ks, args) => {
    const from = arg(args, 1);
    const to = arg(args, 2);
    const entry = ks.lookupWrite(from);
    if (entry === undefined) return error(errors.noSuchKey);
    if (from === to) return nx ? integer(0) : OK;
    if (nx && ks.lookupWrite(to) !== undefined) return integer(0);
    ks.rename(entry, to);
    return nx ? integer(1) : OK;
  };
}

const keys: Handler = (ks, args) => array(ks.keys(arg(args, 1)).map(bulk));

const MAX_CURSOR = 2n ** 64n - 1n;

/** Redis parses cursors with strtoul: optional sign (a negative one wraps), digits, no spaces. */
function parseCursor(text: string): number | null {
  if (!/^[+-]?\d*$/.test(text) || /^[+-]$/.test(text)) return null;
  const value = text === '' ? 0n : BigInt(text);
  const magnitude = value < 0n ? -value : value;
  if (magnitude > MAX_CURSOR) return null;
  const wrapped = value < 0n ? MAX_CURSOR + 1n + value : value;
  return Number(wrapped);
}

const scan: Handler = (ks, args) => {
  const cursor = parseCursor(arg(args, 1));
  if (cursor === null) return error(errors.invalidCursor);
  let count = 10;
  let pattern: Uint8Array | null = null;
  let stringsOnly = true;
  for (let i = 2; i < args.length; i += 2) {
    const opt = arg(args, i).toLowerCase();
    const value = args[i + 1];
    if (value === undefined) return error(errors.syntax);
    if (opt === 'count') {
      const n = parseInt64(value);
      if (n === null) return error(errors.notInteger);
      if (n < 1n) return error(errors.syntax);
      count = n > 1_000_000_000n ? 1_000_000_000 : Number(n);
    } else if (opt === 'match') {
      pattern = value === '*' ? null : encodeBytes(value);
    } else if (opt === 'type') {
      stringsOnly = value.toLowerCase() === 'string';
    } else {
      return error(errors.syntax);
    }
  }
  const result = ks.scan(cursor, count, pattern, stringsOnly);
  return array([bulk(String(result.cursor)), array(result.keys.map(bulk))]);
};

export const keyCommands: Record<string, { arity: number; denyoom: boolean; run: Handler }> = {
  del: { arity: -2, denyoom: false, run: del },
  unlink: { arity: -2, denyoom: false, run: del },
  exists: { arity: -2, denyoom: false, run: exists },
  type: { arity: 2, denyoom: false, run: type },
  rename: { arity: 3, denyoom: false, run: renameGeneric(false) },
  renamenx: { arity: 3, denyoom: false, run: renameGeneric(true) },
  expire: { arity: -3, denyoom: false, run: expireGeneric(true, true, 'expire') },
  pexpire: { arity: -3, denyoom: false, run: expireGeneric(true, false, 'pexpire') },
  expireat: { arity: -3, denyoom: false, run: expireGeneric(false, true, 'expireat') },
  pexpireat: { arity: -3, denyoom: false, run: expireGeneric(false, false, 'pexpireat') },
  ttl: { arity: 2, denyoom: false, run: ttlGeneric(false, false) },
  pttl: { arity: 2, denyoom: false, run: ttlGeneric(true, false) },
  expiretime: { arity: 2, denyoom: false, run: ttlGeneric(false, true) },
  pexpiretime: { arity: 2, denyoom: false, run: ttlGeneric(true, true) },
  persist: { arity: 2, denyoom: false, run: persist },
  keys: { arity: 2, denyoom: false, run: keys },
  scan: { arity: -2, denyoom: false, run: scan },
};

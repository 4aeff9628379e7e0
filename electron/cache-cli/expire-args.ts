import { INT64_MAX, parseInt64 } from './int64';
import { error, errors, type Reply } from './reply';

/** Option flags of SET and GETEX, as Redis's parseExtendedStringArgumentsOrReply names them. */
export const NX = 1;
export const XX = 2;
export const GET = 4;
export const KEEPTTL = 8;
export const PERSIST = 16;
export const EX = 32;
export const PX = 64;
export const EXAT = 128;
export const PXAT = 256;
const ANY_EXPIRE = EX | PX | EXAT | PXAT;

export interface ExtendedArgs {
  flags: number;
  /** The raw EX/PX/EXAT/PXAT argument; the last one given wins, as in Redis. */
  expire: string | null;
}

/**
 * Parses SET/GETEX options from `start` with Redis's compatibility rules: repeated options are
 * accepted, conflicting ones are a syntax error, a missing value is a syntax error.
 */
export function parseExtendedArgs(
  args: readonly string[],
  start: number,
  command: 'set' | 'getex',
): ExtendedArgs | Reply {
  const isSet = command === 'set';
  let flags = 0;
  let expire: string | null = null;
  for (let j = start; j < args.length; j++) {
    const opt = (args[j] as string).toLowerCase();
    const next = args[j + 1];
    const unitAllowed = (self: number) => (flags & (KEEPTTL | PERSIST | (ANY_EXPIRE & ~self))) === 0;
    if (opt === 'nx' && isSet && !(flags & XX)) flags |= NX;
    else if (opt === 'xx' && isSet && !(flags & NX)) flags |= XX;
    else if (opt === 'get' && isSet) flags |= GET;
    else if (opt === 'keepttl' && isSet && !(flags & (PERSIST | ANY_EXPIRE))) flags |= KEEPTTL;
    else if (opt === 'persist' && !isSet && !(flags & (ANY_EXPIRE | KEEPTTL))) flags |= PERSIST;
    else if (next !== undefined && opt === 'ex' && unitAllowed(EX))
      [flags, expire, j] = [flags | EX, next, j + 1];
    else if (next !== undefined && opt === 'px' && unitAllowed(PX))
      [flags, expire, j] = [flags | PX, next, j + 1];
    else if (next !== undefined && opt === 'exat' && unitAllowed(EXAT))
      [flags, expire, j] = [flags | EXAT, next, j + 1];
    else if (next !== undefined && opt === 'pxat' && unitAllowed(PXAT))
      [flags, expire, j] = [flags | PXAT, next, j + 1];
    else return error(errors.syntax);
  }
  return { flags, expire };
}

/**
 * The absolute expiry in ms for an EX/PX/EXAT/PXAT value (Redis getExpireMillisecondsOrReply):
 * non-integers, non-positive values and anything overflowing int64 are errors.
 */
export function expireMillis(value: string, flags: number, now: number, command: string): bigint | Reply {
  let ms = parseInt64(value);
  if (ms === null) return error(errors.notInteger);
  const seconds = (flags & (EX | EXAT)) !== 0;
  if (ms <= 0n || (seconds && ms > INT64_MAX / 1000n)) return error(errors.invalidExpire(command));
  if (seconds) ms *= 1000n;
  if (flags & (EX | PX)) ms += BigInt(now);
  if (ms > INT64_MAX) return error(errors.invalidExpire(command));
  return ms;
}

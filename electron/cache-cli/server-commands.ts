import type { KeyspaceCore } from '../backend/cache/core';
import { config } from './config';
import { info } from './info';
import { OK, bulk, error, errors, integer, status, type Reply } from './reply';
import type { Handler } from './string-commands';

function flushGeneric(ks: KeyspaceCore, args: readonly string[]): Reply {
  if (args.length > 2) return error(errors.syntax);
  const mode = args[1]?.toLowerCase();
  if (mode !== undefined && mode !== 'sync' && mode !== 'async') return error(errors.syntax);
  ks.flushAll();
  return OK;
}

/** C atof/atoi: the longest numeric prefix, 0 when there is none. */
function numericPrefix(text: string): number {
  const n = Number.parseFloat(text);
  return Number.isNaN(n) ? 0 : n;
}

function debug(ks: KeyspaceCore, args: readonly string[]): Reply {
  const sub = (args[1] as string).toLowerCase();
  if (sub === 'sleep' && args.length === 3) {
    const ms = numericPrefix(args[2] as string) * 1000;
    ks.clock.sleep(ms);
    // Redis runs its expire cron as soon as the blocking sleep returns; do what it would find.
    if (ks.activeExpireEnabled) ks.purgeExpired();
    return OK;
  }
  if (sub === 'set-active-expire' && args.length === 3) {
    ks.activeExpireEnabled = Math.trunc(numericPrefix(args[2] as string)) !== 0;
    return OK;
  }
  return error(
    `ERR unknown subcommand or wrong number of arguments for '${(args[1] as string).slice(0, 128)}'. Try DEBUG HELP.`,
  );
}

const ping: Handler = (_ks, args) => {
  if (args.length > 2) return error(errors.arity('ping'));
  return args.length === 2 ? bulk(args[1] as string) : status('PONG');
};

export const serverCommands: Record<string, { arity: number; denyoom: boolean; run: Handler }> = {
  ping: { arity: -1, denyoom: false, run: ping },
  echo: { arity: 2, denyoom: false, run: (_ks, args) => bulk(args[1] as string) },
  dbsize: { arity: 1, denyoom: false, run: (ks) => integer(ks.dbsize()) },
  flushdb: { arity: -1, denyoom: false, run: flushGeneric },
  flushall: { arity: -1, denyoom: false, run: flushGeneric },
  info: { arity: -1, denyoom: false, run: (ks, args) => bulk(info(ks, args.slice(1))) },
  config: { arity: -2, denyoom: false, run: config },
  debug: { arity: -2, denyoom: false, run: debug },
};

import { dispatch } from './commands';
import { KeyspaceCore } from '../backend/cache/core';
import type { Reply } from './reply';

/**
 * An in-memory keyspace with redis-server 7.0 semantics for strings. Two doors onto one core:
 * the typed methods inherited from KeyspaceCore (get, set, del, pttl, keys, flushAll, stats,
 * onEvent, ...) and `execute`, which takes a command as Redis receives it and returns its reply.
 */
export class Keyspace extends KeyspaceCore {
  execute(args: readonly string[]): Reply {
    return dispatch(this, args);
  }
}

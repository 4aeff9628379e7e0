/** Typed RESP2 replies, shared by the keyspace's dispatcher, the RESP client and cache-cli. */

export type Reply =
  | { type: 'status'; value: string }
  | { type: 'bulk'; value: string }
  | { type: 'nil' }
  | { type: 'integer'; value: bigint }
  | { type: 'array'; value: Reply[] }
  | { type: 'error'; message: string };

export const OK: Reply = Object.freeze({ type: 'status', value: 'OK' });
export const NIL: Reply = Object.freeze({ type: 'nil' });

export function status(value: string): Reply {
  return { type: 'status', value };
}
export function bulk(value: string): Reply {
  return { type: 'bulk', value };
}
export function bulkOrNil(value: string | null): Reply {
  return value === null ? NIL : { type: 'bulk', value };
}
export function integer(value: number | bigint): Reply {
  return { type: 'integer', value: BigInt(value) };
}
export function array(value: Reply[]): Reply {
  return { type: 'array', value };
}
export function error(message: string): Reply {
  return { type: 'error', message };
}

/** Redis's own error texts (server.c shared objects and command implementations). */
export const errors = {
  syntax: 'ERR syntax error',
  notInteger: 'ERR value is not an integer or out of range',
  overflow: 'ERR increment or decrement would overflow',
  decrementOverflow: 'ERR decrement would overflow',
  noSuchKey: 'ERR no such key',
  invalidCursor: 'ERR invalid cursor',
  tooLarge: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  arity: (name: string) => `ERR wrong number of arguments for '${name}' command`,
  invalidExpire: (name: string) => `ERR invalid expire time in '${name}' command`,
} as const;

/**
 * One JSON text per reply, as cache-cli prints it. Integers are written with all their digits even
 * beyond 2^53 (JSON numbers have no precision limit; a reader that needs them exact parses them as
 * such), so 64-bit counters never lose a digit on the way out.
 */
export function replyToJson(reply: Reply): string {
  switch (reply.type) {
    case 'status':
    case 'bulk':
      return JSON.stringify(reply.value);
    case 'nil':
      return 'null';
    case 'integer':
      return reply.value.toString();
    case 'array':
      return `[${reply.value.map(replyToJson).join(',')}]`;
    case 'error':
      return JSON.stringify({ error: reply.message });
  }
}

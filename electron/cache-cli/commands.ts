import { OOM_MESSAGE, type KeyspaceCore } from '../backend/cache/core';
import { keyCommands } from './key-commands';
import { error, errors, type Reply } from './reply';
import { serverCommands } from './server-commands';
import { stringCommands } from './string-commands';

const table = new Map(Object.entries({ ...stringCommands, ...keyCommands, ...serverCommands }));

/** C's `%.Ns` for the error texts that quote arguments, with CR/LF blanked as Redis does. */
function quoted(text: string, max: number): string {
  return text.slice(0, max).replace(/[\r\n]/g, ' ');
}

function unknownCommand(args: readonly string[]): Reply {
  let rest = '';
  for (let i = 1; i < args.length && rest.length < 128; i++) {
    rest += `'${quoted(args[i] as string, 128 - rest.length)}' `;
  }
  return error(`ERR unknown command '${quoted(args[0] ?? '', 128)}', with args beginning with: ${rest}`);
}

/**
 * Runs one command the way redis-server's processCommand does: lookup (case-insensitive),
 * arity, then evictions before the command (refusing memory-growing commands on OOM).
 */
export function dispatch(ks: KeyspaceCore, args: readonly string[]): Reply {
  const command = args.length === 0 ? undefined : table.get((args[0] as string).toLowerCase());
  if (command === undefined) return unknownCommand(args);
  const arityOk = command.arity > 0 ? args.length === command.arity : args.length >= -command.arity;
  if (!arityOk) return error(errors.arity((args[0] as string).toLowerCase()));
  ks.beginOp();
  if (!ks.makeRoom() && command.denyoom) return error(OOM_MESSAGE);
  return command.run(ks, args);
}

import { createInterface } from 'node:readline';
import { splitArgs } from './cli-args';
import { Keyspace } from './keyspace';
import { replyToJson } from './reply';

/**
 * cache-cli: an empty embedded keyspace driven from `input`, one command per line with redis-cli's
 * quoting, exactly one JSON line per command on `output` (see replyToJson). Blank lines print
 * nothing. Lines are read as bytes (latin1 round-trips every byte), so `\xHH` escapes and raw
 * UTF-8 both reach the keyspace byte for byte.
 */
export async function runCacheCli(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const keyspace = new Keyspace();
  const lines = createInterface({ input: asLatin1(input), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const args = splitArgs(Buffer.from(line, 'latin1'));
      if (args !== null && args.length === 0) continue;
      const text =
        args === null
          ? JSON.stringify({ error: 'Invalid argument(s)' })
          : replyToJson(keyspace.execute(args));
      if (!output.write(`${text}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    }
  } finally {
    keyspace.close();
  }
}

function asLatin1(input: NodeJS.ReadableStream): NodeJS.ReadableStream {
  input.setEncoding('latin1');
  return input;
}

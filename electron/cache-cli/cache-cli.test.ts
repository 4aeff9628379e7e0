import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCacheCli } from './cache-cli';

async function session(input: string | Buffer): Promise<string[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const done = runCacheCli(stdin, stdout);
  stdin.end(input);
  await done;
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

describe('cache-cli', () => {
  it('prints exactly one JSON line per command and nothing for blank lines', async () => {
    const out = await session(
      [
        'SET sector:pe_x "{\\"a\\":1}" EX 3600',
        '',
        '   ',
        'GET sector:pe_x',
        'GET missing',
        'TTL sector:pe_x',
        'MGET sector:pe_x missing',
        'INCRBY n 9223372036854775807',
        'INCR n',
        'nosuch a b',
        'PING',
      ].join('\n'),
    );
    expect(out).toEqual([
      '"OK"',
      '"{\\"a\\":1}"',
      'null',
      '3600',
      '["{\\"a\\":1}",null]',
      '9223372036854775807',
      '{"error":"ERR increment or decrement would overflow"}',
      `{"error":"ERR unknown command 'nosuch', with args beginning with: 'a' 'b' "}`,
      '"PONG"',
    ]);
  });

  it('follows redis-cli quoting: escapes in double quotes, literal single quotes', async () => {
    const out = await session(
      [
        'SET a "tab\\there\\nnew \\"quoted\\" back\\\\slash \\x41\\x42"',
        'GET a',
        "SET b 'it\\'s \\n literal'",
        'GET b',
        'SET c "\\xff\\xfe"',
        'STRLEN c',
        'SET d "caf\\xc3\\xa9"',
        'GET d',
        'STRLEN d',
        'SET e héllo',
        'STRLEN e',
        'SET "key with spaces" v',
        'KEYS key*',
        'SET mid"dle quoted" v',
        'GET "middle quoted"',
        'ECHO ""',
      ].join('\n'),
    );
    expect(out).toEqual([
      '"OK"',
      JSON.stringify('tab\there\nnew "quoted" back\\slash AB'),
      '"OK"',
      JSON.stringify("it's \\n literal"),
      '"OK"',
      '2',
      '"OK"',
      '"café"',
      '5',
      '"OK"',
      '6',
      '"OK"',
      '["key with spaces"]',
      '"OK"',
      '"v"',
      '""',
    ]);
  });

  it('reports unbalanced quotes as redis-cli does', async () => {
    const out = await session(['SET a "open', "SET a 'open", 'SET a "closed"x', 'GET a'].join('\n'));
    expect(out).toEqual([
      '{"error":"Invalid argument(s)"}',
      '{"error":"Invalid argument(s)"}',
      '{"error":"Invalid argument(s)"}',
      'null',
    ]);
  });

  it('handles CRLF input and a last line without newline', async () => {
    expect(await session('SET a 1\r\nGET a')).toEqual(['"OK"', '"1"']);
  });
});

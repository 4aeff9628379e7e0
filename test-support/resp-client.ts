import { connect, type Socket } from 'node:net';
import { decodeBytes, encodeBytes } from '../electron/backend/cache/bytes';
import type { Reply } from '../electron/cache-cli/reply';

/**
 * A minimal RESP2 client that keeps reply types exact (status vs bulk, nil vs empty), which
 * general-purpose clients blur. Arguments and bulk replies go through the keyspace's canonical
 * byte mapping, so both sides of a differential test see the same strings.
 */
export class RespClient {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: { resolve: (reply: Reply) => void; reject: (err: Error) => void }[] = [];
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.splice(0)) p.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => {
        socket.off('error', reject);
        resolve(new RespClient(socket));
      });
      socket.once('error', reject);
    });
  }

  call(args: readonly string[]): Promise<Reply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
    for (const arg of args) {
      const bytes = encodeBytes(arg);
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(Buffer.concat(parts));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private drain(): void {
    for (;;) {
      const parsed = parseReply(this.buffer, 0);
      if (parsed === null) return;
      this.buffer = this.buffer.subarray(parsed.end);
      this.pending.shift()?.resolve(parsed.reply);
    }
  }
}

function parseReply(buf: Buffer, start: number): { reply: Reply; end: number } | null {
  const lineEnd = buf.indexOf('\r\n', start);
  if (lineEnd === -1) return null;
  const line = buf.toString('latin1', start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (buf[start]) {
    case 0x2b /* + */:
      return { reply: { type: 'status', value: decodeBytes(buf.subarray(start + 1, lineEnd)) }, end: next };
    case 0x2d /* - */:
      return { reply: { type: 'error', message: decodeBytes(buf.subarray(start + 1, lineEnd)) }, end: next };
    case 0x3a /* : */:
      return { reply: { type: 'integer', value: BigInt(line) }, end: next };
    case 0x24 /* $ */: {
      const len = Number(line);
      if (len < 0) return { reply: { type: 'nil' }, end: next };
      if (buf.length < next + len + 2) return null;
      return {
        reply: { type: 'bulk', value: decodeBytes(buf.subarray(next, next + len)) },
        end: next + len + 2,
      };
    }
    case 0x2a /* * */: {
      const count = Number(line);
      if (count < 0) return { reply: { type: 'nil' }, end: next };
      const items: Reply[] = [];
      let pos = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (item === null) return null;
        items.push(item.reply);
        pos = item.end;
      }
      return { reply: { type: 'array', value: items }, end: pos };
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[start]}`);
  }
}

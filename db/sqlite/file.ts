import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';

/**
 * Reads what the app must know about a SQLite file before it opens it, straight from the file
 * format (https://www.sqlite.org/fileformat2.html) with plain reads: no lock, no -wal or -shm.
 *
 * Why not SQLite itself: a read-only connection to a WAL-mode file creates -wal and -shm beside
 * it and leaves them there, and the immutable=1 URI that avoids this needs URI filenames, which
 * better-sqlite3 compiles off. Only valid while no -wal file exists: then the main file holds
 * every committed transaction.
 */
export interface SqliteFileFacts {
  applicationId: number;
  userVersion: number;
  /** Tables and views, without SQLite's own (sqlite_%), sorted. */
  objects: string[];
}

/** Where a process lists its open descriptors, each a link that `stat` follows without opening it. */
const descriptorFolder =
  process.platform === 'linux' ? '/proc/self/fd' : process.platform === 'darwin' ? '/dev/fd' : null;

/**
 * Whether any thread of this process (a connection's worker included) has `file` open. SQLite's
 * locks are POSIX advisory locks, which belong to the process: closing any descriptor of the file
 * drops all of them, and another process closing its connection would then checkpoint and delete
 * the -wal and -shm this process still writes into. So a file open here is read through SQLite,
 * never with a descriptor of our own. Windows' locks belong to the handle: nothing to check there.
 */
export function openInThisProcess(file: string): boolean {
  if (descriptorFolder === null) return false;
  const target = statSync(file, { throwIfNoEntry: false });
  if (target === undefined) return false;
  for (const name of readdirSync(descriptorFolder)) {
    try {
      const open = statSync(`${descriptorFolder}/${name}`);
      if (open.ino === target.ino && open.dev === target.dev) return true;
    } catch {
      // The listing's own descriptor, closed by now.
    }
  }
  return false;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

/**
 * Whether the file starts with SQLite's 100-byte header ("SQLite format 3"). Only for a file this
 * process does not have open (see openInThisProcess).
 */
export function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = openSync(file, 'r');
  try {
    return (
      readSync(fd, header, 0, HEADER_SIZE, 0) === HEADER_SIZE &&
      header.subarray(0, MAGIC.length).equals(MAGIC)
    );
  } finally {
    closeSync(fd);
  }
}

/** The facts of a file this process does not have open (see openInThisProcess). */
export function readSqliteFile(file: string): SqliteFileFacts {
  const fd = openSync(file, 'r');
  try {
    return new FileReader(fd, fstatSync(fd).size).facts();
  } finally {
    closeSync(fd);
  }
}

class FileReader {
  private readonly header = Buffer.alloc(HEADER_SIZE);
  private pageSize = 0;
  private usable = 0;
  private decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}

  facts(): SqliteFileFacts {
    if (readSync(this.fd, this.header, 0, HEADER_SIZE, 0) < HEADER_SIZE) throw new Error('no SQLite header');
    if (!this.header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('no SQLite header');
    const raw = this.header.readUInt16BE(16);
    this.pageSize = raw === 1 ? 65536 : raw;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw new Error('bad page size');
    this.usable = this.pageSize - (this.header[20] as number);
    if (this.usable < 480) throw new Error('bad reserved space');
    const encoding = this.header.readUInt32BE(56);
    if (encoding === 2) this.decoder = new TextDecoder('utf-16le', { fatal: true });
    else if (encoding === 3) this.decoder = new TextDecoder('utf-16be', { fatal: true });
    else if (encoding !== 1 && encoding !== 0) throw new Error('bad text encoding');

    const objects: string[] = [];
    this.walk(1, new Set(), (type, name) => {
      if ((type === 'table' || type === 'view') && !name.startsWith('sqlite_')) objects.push(name);
    });
    return {
      applicationId: this.header.readInt32BE(68),
      userVersion: this.header.readInt32BE(60),
      objects: objects.sort(),
    };
  }

  private page(number: number): Buffer {
    const offset = (number - 1) * this.pageSize;
    if (number < 1 || offset + this.pageSize > this.size) throw new Error(`page ${number} outside the file`);
    const page = Buffer.alloc(this.pageSize);
    readSync(this.fd, page, 0, this.pageSize, offset);
    return page;
  }

  /** The sqlite_schema table b-tree, rooted at page 1; each row's first two columns. */
  private walk(number: number, seen: Set<number>, row: (type: string, name: string) => void): void {
    if (seen.has(number)) throw new Error('b-tree loop');
    seen.add(number);
    const page = this.page(number);
    const start = number === 1 ? HEADER_SIZE : 0;
    const kind = page[start];
    const cells = page.readUInt16BE(start + 3);
    const pointers = start + (kind === INTERIOR_TABLE ? 12 : 8);
    if (kind !== LEAF_TABLE && kind !== INTERIOR_TABLE) throw new Error('not a table b-tree page');
    if (pointers + 2 * cells > this.usable) throw new Error('too many cells');
    for (let i = 0; i < cells; i++) {
      const cell = page.readUInt16BE(pointers + 2 * i);
      if (cell >= this.usable) throw new Error('cell outside the page');
      if (kind === INTERIOR_TABLE) this.walk(page.readUInt32BE(cell), seen, row);
      else this.leafCell(page, cell, row);
    }
    if (kind === INTERIOR_TABLE) this.walk(page.readUInt32BE(start + 8), seen, row);
  }

  private leafCell(page: Buffer, at: number, row: (type: string, name: string) => void): void {
    const [payloadSize, afterSize] = varint(page, at);
    const [, payloadStart] = varint(page, afterSize);
    const cell = { page, payloadStart, payloadSize };
    // The record header (its size, then one serial type per column) and then the values; only
    // the first two columns, type and name, are needed.
    const head = this.payload(cell, Math.min(payloadSize, 27));
    const [headerSize, typesStart] = varint(head, 0);
    const [typeSerial, nameAt] = varint(head, typesStart);
    const [nameSerial] = varint(head, nameAt);
    const typeLength = textLength(typeSerial);
    const nameLength = textLength(nameSerial);
    const body = this.payload(cell, headerSize + typeLength + nameLength);
    if (body.length < headerSize + typeLength + nameLength)
      throw new Error('schema row shorter than its header');
    row(
      this.decoder.decode(body.subarray(headerSize, headerSize + typeLength)),
      this.decoder.decode(body.subarray(headerSize + typeLength, headerSize + typeLength + nameLength)),
    );
  }

  /** The first `length` bytes of a cell's payload, following its overflow pages when it has any. */
  private payload(cell: { page: Buffer; payloadStart: number; payloadSize: number }, length: number): Buffer {
    const local = this.localPayload(cell.payloadSize);
    const end = cell.payloadStart + local;
    if (end + (local < cell.payloadSize ? 4 : 0) > this.usable) throw new Error('cell outside the page');
    const parts = [cell.page.subarray(cell.payloadStart, end)];
    let have = local;
    let next = local < cell.payloadSize ? cell.page.readUInt32BE(end) : 0;
    const seen = new Set<number>();
    while (have < Math.min(length, cell.payloadSize) && next !== 0) {
      if (seen.has(next)) throw new Error('overflow loop');
      seen.add(next);
      const overflow = this.page(next);
      parts.push(overflow.subarray(4, this.usable));
      have += this.usable - 4;
      next = overflow.readUInt32BE(0);
    }
    return Buffer.concat(parts).subarray(0, length);
  }

  /** How much of a payload is stored on the leaf page itself (the rest is in overflow pages). */
  private localPayload(size: number): number {
    const max = this.usable - 35;
    if (size <= max) return size;
    const min = Math.floor(((this.usable - 12) * 32) / 255) - 23;
    const k = min + ((size - min) % (this.usable - 4));
    return k <= max ? k : min;
  }
}

/** sqlite_schema's type and name are text: serial types 13, 15, 17… */
function textLength(serial: number): number {
  if (serial < 13 || serial % 2 === 0) throw new Error('schema row without a text type and name');
  return (serial - 13) / 2;
}

/** SQLite's variable-length integer: up to 9 bytes, big-endian, 7 bits each (8 in the 9th). */
function varint(buffer: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let i = 0;
  for (; i < 8; i++) {
    const byte = byteAt(buffer, at + i);
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + i + 1];
  }
  return [value * 256 + byteAt(buffer, at + i), at + 9];
}

function byteAt(buffer: Buffer, at: number): number {
  const byte = buffer[at];
  if (byte === undefined) throw new Error('varint outside the page');
  return byte;
}

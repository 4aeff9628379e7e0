import { createReadStream, statSync, type Stats } from 'node:fs';
import { AppError } from '../../shared/errors';
import { openInThisProcess } from '../../db/sqlite/file';

export interface UserFileLimits {
  /** More than this is refused, whatever the file type: a FIFO, /dev/zero and /proc have no size. */
  maxBytes: number;
  /** What the file should be, for the refusal's sentence ("a configuration"). */
  expected: string;
}

/**
 * Checks a file the user named before anything reads it, and answers what it is: missing, a folder,
 * or a file this process has open (the database, its -wal or -shm, under any name or link) are
 * refused without a descriptor being opened on it: closing one would drop the process's SQLite locks
 * (see db/sqlite/file.ts). So is a regular file larger than the limit.
 */
export function checkUserFile(file: string, limits: UserFileLimits): Stats {
  const info = statSync(file, { throwIfNoEntry: false });
  if (info === undefined) throw new AppError('NOT_FOUND', `${file} does not exist`);
  if (info.isDirectory()) throw new AppError('INVALID_INPUT', `${file} is a folder, not ${limits.expected}`);
  if (openInThisProcess(file)) {
    throw new AppError('INVALID_INPUT', `${file} is a database this app has open, not ${limits.expected}`);
  }
  if (info.isFile() && info.size > limits.maxBytes) throw tooLarge(file, limits);
  return info;
}

export function tooLarge(file: string, limits: UserFileLimits): AppError {
  return new AppError(
    'INVALID_INPUT',
    `${file} is larger than ${megabytes(limits.maxBytes)}: not ${limits.expected}`,
  );
}

/** Reads a file the user named, whole, up to a byte limit, after checkUserFile. */
export async function readUserFile(file: string, limits: UserFileLimits): Promise<Buffer> {
  checkUserFile(file, limits);
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > limits.maxBytes) throw tooLarge(file, limits);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('INVALID_INPUT', `Cannot read ${file}: ${code}`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, length);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-US')} MB`;
}

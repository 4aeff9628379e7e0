import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/**
 * Writes an export next to its destination and moves it into place only when complete, so a
 * cancelled or failed export never leaves a truncated CSV where the user expects a whole one.
 */
export async function exportToFile<T extends { cancelled: boolean }>(
  path: string,
  write: (out: NodeJS.WritableStream) => Promise<T>,
): Promise<T> {
  const partial = `${path}.partial`;
  try {
    const result = await write(createWriteStream(partial));
    if (result.cancelled) await rm(partial, { force: true });
    else await rename(partial, path);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

import { spawn, execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPerTest } from '../../db/test/helpers';
import { createBackend } from './index';
import { readUserFile } from './user-file';

const folder = folderPerTest();
const limits = { maxBytes: 1_000_000, expected: 'a configuration' };

describe('reading a file the user names', () => {
  it('reads a small file whole', async () => {
    const file = join(folder(), 'config.json');
    writeFileSync(file, '{"a":1}');
    expect((await readUserFile(file, limits)).toString('utf8')).toBe('{"a":1}');
  });

  it.runIf(process.platform !== 'win32')(
    'stops at the limit whatever the file type: /dev/zero, a FIFO that never ends, a large file',
    async () => {
      const dir = folder();
      await expect(readUserFile('/dev/zero', limits)).rejects.toThrow(
        '/dev/zero is larger than 1 MB: not a configuration',
      );
      const fifo = join(dir, 'endless');
      execFileSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', `yes > '${fifo}'`], { stdio: 'ignore' });
      try {
        await expect(readUserFile(fifo, limits)).rejects.toThrow(/is larger than 1 MB/);
      } finally {
        writer.kill();
      }
      const large = join(dir, 'large.json');
      writeFileSync(large, Buffer.alloc(1_000_001, 32));
      await expect(readUserFile(large, limits)).rejects.toThrow(/is larger than 1 MB/);
    },
  );

  it.runIf(process.platform === 'linux')('reads /proc files, which say they are empty', async () => {
    expect((await readUserFile('/proc/self/status', limits)).toString('utf8')).toMatch(/^Name:/);
  });

  it('refuses a folder and a missing file in one sentence', async () => {
    const dir = folder();
    await expect(readUserFile(dir, limits)).rejects.toThrow(`${dir} is a folder, not a configuration`);
    await expect(readUserFile(join(dir, 'none.json'), limits)).rejects.toThrow(/does not exist$/);
  });

  it.runIf(process.platform === 'linux')(
    'refuses the open database, its -wal and a link to it, without opening them',
    async () => {
      const dir = folder();
      const file = join(dir, 'lab.db');
      const backend = await createBackend({ dbFile: file });
      try {
        const link = join(dir, 'config.json');
        symlinkSync(file, link);
        for (const path of [file, `${file}-wal`, link]) {
          await expect(readUserFile(path, limits)).rejects.toThrow(
            `${path} is a database this app has open, not a configuration`,
          );
        }
      } finally {
        await backend.close();
      }
    },
  );
});

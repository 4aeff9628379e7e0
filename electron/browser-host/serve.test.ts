import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../db/test/helpers';
import { hostOptions, serve } from './serve';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('starting the browser host', () => {
  it('says in one sentence that a port is taken, and suggests --port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(serve({ port, dbFile: join(dir.dir, 'port.db'), staticDir: dir.dir })).rejects.toThrow(
        new RegExp(`^Port ${port} is in use: choose another with --port \\(0 picks a free one\\)$`),
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one sentence that a file is not a database, and leaves it alone', async () => {
    const corrupt = join(dir.dir, 'corrupt.db');
    writeFileSync(corrupt, 'not a database '.repeat(300));
    const error = await serve({ port: 0, dbFile: corrupt, staticDir: dir.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Cannot open .*corrupt\.db/);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it('reads its port, file and REDIS_URL from the command line and the environment', () => {
    expect(
      hostOptions(['node', 'main', '--port', '0', '--db', 'x.db'], { REDIS_URL: '' }, '/static'),
    ).toMatchObject({
      port: 0,
      staticDir: '/static',
      redisUrl: undefined,
    });
    expect(() => hostOptions(['node', 'main', '--port', '70000'], {}, '/static')).toThrow(/port/);
    expect(hostOptions(['node', 'main'], { SECTOR_STUDIO_AUTHOR: 'Ann Lee' }, '/static').author).toBe(
      'Ann Lee',
    );
  });

  it('team mode: DATABASE_URL or --db postgres://… select PostgreSQL; a password on the command line is refused', () => {
    const url = 'postgres://analyst:pw@db.example:5432/studio';
    expect(hostOptions(['node', 'main'], { DATABASE_URL: url }, '/static').dbFile).toBe(url);
    expect(hostOptions(['node', 'main', '--db', 'x.db'], { DATABASE_URL: url }, '/static').dbFile).toMatch(
      /\/x\.db$/,
    );
    expect(hostOptions(['node', 'main', '--db', 'postgres://db.example/studio'], {}, '/static').dbFile).toBe(
      'postgres://db.example/studio',
    );
    expect(() => hostOptions(['node', 'main', '--db', url], {}, '/static')).toThrow(/PGPASSWORD/);
  });
});

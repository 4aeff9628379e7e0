import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface RunningPostgres {
  port: number;
  /** A superuser URL on loopback, database `postgres`. */
  url: string;
  /** The folder of the server's Unix socket: the same server by another route than TCP. */
  socketDir: string;
  /** Creates a fresh database and returns its URL, so that each test file starts empty. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every session is terminated, the data and the port stay. */
  restart(): Promise<void>;
  /** Shuts the server down (`-m fast`) and keeps its data, for `start()` to bring it back. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port with the same data. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type PostgresAvailability = { available: true; bin: string } | { available: false; reason: string };

/** Where PostgreSQL's server programs are: $PG_BIN, else the newest Debian /usr/lib/postgresql/N/bin. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && Number(name) >= 15)
    .sort((a, b) => Number(b) - Number(a));
  const dir = versions.map((version) => join(root, version, 'bin')).find(has);
  return dir ?? null;
}

/**
 * Whether tests can run against a real PostgreSQL. CI installs Debian's postgresql package, so
 * under CI=true a missing server is an error (the suite fails instead of quietly skipping).
 */
export function postgresAvailability(env: NodeJS.ProcessEnv = process.env): PostgresAvailability {
  const bin = findPostgresBin(env);
  if (bin !== null) return { available: true, bin };
  const reason = 'PostgreSQL 15+ not found (install the Debian package postgresql or set PG_BIN)';
  if (env.CI === 'true') throw new Error(`${reason}; required when CI=true`);
  return { available: false, reason };
}

/** PostgreSQL refuses to run as root; as root the server runs as Debian's `postgres` user. */
function asServerUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      'running as root needs the `postgres` user (Debian postgresql package) to start a server',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} ${args[0] ?? ''} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * Starts a throwaway PostgreSQL: `initdb` into a temporary folder, `pg_ctl start` on a free
 * loopback port (trust authentication, fsync off: test data only), resolved once it accepts
 * connections. `stop()` shuts it down and removes the folder.
 */
export async function startPostgres(bin = findPostgresBin()): Promise<RunningPostgres> {
  if (bin === null) throw new Error('PostgreSQL not found');
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'sector-studio-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), [...args, '-D', data], user);
  const start = () => pgCtl('start', '-w', '-t', '60', '-l', join(dir, 'log'), '-o', serverOptions);
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'studio', '--auth=trust', '-E', 'UTF8', '--no-sync'],
      user,
    );
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://studio@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    port,
    url,
    socketDir: dir,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'studio', name], null);
      return `postgres://studio@127.0.0.1:${port}/${name}`;
    },
    restart: () =>
      pgCtl('restart', '-w', '-t', '60', '-m', 'fast', '-l', join(dir, 'log'), '-o', serverOptions),
    halt: () => pgCtl('stop', '-w', '-m', 'fast'),
    start,
    async stop() {
      if (stopped) return;
      stopped = true;
      // A halted server has nothing to stop; its folder is removed all the same.
      await pgCtl('status')
        .then(
          () => pgCtl('stop', '-w', '-m', 'fast'),
          () => {},
        )
        .finally(() => rmSync(dir, { recursive: true, force: true }));
    },
  };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { RespClient } from './resp-client';
import { freePort } from './free-port';

export interface RunningRedisServer {
  port: number;
  url: string;
  /** For signals a test sends itself (SIGKILL, SIGSTOP, SIGCONT). */
  pid: number;
  /** Resolves once the process has exited, however it ended (SIGTERM, SHUTDOWN, SIGKILL). */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** A port to reuse, to start the same server again; a free one by default. */
  port?: number;
  /** Where RDB snapshots are written and loaded from; /tmp by default, where nothing is saved. */
  dir?: string;
  /** Redis's `save` setting; '' (no snapshots) by default. */
  save?: string;
}

export type RedisServerAvailability =
  { available: true; binary: string } | { available: false; reason: string };

/** Where redis-server is: $REDIS_SERVER_BIN, else the first one on PATH, else Debian's path. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.REDIS_SERVER_BIN) return existsSync(env.REDIS_SERVER_BIN) ? env.REDIS_SERVER_BIN : null;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Whether tests can run against a real Redis. CI installs redis-server, so under CI=true a missing
 * binary is an error (the suite fails instead of quietly skipping); elsewhere the caller may skip
 * and should show `reason`.
 */
export function redisServerAvailability(env: NodeJS.ProcessEnv = process.env): RedisServerAvailability {
  const binary = findRedisServer(env);
  if (binary !== null) return { available: true, binary };
  const reason = 'redis-server not found (install the Debian package redis-server or set REDIS_SERVER_BIN)';
  if (env.CI === 'true') throw new Error(`${reason}; required when CI=true`);
  return { available: false, reason };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a throwaway redis-server on a loopback port: no persistence unless `save` and `dir` say
 * otherwise, DEBUG enabled (the differential tests use DEBUG SLEEP), resolved once it answers PING
 * (after loading the snapshot in `dir`, if there is one).
 */
export async function startRedisServer(
  binary = findRedisServer(),
  options: RedisServerOptions = {},
): Promise<RunningRedisServer> {
  if (binary === null) throw new Error('redis-server not found');
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      options.save ?? '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'yes',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      '--dir',
      options.dir ?? '/tmp',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let exited = false;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => ((exited = true), resolve())),
  );
  for (let attempt = 0; attempt < 100 && !exited; attempt++) {
    try {
      const client = await RespClient.connect(port);
      const reply = await client.call(['PING']);
      client.close();
      if (reply.type === 'status') {
        return {
          port,
          url: `redis://127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          stop: async () => {
            if (!exited) child.kill('SIGTERM');
            await exitedPromise;
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}: ${stderr.trim()}`);
}

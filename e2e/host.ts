import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

export interface RunningHost {
  url: string;
  stop(): Promise<void>;
}

/** Builds the renderer once per run, exactly as `npm run start:browser` does. */
export function buildRenderer(): void {
  const build = spawnSync(process.execPath, [tsx, 'electron/browser-host/build-renderer.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`Renderer build failed:\n${build.stdout}\n${build.stderr}`);
}

/**
 * Starts the real browser host (same CLI as users run) against `dbFile`, on a free port or on
 * `port` (a restart on the same port keeps the page's origin, and with it what the page stored),
 * with `env` added to the environment (REDIS_URL).
 */
export function startHost(dbFile: string, port = 0, env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [tsx, 'electron/browser-host/main.ts', '--port', String(port), '--db', dbFile],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The browser host did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /browser host: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited with code ${code}:\n${output}`));
    });
  });
}

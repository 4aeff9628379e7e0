#!/usr/bin/env node
// `npm start [-- args]`: builds the app (electron-vite build), then opens the Electron window.
// Where the Electron binary is not installed, says so in one line and starts the browser host
// instead (`npm run start:browser`), passing the same arguments on.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

const electron = installedElectron();
if (electron) {
  const build = spawnSync(process.execPath, [electronViteCli(), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  run(electron, ['.', ...args], electronEnv());
} else {
  // The browser host builds the renderer it serves itself, so nothing is built twice.
  console.log(
    'Electron binary not installed (`npx install-electron` fetches it), so no desktop window: starting the browser host instead.',
  );
  runNpm(['run', 'start:browser', '--', ...args]);
}

function electronViteCli() {
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
}

/**
 * The executable the `electron` package would launch, if it is on disk. Requiring the package
 * itself is avoided on purpose: when the binary is missing, it starts a download, which here
 * fails after a network attempt and elsewhere may take minutes.
 */
function installedElectron() {
  // Mirrors node_modules/electron/index.js, which reads the same two places.
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : override
      ? 'electron'
      : '';
  if (!executable) return null;
  const candidate = join(override ?? join(packageDir, 'dist'), executable);
  return existsSync(candidate) ? candidate : null;
}

function electronEnv() {
  const env = { ...process.env };
  // Either would change what opens: a Node process instead of the app, or a dev server page.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_RENDERER_URL;
  return env;
}

/** Runs an npm script through the npm that started us (npm_execpath), else the one on PATH. */
function runNpm(npmArgs) {
  const cli = process.env.npm_execpath;
  if (cli && /\.[cm]?js$/.test(cli)) return run(process.execPath, [cli, ...npmArgs], process.env);
  const windows = process.platform === 'win32';
  return run(windows ? 'npm.cmd' : 'npm', npmArgs, process.env, windows);
}

function run(command, commandArgs, env, shell = false) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env, shell });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

import { join } from 'node:path';
import { createBackend } from '../backend/index';
import { startShell } from './app';

// Paths are fixed here, in the entry chunk, because electron-vite emits it as out/main/index.js
// next to out/preload and out/renderer.
void startShell({
  createBackend,
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  rendererDir: join(import.meta.dirname, '../renderer'),
});

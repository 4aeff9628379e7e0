import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * `electron-vite dev` only: renderer/index.html's CSP meta allows no inline script, and React
 * Refresh injects an inline preamble. The dev server page gets its own relaxed header policy
 * instead (electron/main/security.ts); every build keeps the meta.
 */
export const devServerWithoutCspMeta: Plugin = {
  name: 'dev-server-without-csp-meta',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
};

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        // The database worker is its own entry: worker threads load it by file, beside index.js.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          'db-worker': resolve(__dirname, 'db/sqlite/worker/entry.ts'),
        },
        // Native module: loaded from node_modules (unpacked from asar), never bundled.
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': bundle zod and the contract in,
      // and emit CommonJS (.cjs, since package.json says "type": "module").
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), devServerWithoutCspMeta],
    build: {
      // electron-vite leaves bundles unminified; the browser host serves this one over HTTP.
      minify: true,
      // One bundle read from disk or loopback, never over a slow network: no need to split it.
      chunkSizeWarningLimit: 1200,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
});

import { resolveConfig } from 'electron-vite';
import { build } from 'vite';

/**
 * Builds only the renderer, from the renderer section of electron.vite.config.ts, so that the
 * browser host and the end-to-end suite do not depend on the Electron main and preload builds.
 */
process.env.NODE_ENV_ELECTRON_VITE = 'production';
const { config } = await resolveConfig({}, 'build', 'production');
if (config?.renderer === undefined) throw new Error('electron.vite.config.ts has no renderer section');
await build(config.renderer);

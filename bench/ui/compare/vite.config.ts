import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the comparison page into bench/tmp (ignored); bench/ui/compare.ts serves and measures it.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  plugins: [react()],
  build: { outDir: new URL('../../tmp/compare', import.meta.url).pathname, emptyOutDir: true },
  logLevel: 'warn',
});

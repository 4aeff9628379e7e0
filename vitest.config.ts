import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,db,electron,renderer,bench,scripts}/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test-support/missing-tools.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

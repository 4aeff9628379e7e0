import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const onlyShellsImportElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload import electron.',
};
const production = '{shared,db,electron,renderer}';
const testFiles = ['**/*.test.{ts,tsx}', '**/test/**'];
const noTestSupport = {
  group: ['**/test-support', '**/test-support/**'],
  message: 'test-support/ is for tests and bench/ only, never for the app.',
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The parts' boundaries (see docs/architecture.md), kept by lint rather than by memory.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./db', './electron', './renderer', './bench', './e2e', './scripts', './test-support'],
              message: 'shared/ imports no other part.',
            },
            { target: './db', from: './electron', message: 'db/ is below electron/: it never imports it.' },
            {
              target: './db/core',
              from: ['./db/sqlite', './db/pg', './db/transfer'],
              message: 'db/core serves both engines.',
            },
            {
              target: './db/sqlite',
              from: ['./db/pg', './db/transfer'],
              message: 'The engines do not import each other.',
            },
            {
              target: './db/pg',
              from: ['./db/sqlite', './db/transfer'],
              message: 'The engines do not import each other.',
            },
            {
              target: './renderer',
              from: ['./db', './electron'],
              message: 'The renderer talks to the bridge only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests index into fixtures they just built; a failed assertion is the right outcome there.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A component or hook longer than a screenful does more than one job: split it.
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
      // Features call the bridge's operations; only the bridge knows which transport it runs on.
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'sectorStudio',
          message: 'Use the bridge (renderer/src/api/bridge.ts).',
        },
      ],
    },
  },
  {
    files: ['renderer/src/api/bridge.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Only the Electron shells may touch Electron; everything else is plain Node or browser code.
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/main/**', 'electron/preload/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [onlyShellsImportElectron] }],
    },
  },
  {
    // Test harnesses start servers and open sockets: tests and bench/ use them, the app never ships them.
    // A later block replaces an earlier one's options for the same rule, so this one restates the
    // Electron restriction wherever the block above also applies.
    files: [`${production}/**/*.{ts,tsx}`],
    ignores: [...testFiles, 'electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [onlyShellsImportElectron], patterns: [noTestSupport] }],
    },
  },
  {
    // The shells may import Electron; the harnesses are as out of bounds for them as for the rest.
    files: ['electron/{main,preload}/**/*.{ts,tsx}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestSupport] }] },
  },
);

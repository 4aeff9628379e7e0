import { resolveConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build, type InlineConfig, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builtins = new Set(builtinModules);

/** The bare modules a build of one electron-vite section imports, statically or dynamically. */
async function importsOf(section: 'main' | 'preload'): Promise<string[]> {
  // As build-renderer.ts does: electron-vite's own resolution of electron.vite.config.ts.
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const { config } = await resolveConfig({}, 'build', 'production');
  const inline = config?.[section] as InlineConfig | undefined;
  if (inline === undefined) throw new Error(`electron.vite.config.ts has no ${section} section`);
  const output = (await build({
    ...inline,
    logLevel: 'silent',
    build: { ...inline.build, write: false },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  // Entries (the window's and the database worker's) import their shared chunks by file name.
  const ownFiles = new Set(chunks.map((chunk) => chunk.fileName));
  const specifiers = chunks.flatMap((chunk) =>
    chunk.type === 'chunk' ? [...chunk.imports, ...chunk.dynamicImports] : [],
  );
  const bare = specifiers.filter((id) => !ownFiles.has(id) && !id.startsWith('.') && !id.startsWith('/'));
  return [...new Set(bare.map(packageName))]
    .filter((name) => !name.startsWith('node:') && !builtins.has(name))
    .sort();
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

describe('package.json dependencies', () => {
  it('are exactly what the main-process bundle loads at run time (electron-builder ships them)', async () => {
    const loaded = (await importsOf('main')).filter((name) => name !== 'electron');
    expect(Object.keys(pkg.dependencies).sort()).toEqual(loaded);
  });

  it('leave the preload with nothing to load but electron (a sandboxed preload can load nothing else)', async () => {
    expect(await importsOf('preload')).toEqual(['electron']);
  });

  it('keep the renderer, the CLI and the bench tools out of the installer', () => {
    for (const name of [
      'react',
      'react-dom',
      '@mantine/core',
      'chart.js',
      'lru-cache',
      'commander',
      'electron',
    ]) {
      expect(pkg.dependencies, name).not.toHaveProperty([name]);
      expect(pkg.devDependencies, name).toHaveProperty([name]);
    }
  });
});

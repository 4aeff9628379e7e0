import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Configuration } from 'electron-builder';
import { runtimePaths } from '../../db/core/app-root';
import { deepLinkScheme } from '../../shared/deep-link';
import { productName } from '../backend/paths';

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  scripts: Record<string, string>;
};

function targetsOf(platform: 'linux' | 'mac' | 'win'): unknown {
  return config[platform]?.target;
}

describe('electron-builder.yml', () => {
  it('names the app as the shell does', () => {
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)+$/);
    expect(config.productName).toBe(productName);
  });

  it('registers the deep-link scheme the shell opens views from', () => {
    expect(config.protocols).toEqual([{ name: 'Sector Studio view', schemes: [deepLinkScheme] }]);
  });

  it("packs the build output, both engines' migrations, the seed data and package.json", () => {
    expect(config.files).toEqual([
      'out/**',
      'db/sqlite/migrations/**',
      'db/pg/migrations/**',
      'db/seed/**',
      'package.json',
    ]);
    // The packaged main process finds db/ by walking up to this package.json.
    expect(pkg.name).toBe('sector-studio');
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('packs every file the app opens at run time (issue 21: PostgreSQL migrations were missing)', () => {
    // electron-builder's globs as used here: `**` any depth, `*` within a folder, no exclusions.
    const listed: unknown[] = Array.isArray(config.files) ? config.files : [];
    const patterns = listed.filter((p): p is string => typeof p === 'string' && !p.startsWith('!'));
    expect(patterns).toEqual(listed);
    const globs = patterns.map(
      (p) =>
        new RegExp(
          `^${p
            .split('**')
            .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
            .join('.*')}$`,
        ),
    );
    const packed = (path: string) => globs.some((glob) => glob.test(path));
    for (const [name, path] of Object.entries(runtimePaths)) {
      const files = statSync(join(root, path)).isDirectory()
        ? readdirSync(join(root, path), { recursive: true, encoding: 'utf8' })
            .filter((file) => statSync(join(root, path, file)).isFile())
            .map((file) => `${path}/${file.split(sep).join('/')}`)
        : [path];
      expect(files.length, name).toBeGreaterThan(0);
      for (const file of files) expect(packed(file), `${name}: ${file}`).toBe(true);
    }
    expect(packed(pkg.main)).toBe(true);
  });

  it('keeps better-sqlite3 out of the asar and rebuilds it for Electron while packaging', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(targetsOf('linux')).toEqual(['AppImage', 'deb']);
    expect(targetsOf('mac')).toEqual(['dmg']);
    expect(targetsOf('win')).toEqual(['nsis']);
  });

  it('rebuilds native modules in the dist script, never in an install hook', () => {
    expect(pkg.scripts.dist).toMatch(/^electron-vite build && electron-builder /);
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook] ?? '').not.toMatch(/electron-builder|install-app-deps|electron-rebuild/);
    }
  });

  it('flips the Electron fuses that turn the app into a Node runtime off and the integrity checks on', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer is served from app:// (protocol.ts), so file:// pages need no privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('gives the .deb a real maintainer, not a placeholder', () => {
    const maintainer = config.linux?.maintainer ?? '';
    expect(maintainer).toMatch(/^[^<>]+ <[^@\s<>]+@[^@\s<>]+\.[a-z]+>$/);
    expect(maintainer).not.toMatch(/example|invalid|placeholder|changeme|todo/i);
  });

  it('uses only options electron-builder knows', () => {
    // The schema ships with electron-builder's own library; a misspelt key would be ignored by
    // this test's other assertions but rejected (or silently dropped) when packaging.
    const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const scheme = fromBuilder('app-builder-lib/scheme.json') as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const sections: Record<string, string> = {
      linux: 'LinuxConfiguration',
      mac: 'MacConfiguration',
      win: 'WindowsConfiguration',
      nsis: 'NsisOptions',
      electronFuses: 'FuseOptionsV1',
    };
    for (const key of Object.keys(config)) {
      expect(scheme.properties, key).toHaveProperty([key]);
      const definition = sections[key];
      if (!definition) continue;
      const known = scheme.definitions[definition]?.properties ?? {};
      for (const option of Object.keys(config[key as keyof Configuration] as object)) {
        expect(known, `${key}.${option}`).toHaveProperty([option]);
      }
    }
  });
});

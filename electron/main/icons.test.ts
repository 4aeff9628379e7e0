import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (...parts: string[]) => readFileSync(join(root, ...parts));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(png: Buffer) {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png[25] };
}

describe('icons', () => {
  it('has one 1024×1024 SVG source', () => {
    const svg = read('build', 'icon.svg').toString('utf8');
    expect(svg).toMatch(/<svg [^>]*width="1024" height="1024" viewBox="0 0 1024 1024"/);
  });

  it('gives electron-builder a 1024×1024 PNG with transparency in its buildResources folder', () => {
    // electron-builder derives the macOS .icns and the Windows .ico from build/icon.png.
    expect(pngHeader(read('build', 'icon.png'))).toEqual({ width: 1024, height: 1024, colourType: 6 });
  });

  it('serves a favicon with 16, 32 and 48 px images and links it from the page', () => {
    const ico = read('renderer', 'public', 'favicon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const entry = 6 + 16 * i;
      const png = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      const { width, height } = pngHeader(png);
      expect([ico[entry], ico[entry + 1]]).toEqual([width, height]);
      return width;
    });
    expect(sizes).toEqual([16, 32, 48]);

    expect(read('renderer', 'public', 'icon.svg').equals(read('build', 'icon.svg'))).toBe(true);
    const html = read('renderer', 'index.html').toString('utf8');
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />');
    expect(html).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml" />');
  });
});

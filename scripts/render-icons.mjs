#!/usr/bin/env node
// Renders the app icon from its one source, build/icon.svg (1024×1024), into what ships:
//
//   build/icon.png               1024×1024, electron-builder's icon for every platform (it derives
//                                the macOS .icns and the Windows .ico from it while packaging)
//   renderer/public/favicon.ico  16, 32 and 48 px PNGs in one ICO, for browsers asking /favicon.ico
//   renderer/public/icon.svg     the source itself, for browsers that take an SVG icon
//
//   node scripts/render-icons.mjs
//
// Chromium draws the SVG (Debian's /usr/bin/chromium, or CHROMIUM_PATH), through Playwright,
// which the end-to-end suite already uses. Run it after editing the SVG and commit the outputs.

import { chromium } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'build', 'icon.svg');
const svg = readFileSync(source, 'utf8');
const faviconSizes = [16, 32, 48];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const render = async (size) => {
    await page.setViewportSize({ width: size, height: size });
    const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${data}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  writeFileSync(join(root, 'build', 'icon.png'), await render(1024));
  const favicons = [];
  for (const size of faviconSizes) favicons.push({ size, png: await render(size) });
  mkdirSync(join(root, 'renderer', 'public'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'public', 'favicon.ico'), icoOf(favicons));
  copyFileSync(source, join(root, 'renderer', 'public', 'icon.svg'));
} finally {
  await browser.close();
}
console.log('wrote build/icon.png, renderer/public/favicon.ico, renderer/public/icon.svg');

/**
 * An ICO file holding PNG images (supported since Windows Vista and by every browser): a 6-byte
 * header, one 16-byte directory entry per image, then the PNGs as they are.
 */
function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width (0 means 256)
    entry.writeUInt8(size % 256, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

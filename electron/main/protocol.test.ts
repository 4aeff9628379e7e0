import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererFiles } from './protocol';

const policy = "default-src 'none'";
let parent: string;
let serve: (request: Request) => Promise<Response>;

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

beforeAll(() => {
  // The renderer folder, with a secret beside it that no app:// URL may reach.
  parent = mkdtempSync(join(tmpdir(), 'sector-studio-protocol-'));
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(join(root, 'favicon.ico'), 'ico');
  writeFileSync(join(root, 'icon.svg'), '<svg/>');
  writeFileSync(join(root, 'data.bin'), 'bytes');
  writeFileSync(join(parent, 'secret.txt'), 'secret');
  writeFileSync(join(parent, 'renderer-secret.txt'), 'secret');
  serve = rendererFiles(root, policy);
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it.each([
    ['app://sector-studio/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://sector-studio/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://sector-studio/index.html?x=1#/cache', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://sector-studio/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://sector-studio/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://sector-studio/assets/font.woff2', 'font/woff2', 'wOF2'],
    ['app://sector-studio/favicon.ico', 'image/x-icon', 'ico'],
    ['app://sector-studio/icon.svg', 'image/svg+xml', '<svg/>'],
    ['app://sector-studio/data.bin', 'application/octet-stream', 'bytes'],
  ])('serves %s as %s', async (url, type, body) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Security-Policy')).toBe(policy);
    expect(await response.text()).toBe(body);
  });

  it.each([
    'app://sector-studio/../secret.txt',
    'app://sector-studio/..%2fsecret.txt',
    'app://sector-studio/%2e%2e/secret.txt',
    'app://sector-studio/%2e%2e%2fsecret.txt',
    'app://sector-studio/assets/..%2f..%2fsecret.txt',
    'app://sector-studio/..%5csecret.txt',
    'app://sector-studio/%2e%2e%2frenderer-secret.txt',
    'app://sector-studio/index.html%00.png',
    'app://sector-studio/%E0%A4%A',
    'app://sector-studio/assets',
    'app://sector-studio/assets/',
    'app://sector-studio/missing.js',
    'app://elsewhere/index.html',
    'app://sector-studio.evil/index.html',
    'file:///etc/passwd',
  ])('answers %s with 404 and no file content', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not found');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://sector-studio/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://sector-studio/index.html', 'POST')).status).toBe(405);
  });
});

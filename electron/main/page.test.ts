import { describe, expect, it } from 'vitest';
import { builtPage, devServerPage, resolveAppPage } from './page';

const indexHtml = '/opt/Sector Studio/resources/app.asar/out/renderer/index.html';

describe('app page', () => {
  it('loads the built index.html as a file URL', () => {
    expect(builtPage(indexHtml).url).toBe(
      'file:///opt/Sector%20Studio/resources/app.asar/out/renderer/index.html',
    );
  });

  it('treats only the built index.html (with any query or hash) as the app', () => {
    const page = builtPage(indexHtml);
    expect(page.isAppUrl(`${page.url}#/cache`)).toBe(true);
    expect(page.isAppUrl(`${page.url}?section=schema`)).toBe(true);
    expect(page.isAppUrl('file:///opt/Sector%20Studio/resources/app.asar/out/renderer/other.html')).toBe(
      false,
    );
    expect(page.isAppUrl('file:///home/analyst/Downloads/report.html')).toBe(false);
    expect(page.isAppUrl('https://example.com/out/renderer/index.html')).toBe(false);
    expect(page.isAppUrl('not a url')).toBe(false);
  });

  it('treats the dev server origin, and only it, as the app in development', () => {
    const page = devServerPage('http://localhost:5173/');
    expect(page.devServerOrigin).toBe('http://localhost:5173');
    expect(page.isAppUrl('http://localhost:5173/index.html#/seeding')).toBe(true);
    expect(page.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(page.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(page.isAppUrl('http://localhost.evil.example:5173/')).toBe(false);
  });

  it('uses ELECTRON_RENDERER_URL only when the app is not packaged', () => {
    const dev = resolveAppPage({ isPackaged: false, rendererUrl: 'http://localhost:5173', indexHtml });
    expect(dev.devServerOrigin).toBe('http://localhost:5173');

    const packaged = resolveAppPage({ isPackaged: true, rendererUrl: 'https://evil.example/', indexHtml });
    expect(packaged.devServerOrigin).toBeNull();
    expect(packaged.url).toBe(builtPage(indexHtml).url);

    expect(resolveAppPage({ isPackaged: false, rendererUrl: undefined, indexHtml }).url).toBe(
      builtPage(indexHtml).url,
    );
  });
});

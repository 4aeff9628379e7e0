import { describe, expect, it } from 'vitest';
import { builtPage, devServerPage, resolveAppPage } from './page';

describe('app page', () => {
  it('loads the built renderer from the app:// origin, not from file://', () => {
    expect(builtPage().url).toBe('app://sector-studio/index.html');
  });

  it('treats the app:// origin, and only it, as the app', () => {
    const page = builtPage();
    expect(page.isAppUrl('app://sector-studio/index.html#/cache')).toBe(true);
    expect(page.isAppUrl('app://sector-studio/index.html?section=schema')).toBe(true);
    expect(page.isAppUrl('app://sector-studio/')).toBe(true);
    expect(page.isAppUrl('APP://SECTOR-STUDIO/index.html')).toBe(true);
    expect(page.isAppUrl('app://other-host/index.html')).toBe(false);
    expect(page.isAppUrl('app://sector-studio.evil.example/index.html')).toBe(false);
    expect(page.isAppUrl('app://user:pass@sector-studio/index.html')).toBe(false);
    expect(page.isAppUrl('app://sector-studio:8080/index.html')).toBe(false);
    expect(page.isAppUrl('file:///opt/Sector%20Studio/resources/app.asar/out/renderer/index.html')).toBe(
      false,
    );
    expect(page.isAppUrl('file:///home/analyst/Downloads/report.html')).toBe(false);
    expect(page.isAppUrl('https://sector-studio/index.html')).toBe(false);
    expect(page.isAppUrl('not a url')).toBe(false);
  });

  it('treats the dev server origin, and only it, as the app in development', () => {
    const page = devServerPage('http://localhost:5173/');
    expect(page.devServerOrigin).toBe('http://localhost:5173');
    expect(page.isAppUrl('http://localhost:5173/index.html#/seeding')).toBe(true);
    expect(page.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(page.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(page.isAppUrl('http://localhost.evil.example:5173/')).toBe(false);
    expect(page.isAppUrl('app://sector-studio/index.html')).toBe(false);
  });

  it('uses ELECTRON_RENDERER_URL only when the app is not packaged', () => {
    const dev = resolveAppPage({ isPackaged: false, rendererUrl: 'http://localhost:5173' });
    expect(dev.devServerOrigin).toBe('http://localhost:5173');

    const packaged = resolveAppPage({ isPackaged: true, rendererUrl: 'https://evil.example/' });
    expect(packaged.devServerOrigin).toBeNull();
    expect(packaged.url).toBe(builtPage().url);

    expect(resolveAppPage({ isPackaged: false, rendererUrl: undefined }).url).toBe(builtPage().url);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerWithoutCspMeta } from '../../electron.vite.config';
import { contentSecurityPolicy as browserHostPolicy } from '../browser-host/security-headers';
import { appContentSecurityPolicy } from './security';

const html = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
const metaPattern = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/>/g;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources] as const),
  );
}

const meta = directives([...html.matchAll(metaPattern)].map((match) => match[1])[0] ?? '');

describe('the CSP <meta> in renderer/index.html', () => {
  it('is there, once, and allows scripts only from the page itself', () => {
    expect([...html.matchAll(metaPattern)]).toHaveLength(1);
    expect(meta.get('default-src')).toEqual(["'none'"]);
    expect(meta.get('script-src')).toEqual(["'self'"]);
    expect(meta.get('object-src')).toEqual(["'none'"]);
    expect(meta.get('base-uri')).toEqual(["'none'"]);
    expect(meta.get('form-action')).toEqual(["'none'"]);
    for (const sources of meta.values()) expect(sources).not.toContain("'unsafe-eval'");
    // Browsers ignore (and warn about) these in a meta tag; the headers carry them.
    for (const headerOnly of ['frame-ancestors', 'report-uri', 'sandbox'])
      expect(meta.has(headerOnly)).toBe(false);
  });

  it("allows what the page needs in both hosts: fetch and EventSource to 'self', Mantine's inline styles", () => {
    expect(meta.get('connect-src')).toEqual(["'self'"]);
    expect(meta.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(meta.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it("allows nothing either host's header refuses (where a header says 'none', that header wins)", () => {
    for (const header of [directives(appContentSecurityPolicy), directives(browserHostPolicy)]) {
      for (const [name, sources] of meta) {
        const allowed = header.get(name) ?? header.get('default-src') ?? [];
        // connect-src and manifest-src are the browser host's; Electron's header keeps them 'none'.
        if (allowed.includes("'none'")) continue;
        for (const source of sources) expect(allowed, `${name} ${source}`).toContain(source);
      }
    }
  });

  it('is removed only by the dev server, whose React Refresh preamble is an inline script', () => {
    expect(devServerWithoutCspMeta.apply).toBe('serve');
    const transform = devServerWithoutCspMeta.transformIndexHtml as (html: string) => string;
    const served = transform(html);
    expect(served).not.toContain('Content-Security-Policy"');
    expect(served.replace(/\s+/g, '')).toBe(html.replace(metaPattern, '').replace(/\s+/g, ''));
  });
});

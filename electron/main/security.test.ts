import type { Session, WebContents } from 'electron';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { builtPage, devServerPage, type AppPage } from './page';
import {
  appContentSecurityPolicy,
  denyPermissions,
  guardWebContents,
  installContentSecurityPolicy,
} from './security';

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

function policyFor(page: AppPage): Map<string, string[]> {
  let listener: HeadersListener | undefined;
  const session = {
    webRequest: { onHeadersReceived: (fn: HeadersListener) => (listener = fn) },
  } as unknown as Session;
  installContentSecurityPolicy(session, page);
  let headers: Record<string, string[]> | undefined;
  listener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => {
    headers = response.responseHeaders;
  });
  expect(headers?.['Content-Type']).toEqual(['text/html']);
  const values = headers?.['Content-Security-Policy'] ?? [];
  expect(values).toHaveLength(1);
  return directives(values[0] ?? '');
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('Content-Security-Policy header', () => {
  it('allows the built app only its own scripts and styles, and nothing else', () => {
    const policy = policyFor(builtPage());
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    // Nothing to fetch or connect to: connect-src falls back to default-src 'none'.
    expect(policy.has('connect-src')).toBe(false);
    for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-eval'");
    // The same policy the app:// protocol sends with every file of the renderer.
    expect(policy).toEqual(directives(appContentSecurityPolicy));
  });

  it('relaxes only what the dev server needs in development', () => {
    const policy = policyFor(devServerPage('http://localhost:5173'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-eval'");
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    denyPermissions(session as unknown as Session);

    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'file://', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb' })).toBe(false);
  });
});

describe('web contents guards', () => {
  function guarded() {
    const emitter = new EventEmitter();
    const setWindowOpenHandler = vi.fn();
    guardWebContents(Object.assign(emitter, { setWindowOpenHandler }) as unknown as WebContents);
    return { emitter, setWindowOpenHandler };
  }

  it.each(['will-navigate', 'will-attach-webview'])('prevents %s', (name) => {
    const { emitter } = guarded();
    const event = { preventDefault: vi.fn() };
    emitter.emit(name, event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window', () => {
    const { setWindowOpenHandler } = guarded();
    const handler = setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
  });
});

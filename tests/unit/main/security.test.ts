import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isAllowedExternalUrl, isTrustedRendererUrl, secureWebPreferences } = await import('../../../src/main/security');

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('Electron security settings', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP without unsafe-eval or remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('cancels every navigation and opens only allow-listed https links in the OS browser', () => {
    const contents = new FakeContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    hardenWebContents(contents as never, shell);

    const evil = navEvent('https://evil.example/phish');
    contents.emit('will-navigate', evil);
    expect(evil.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();

    const docs = navEvent('https://github.com/instant-social-trading/ist');
    contents.emit('will-navigate', docs);
    expect(docs.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/instant-social-trading/ist');

    const redirect = navEvent('file:///etc/passwd');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = navEvent('');
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open, handing allowed links to the OS browser', () => {
    const contents = new FakeContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    hardenWebContents(contents as never, shell);
    expect(contents.openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://github.com/x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('allows external links only over https to known hosts, without credentials', () => {
    expect(isAllowedExternalUrl('https://github.com/a')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/a')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com.evil.example/a')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/a')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('refuses every permission request and sets the CSP header on responses', () => {
    let onHeaders: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    let onPermission: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let onCheck: (() => boolean) | undefined;
    const session = {
      webRequest: { onHeadersReceived: (fn: typeof onHeaders) => (onHeaders = fn) },
      setPermissionRequestHandler: (fn: typeof onPermission) => (onPermission = fn),
      setPermissionCheckHandler: (fn: typeof onCheck) => (onCheck = fn),
    };
    hardenSession(session as never);
    const answer = vi.fn();
    onPermission?.({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(onCheck?.()).toBe(false);
    const cb = vi.fn();
    onHeaders?.({ responseHeaders: { 'X-A': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('trusts IPC only from the app’s own renderer URL', () => {
    const file = 'file:///opt/IST/resources/app/out/renderer/index.html';
    expect(isTrustedRendererUrl(file, file)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', file)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', file)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl(undefined, file)).toBe(false);
  });
});

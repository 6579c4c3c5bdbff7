import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAllowedHostHeader, isAllowedOrigin, isAuthorized, parseCookies, presentedTokens, tokenCookieName } from '../../../src/server/request-auth';

const TOKEN = 'a'.repeat(64);
const req = (url: string, headers: Record<string, string> = {}): IncomingMessage => ({ url, headers }) as unknown as IncomingMessage;

describe('request authentication', () => {
  it('accepts the token as ?token=, as a Bearer header, or as the port-specific cookie', () => {
    expect(isAuthorized(req(`/?token=${TOKEN}`), 7420, TOKEN)).toBe(true);
    expect(isAuthorized(req('/', { authorization: `Bearer ${TOKEN}` }), 7420, TOKEN)).toBe(true);
    expect(isAuthorized(req('/', { cookie: `other=1; ${tokenCookieName(7420)}=${TOKEN}` }), 7420, TOKEN)).toBe(true);
  });

  it('rejects a missing token, a wrong one, and another port’s cookie', () => {
    expect(isAuthorized(req('/'), 7420, TOKEN)).toBe(false);
    expect(isAuthorized(req(`/?token=${'b'.repeat(64)}`), 7420, TOKEN)).toBe(false);
    expect(isAuthorized(req('/?token=short'), 7420, TOKEN)).toBe(false);
    expect(isAuthorized(req('/', { cookie: `${tokenCookieName(7421)}=${TOKEN}` }), 7420, TOKEN)).toBe(false);
    expect(isAuthorized(req('/', { authorization: `Basic ${TOKEN}` }), 7420, TOKEN)).toBe(false);
  });

  it('collects every presented token', () => {
    expect(presentedTokens(req('/?token=x', { authorization: 'Bearer y', cookie: `${tokenCookieName(1)}=z` }), 1)).toEqual(['x', 'y', 'z']);
  });

  it('parses cookies and ignores malformed ones', () => {
    expect(parseCookies('a=1; b = two ; bad; c=%E0%A4%A')).toEqual({ a: '1', b: 'two' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('accepts only loopback Host headers on a loopback host (DNS-rebinding guard)', () => {
    expect(isAllowedHostHeader('127.0.0.1:7420', 7420, false)).toBe(true);
    expect(isAllowedHostHeader('localhost:7420', 7420, false)).toBe(true);
    expect(isAllowedHostHeader('evil.example:7420', 7420, false)).toBe(false);
    expect(isAllowedHostHeader(undefined, 7420, false)).toBe(false);
    expect(isAllowedHostHeader('my-vps:7420', 7420, true)).toBe(true);
  });

  it('accepts a same-origin or absent Origin on upgrades and refuses others', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:7420')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:7420', '127.0.0.1:7420')).toBe(true);
    expect(isAllowedOrigin('http://evil.example', '127.0.0.1:7420')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:7421', '127.0.0.1:7420')).toBe(false);
  });
});

describe('request target parsing', () => {
  it('never throws on targets new URL() would reject', async () => {
    const { requestUrl } = await import('../../../src/server/request-url');
    expect(requestUrl(req('//['))?.pathname).toBe('//[');
    expect(requestUrl(req('http://absolute.example/x'))).toBeUndefined();
    expect(requestUrl(req('/?token=abc'))?.searchParams.get('token')).toBe('abc');
  });

  it('accepts the configured loopback address and an https origin behind a proxy', () => {
    expect(isAllowedHostHeader('127.0.0.2:7420', 7420, false, '127.0.0.2')).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:7420', '127.0.0.1:7420')).toBe(true);
  });
});

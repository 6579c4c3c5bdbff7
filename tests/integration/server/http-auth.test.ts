import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HeadlessHost } from '../../../src/server/headless-host';
import { apiUrl } from '../../helpers/json-rpc-client';
import { startTestHost } from '../../helpers/test-host';

const hosts: HeadlessHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});
async function host() {
  const h = await startTestHost();
  hosts.push(h);
  return h;
}

const base = (h: HeadlessHost) => `http://127.0.0.1:${h.port}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when it succeeds. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => undefined);
  });
}

describe('headless host: HTTP and upgrade authentication', () => {
  it('answers 401 to every HTTP request without the token, revealing nothing', async () => {
    const h = await host();
    for (const p of ['/', '/index.html', '/assets/app-1234.js', '/api']) {
      const res = await fetch(`${base(h)}${p}`, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('IST');
    }
  });

  it('trades ?token= for an HttpOnly SameSite cookie and strips it from the URL', async () => {
    const h = await host();
    const res = await fetch(`${base(h)}/?token=${h.token}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^ist_token_${h.port}=${h.token}; HttpOnly; SameSite=Strict; Path=/`));
    const page = await fetch(`${base(h)}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('accepts the token as a Bearer header and serves assets with long caching', async () => {
    const h = await host();
    const res = await fetch(`${base(h)}/assets/app-1234.js`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves files outside the renderer folder', async () => {
    const h = await host();
    fs.writeFileSync(path.join(h.dataDir, 'outside.txt'), 'secret');
    for (const p of ['/../outside.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fapi-token']) {
      const res = await fetch(`${base(h)}${p}`, { headers: { authorization: `Bearer ${h.token}` } });
      expect(await res.text()).not.toMatch(/secret|root:|[0-9a-f]{64}/);
    }
  });

  it('answers 421 to a foreign Host header (DNS rebinding)', async () => {
    const h = await host();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: h.port, path: `/?token=${h.token}`, headers: { host: `evil.example:${h.port}` } }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  it('refuses WebSocket upgrades without the token (401), from another origin (403), or off /api (404)', async () => {
    const h = await host();
    expect(await upgradeStatus(apiUrl(h.port))).toBe(401);
    expect(await upgradeStatus(apiUrl(h.port, 'f'.repeat(64)))).toBe(401);
    expect(await upgradeStatus(apiUrl(h.port, h.token), { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${h.port}/other?token=${h.token}`)).toBe(404);
    expect(await upgradeStatus(apiUrl(h.port, h.token), { Origin: `http://127.0.0.1:${h.port}` })).toBe(101);
    expect(await upgradeStatus(apiUrl(h.port), { Authorization: `Bearer ${h.token}` })).toBe(101);
  });

  it('keeps the same token across restarts of one data dir, stored with mode 0600', async () => {
    const first = await startTestHost();
    const { token, dataDir } = first;
    await first.close();
    const second = await startTestHost({ dataDir });
    hosts.push(second);
    expect(second.token).toBe(token);
    expect(fs.statSync(path.join(dataDir, 'api-token')).mode & 0o777).toBe(0o600);
  });

  it('closes open API connections with 1001 on shutdown', async () => {
    const h = await startTestHost();
    const ws = new WebSocket(apiUrl(h.port, h.token));
    await once(ws, 'open');
    const closed = once(ws, 'close');
    await h.close();
    const [code] = (await closed) as [number];
    expect(code).toBe(1001);
  });
});

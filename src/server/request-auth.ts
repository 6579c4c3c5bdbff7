import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { requestUrl } from './request-url';

/** Cookies are not isolated by port, so the name carries it: two hosts on one machine don't clash. */
export function tokenCookieName(port: number): string {
  return `ist_token_${port}`;
}

export interface TokenSources {
  query?: string | null;
  authorization?: string | undefined;
  cookie?: string | undefined;
}

/** Reads the token from `?token=`, `Authorization: Bearer`, or the host's cookie. */
export function presentedTokens(req: IncomingMessage, port: number): string[] {
  const found: string[] = [];
  const query = requestUrl(req)?.searchParams.get('token');
  if (query) found.push(query);
  const auth = req.headers.authorization;
  const bearer = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) found.push(bearer);
  const cookie = parseCookies(req.headers.cookie)[tokenCookieName(port)];
  if (cookie) found.push(cookie);
  return found;
}

export function isAuthorized(req: IncomingMessage, port: number, token: string): boolean {
  return presentedTokens(req, port).some((t) => safeEqual(t, token));
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    try {
      out[key] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed cookie is simply not a token
    }
  }
  return out;
}

/**
 * DNS-rebinding guard: on loopback, only the address we listen on (and `localhost`) is ours.
 * With --allow-remote the token alone guards the door.
 */
export function isAllowedHostHeader(hostHeader: string | undefined, port: number, remote: boolean, listenHost = '127.0.0.1'): boolean {
  if (remote) return true;
  if (!hostHeader) return false;
  const bound = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const allowed = new Set([`${bound}:${port}`.toLowerCase(), `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  return allowed.has(hostHeader.toLowerCase());
}

/**
 * Browsers send Origin on WebSocket upgrades: it must be this host, over http or (behind a TLS
 * reverse proxy) https. Scripts send none.
 */
export function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (hostHeader === undefined) return false;
  const o = origin.toLowerCase();
  const h = hostHeader.toLowerCase();
  return o === `http://${h}` || o === `https://${h}`;
}

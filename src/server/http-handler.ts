import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedHostHeader, isAuthorized, tokenCookieName } from './request-auth';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface HttpHandlerOptions {
  token: string;
  rendererDir: string;
  remote: boolean;
  port: () => number;
}

const UNAUTHORIZED_TEXT = 'Unauthorized. Open the URL printed by `npm run serve` (it carries ?token=…), or send "Authorization: Bearer <token>" (the token is in the data directory, file api-token).';

/** Every HTTP request: host check, token check, then the built renderer. */
export function createHttpHandler(options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const port = options.port();
    if (!isAllowedHostHeader(req.headers.host, port, options.remote)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request: unexpected Host header');
      return;
    }
    if (!isAuthorized(req, port, options.token)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' }).end(UNAUTHORIZED_TEXT);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.has('token') && req.method === 'GET') {
      // Trade the URL token for a cookie, then drop it from the address bar and history.
      url.searchParams.delete('token');
      const cookie = `${tokenCookieName(port)}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': cookie, Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    serveStatic(options.rendererDir, req, res, SECURITY_HEADERS);
  };
}

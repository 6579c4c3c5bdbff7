import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedHostHeader, isAuthorized, tokenCookieName } from './request-auth';
import { requestUrl } from './request-url';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

export interface HttpHandlerOptions {
  token: string;
  rendererDir: string;
  remote: boolean;
  listenHost: string;
  port: () => number;
  onError(error: unknown): void;
}

const UNAUTHORIZED_TEXT = 'Unauthorized. Open the URL printed by `npm run serve` (it carries ?token=…), or send "Authorization: Bearer <token>" (the token is in the data directory, file api-token).';

/** Every HTTP request: host check, token check, then the built renderer. */
export function createHttpHandler(options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const port = options.port();
    if (!isAllowedHostHeader(req.headers.host, port, options.remote, options.listenHost)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request: unexpected Host header');
      return;
    }
    if (!isAuthorized(req, port, options.token)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' }).end(UNAUTHORIZED_TEXT);
      return;
    }
    const url = requestUrl(req);
    if (url?.searchParams.has('token') && req.method === 'GET') {
      // Trade the URL token for a cookie, then drop it from the address bar and history.
      url.searchParams.delete('token');
      const cookie = `${tokenCookieName(port)}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': cookie, Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    serveStatic(options.rendererDir, req, res, SECURITY_HEADERS);
  };
  return (req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      // Node does not catch what a request handler throws: answer 500 rather than die.
      options.onError(error);
      if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    }
  };
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/create-core';
import type { Clock } from '../core/ports';
import { createJsonRpcSession } from './json-rpc-session';
import { createRateLimiter } from './rate-limiter';
import { isAllowedHostHeader, isAllowedOrigin, isAuthorized } from './request-auth';
import { requestUrl } from './request-url';

export const API_PATH = '/api';
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A client that cannot keep up with its events is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface WsApiOptions {
  server: Server;
  core: Core;
  token: string;
  remote: boolean;
  listenHost: string;
  clock: Clock;
  port: () => number;
  rate?: { burst: number; perSecond: number };
}

export interface WsApi {
  readonly clientCount: number;
  close(): Promise<void>;
}

/** JSON-RPC 2.0 over WebSocket at /api, behind the same token as HTTP. */
export function attachWsApi(options: WsApiOptions): WsApi {
  const { core, clock } = options;
  const log = core.log.child({ component: 'ws-api' });
  const rate = options.rate ?? { burst: 10_000, perSecond: 5_000 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const reject = (socket: Duplex, status: number, text: string): void => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const port = options.port();
    const url = requestUrl(req);
    if (!url) return reject(socket, 400, 'Bad Request');
    if (url.pathname !== API_PATH) return reject(socket, 404, 'Not Found');
    if (!isAllowedHostHeader(req.headers.host, port, options.remote, options.listenHost)) return reject(socket, 421, 'Misdirected Request');
    if (!isAuthorized(req, port, options.token)) return reject(socket, 401, 'Unauthorized');
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) return reject(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log.error({ err: String(error) }, 'upgrade failed');
      socket.destroy();
    }
  };
  options.server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const send = (text: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn({ peer }, 'client too slow; closing');
        ws.close(1013, 'Client too slow');
        return;
      }
      ws.send(text);
    };
    const session = createJsonRpcSession({ core, send, limiter: createRateLimiter(rate.burst, rate.perSecond, clock.now()), now: clock.now });
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    ping.unref();

    ws.on('message', (data, isBinary) => {
      session.handle(isBinary ? null : data.toString()).catch((error: unknown) => {
        log.error({ peer, err: String(error) }, 'api session failed');
        ws.close(1011, 'Internal error');
      });
    });
    ws.on('error', (error) => log.warn({ peer, err: error.message }, 'websocket error'));
    ws.on('close', (code) => {
      clearInterval(ping);
      session.close();
      log.info({ peer, code, ...session.stats }, 'api client disconnected');
    });
    log.info({ peer }, 'api client connected');
  });

  return {
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      options.server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'Server shutting down');
      return new Promise((resolve) => {
        // Give clients a moment to receive the close frame, then cut what is left.
        const force = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000);
        wss.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HUB_MAX_FRAME_BYTES, HUB_PATH } from '../../shared/social/hub-methods';
import type { HubLimits, HubLogger, HubStats } from '../hub-api';
import { createTokenBucket, type KeyedLimiter } from '../limits/token-bucket';
import type { ConnectionRegistry } from './connection-registry';
import type { HubDispatcher } from './dispatcher';
import type { HubConnection } from './hub-connection';
import { createFrameHandler } from './json-rpc-frames';

/**
 * A client with this much unsent data is not reading: it is cut off rather than buffered without
 * bound (a few hundred strategy events, or a handful of pages with chart snapshots).
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface HubWsServerOptions {
  host: string;
  port: number;
  registry: ConnectionRegistry;
  dispatcher: HubDispatcher;
  limits: HubLimits;
  perIp: KeyedLimiter;
  clock: { now(): number };
  stats: HubStats;
  log: HubLogger;
  nextConnectionId(): number;
  pingIntervalMs: number;
}

export interface HubWsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** JSON-RPC 2.0 over WebSocket at `HUB_PATH`; every other path gets 404. */
export async function startHubWsServer(options: HubWsServerOptions): Promise<HubWsServer> {
  const { registry, limits, stats, clock } = options;
  const log = options.log.child({ component: 'hub-ws' });
  const perAddress = new Map<string, number>();
  const sockets = new Map<WebSocket, { connection: HubConnection; alive: boolean }>();

  const server = http.createServer((req, res) => {
    const onPath = pathOf(req.url) === HUB_PATH;
    const text = onPath ? `This is a WebSocket endpoint: connect with ws://…${HUB_PATH}\n` : 'Not Found\n';
    res.writeHead(onPath ? 426 : 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...(onPath ? { Upgrade: 'websocket' } : {}) });
    res.end(text);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: HUB_MAX_FRAME_BYTES, perMessageDeflate: false });

  const reject = (socket: Duplex, status: number, reason: string, text: string): void => {
    stats.refused++;
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      if (pathOf(req.url) !== HUB_PATH) return reject(socket, 404, 'Not Found', `Not Found: the hub speaks at ${HUB_PATH}\n`);
      const ip = req.socket.remoteAddress ?? 'unknown';
      if ((perAddress.get(ip) ?? 0) >= limits.connectionsPerIp) {
        return reject(socket, 429, 'Too Many Requests', `Too many connections from your address: at most ${limits.connectionsPerIp} at once. Close one and retry.\n`);
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, ip, req));
    } catch (error) {
      log.error({ err: String(error) }, 'hub upgrade failed');
      socket.destroy();
    }
  });

  const accept = (ws: WebSocket, ip: string, req: IncomingMessage): void => {
    perAddress.set(ip, (perAddress.get(ip) ?? 0) + 1);
    const peer = `${ip}:${req.socket.remotePort ?? '?'}`;
    let cut = false;
    const cutOff = (): void => {
      if (cut) return;
      cut = true;
      stats.slowConsumers++;
      log.warn({ peer, buffered: ws.bufferedAmount }, 'client not reading; cut off');
      ws.terminate();
    };
    const connection: HubConnection = {
      id: options.nextConnectionId(),
      kind: 'ws',
      ip,
      auth: null,
      subscriptions: new Set(),
      deliver(push) {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return cutOff();
        stats.pushes++;
        ws.send(push.frame(), { binary: false });
      },
    };
    const send = (text: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return cutOff();
      ws.send(text);
    };
    const frames = createFrameHandler({
      connection,
      dispatcher: options.dispatcher,
      send,
      bucket: createTokenBucket({ capacity: limits.perConnection.burst, perSecond: limits.perConnection.perSecond }, clock.now()),
      perIp: options.perIp,
      limits,
      clock,
      stats,
      log,
    });
    sockets.set(ws, { connection, alive: true });
    registry.add(connection);
    stats.connections++;
    ws.on('pong', () => {
      const entry = sockets.get(ws);
      if (entry) entry.alive = true;
    });
    ws.on('message', (data, isBinary) => frames.handle(isBinary ? null : data.toString()));
    ws.on('error', (error) => log.warn({ peer, err: error.message }, 'hub websocket error'));
    ws.on('close', (code) => {
      sockets.delete(ws);
      registry.remove(connection);
      stats.connections--;
      const left = (perAddress.get(ip) ?? 1) - 1;
      if (left > 0) perAddress.set(ip, left);
      else perAddress.delete(ip);
      log.debug({ peer, code }, 'hub client disconnected');
    });
    log.debug({ peer }, 'hub client connected');
  };

  // One timer for every socket: a missed pong since the last round means the peer is gone.
  const ping = setInterval(() => {
    for (const [ws, entry] of sockets) {
      if (!entry.alive) {
        ws.terminate();
        continue;
      }
      entry.alive = false;
      ws.ping();
    }
  }, options.pingIntervalMs);
  ping.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error.message }, 'hub server error'));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    async close() {
      clearInterval(ping);
      for (const ws of sockets.keys()) ws.close(1001, 'Hub shutting down');
      await new Promise<void>((resolve) => {
        // Clients get a moment to receive the close frame; whoever does not answer is cut.
        const force = setTimeout(() => {
          for (const ws of sockets.keys()) ws.terminate();
        }, 1000);
        force.unref();
        wss.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The path of a request target; null for one that is not a URL path at all. */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://hub').pathname;
  } catch {
    return null;
  }
}

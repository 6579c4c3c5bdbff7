import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError } from '../../../src/shared/contract';
import { toJsonRpcError } from '../../../src/shared/contract/json-rpc';
import { HUB_PATH, HUB_PROTOCOL_VERSION, type HubMethodName } from '../../../src/shared/social/hub-methods';

type Handler = (params: Record<string, unknown>, socket: WebSocket) => unknown;

/**
 * A hub under the test's control, speaking the hub protocol over a real WebSocket on 127.0.0.1:
 * it answers what the test scripts (and can answer wrongly: altered streams, malformed frames).
 * `hub.hello` is answered by default.
 */
export interface ScriptedHub {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: Array<{ method: string; params: Record<string, unknown> }>;
  handle(method: HubMethodName, handler: Handler): void;
  /** Sends raw text to every open connection. */
  sendRaw(text: string): void;
  push(topic: string, payload: unknown): void;
  /** Resolves when `method` has been received `count` times in all. */
  received(method: string, count?: number): Promise<void>;
  /** Drops every connection (the client reconnects). */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startScriptedHub(): Promise<ScriptedHub> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: HUB_PATH });
  const handlers = new Map<string, Handler>([['hub.hello', () => ({ protocol: HUB_PROTOCOL_VERSION, name: 'Scripted hub', time: Date.now(), embedded: false })]]);
  const requests: ScriptedHub['requests'] = [];
  const waiters: Array<{ method: string; count: number; resolve(): void }> = [];
  const sockets = new Set<WebSocket>();

  const check = (): void => {
    for (const w of [...waiters]) {
      if (requests.filter((r) => r.method === w.method).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { id: number; method: string; params?: Record<string, unknown> };
      requests.push({ method: m.method, params: m.params ?? {} });
      const handler = handlers.get(m.method);
      void (async () => {
        try {
          if (!handler) throw new ApiError('METHOD_NOT_FOUND', `Unknown method "${m.method}"`);
          const result = await handler(m.params ?? {}, socket);
          socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
        } catch (error) {
          const shape = error instanceof ApiError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error) };
          socket.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: toJsonRpcError(shape) }));
        }
        check();
      })();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}${HUB_PATH}`,
    requests,
    handle: (method, handler) => void handlers.set(method, handler),
    sendRaw(text) {
      for (const s of sockets) s.send(text);
    },
    push(topic, payload) {
      for (const s of sockets) s.send(JSON.stringify({ jsonrpc: '2.0', method: topic, params: payload }));
    },
    received(method, count = 1) {
      return new Promise((resolve) => {
        waiters.push({ method, count, resolve });
        check();
      });
    },
    dropAll() {
      for (const s of sockets) s.terminate();
    },
    async close() {
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

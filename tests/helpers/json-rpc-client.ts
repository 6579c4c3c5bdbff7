import { once } from 'node:events';
import WebSocket from 'ws';
import { JSON_RPC_ERROR_CODES } from '../../src/shared/contract/errors';

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  result?: unknown;
  error?: { code: number; message: string; data?: Record<string, unknown> };
  method?: string;
  params?: unknown;
}

/** What a request gets when the connection is gone: UNAVAILABLE, as the host would say it. */
const closedReply = (id: number | string | null): RpcMessage => ({ jsonrpc: '2.0', id, error: { code: JSON_RPC_ERROR_CODES.UNAVAILABLE, message: 'connection closed' } });

/** A minimal JSON-RPC test client over a real WebSocket: requests resolve by id, notifications queue. */
export class RpcTestClient {
  private nextId = 1;
  private readonly waiting = new Map<number | string | null, Array<(m: RpcMessage) => void>>();
  readonly notifications: RpcMessage[] = [];
  private readonly notificationWaiters: Array<{ method: string; resolve: (m: RpcMessage) => void }> = [];
  readonly unmatched: RpcMessage[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as RpcMessage | RpcMessage[];
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) this.dispatch(m);
    });
    // A dropped connection answers everything still waiting, so no test hangs on it.
    ws.on('close', () => {
      for (const [id, queue] of this.waiting) for (const resolve of queue.splice(0)) resolve(closedReply(id));
    });
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<RpcTestClient> {
    const ws = new WebSocket(url, options);
    await once(ws, 'open');
    return new RpcTestClient(ws);
  }

  private dispatch(m: RpcMessage): void {
    if (m.method && m.id === undefined) {
      const i = this.notificationWaiters.findIndex((w) => w.method === m.method);
      if (i >= 0) this.notificationWaiters.splice(i, 1)[0]!.resolve(m);
      else this.notifications.push(m);
      return;
    }
    const queue = this.waiting.get(m.id ?? null);
    const resolve = queue?.shift();
    if (resolve) resolve(m);
    else this.unmatched.push(m);
  }

  /** Waits for the next response with this id (`null` for errors without an id). */
  response(id: number | string | null): Promise<RpcMessage> {
    const i = this.unmatched.findIndex((m) => (m.id ?? null) === id);
    if (i >= 0) return Promise.resolve(this.unmatched.splice(i, 1)[0]!);
    return new Promise((resolve) => {
      const queue = this.waiting.get(id) ?? [];
      queue.push(resolve);
      this.waiting.set(id, queue);
    });
  }

  async request(method: string, params?: unknown): Promise<RpcMessage> {
    const id = this.nextId++;
    if (this.ws.readyState !== WebSocket.OPEN) return closedReply(id);
    const reply = this.response(id);
    this.ws.send(JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }));
    return reply;
  }

  nextNotification(method: string): Promise<RpcMessage> {
    const i = this.notifications.findIndex((m) => m.method === method);
    if (i >= 0) return Promise.resolve(this.notifications.splice(i, 1)[0]!);
    return new Promise((resolve) => this.notificationWaiters.push({ method, resolve }));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = once(this.ws, 'close');
    this.ws.close();
    await closed;
  }
}

/** The ws:// URL of a host's API, with the token in the query. */
export function apiUrl(port: number, token?: string): string {
  return token ? `ws://127.0.0.1:${port}/api?token=${token}` : `ws://127.0.0.1:${port}/api`;
}

import { ApiError, apiErrorShapeSchema, ERROR_CODES, type ErrorCode } from '../../../shared/contract';
import { jsonRpcErrorSchema } from '../../../shared/contract/json-rpc';
import { createTopicListeners } from '../../../shared/topic-listeners';
import type { WebSocketLike } from './socket-like';
import type { ConnectionState, Transport } from './transport';

export interface WsTransportOptions {
  url: string;
  /** Injected for tests under Node; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocketLike;
  callTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/**
 * JSON-RPC 2.0 client over WebSocket with reconnects (exponential backoff with jitter).
 * Calls made while disconnected wait for the connection; topics are re-subscribed after a reconnect.
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const timeoutMs = options.callTimeoutMs ?? 30_000;
  const backoff = options.backoff ?? { initialMs: 250, maxMs: 10_000 };
  const random = options.random ?? Math.random;

  let socket: WebSocketLike | undefined;
  let state: ConnectionState = 'connecting';
  let attempts = 0;
  let nextId = 1;
  let closedByUser = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();
  // Frames written while disconnected; a call that fails is removed so it never runs later.
  const queued: Array<{ id: number; text: string }> = [];
  const listeners = createTopicListeners(
    (topic) => {
      if (state === 'open') void request('events.subscribe', { topics: [topic] }).catch(() => undefined);
    },
    (topic) => {
      if (state === 'open') void request('events.unsubscribe', { topics: [topic] }).catch(() => undefined);
    },
  );
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(state);
  };

  const fail = (id: number, error: ApiError): void => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    const i = queued.findIndex((q) => q.id === id);
    if (i >= 0) queued.splice(i, 1);
    p.reject(error);
  };

  const request = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => fail(id, new ApiError('UNAVAILABLE', `No answer to ${method} within ${timeoutMs / 1000} s`)), timeoutMs);
      pending.set(id, { resolve, reject, timer });
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params });
      if (socket && socket.readyState === OPEN) socket.send(text);
      else queued.push({ id, text });
    });

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    for (const m of Array.isArray(message) ? message : [message]) handleOne(m);
  };

  const handleOne = (m: unknown): void => {
    if (!m || typeof m !== 'object') return;
    const msg = m as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (typeof msg.method === 'string' && msg.id === undefined) {
      listeners.emit(msg.method, msg.params);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if ('error' in msg) p.reject(fromJsonRpcError(msg.error));
    else p.resolve(msg.result);
  };

  const connect = (): void => {
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      setState('open');
      const topics = listeners.topics();
      if (topics.length > 0) void request('events.subscribe', { topics }).catch(() => undefined);
      for (const { text } of queued.splice(0)) ws.send(text);
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      // Calls in flight may or may not have run, and queued ones must not run behind the
      // caller's back after it was told they failed: fail them all.
      for (const id of [...pending.keys()]) fail(id, new ApiError('UNAVAILABLE', 'Connection to the core was lost'));
      if (closedByUser) return setState('closed');
      setState('reconnecting');
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempts) * (0.5 + random() / 2);
      attempts++;
      reconnectTimer = setTimeout(connect, delay);
    };
  };
  connect();

  return {
    kind: 'websocket',
    get state() {
      return state;
    },
    call: request,
    on: (topic, listener) => listeners.add(topic, listener),
    onState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      clearTimeout(reconnectTimer);
      socket?.close();
      setState('closed');
    },
  };
}

function fromJsonRpcError(raw: unknown): ApiError {
  const parsed = jsonRpcErrorSchema.safeParse(raw);
  if (!parsed.success) return new ApiError('INTERNAL', 'Malformed error from the core');
  const { message, data } = parsed.data;
  const code = data && (ERROR_CODES as readonly string[]).includes(data.code) ? (data.code as ErrorCode) : 'INTERNAL';
  const { code: _code, ...rest } = data ?? { code };
  const shape = apiErrorShapeSchema.parse({ code, message, ...(Object.keys(rest).length > 0 ? { data: rest } : {}) });
  return ApiError.fromShape(shape);
}

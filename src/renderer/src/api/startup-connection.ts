import type { MethodName, Result } from '../../../shared/contract';
import type { IstBridge } from '../../../shared/ist-bridge';
import type { ApiCaller, ParamsArg } from './api-client';
import type { WebSocketLike } from './socket-like';

/**
 * A connection for the first screen's requests (the saved workspace, then its panes' bars), made by
 * the entry chunk before the app's code has even loaded, so the core answers while the page
 * evaluates and mounts. It imports nothing at run time — the entry must stay tiny — and it closes
 * once its calls have settled: everything else goes through the app's `ApiClient`.
 */
export interface StartupConnection extends ApiCaller {
  /** No call follows: close once the calls made so far have settled. */
  finish(): void;
}

/** The host's JSON-RPC endpoint; the HttpOnly cookie set on the first visit authenticates the upgrade. */
export function apiSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api`;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface StartupConnectionOptions {
  /** Injected for tests under Node; the browser's WebSocket otherwise. */
  createSocket?: (url: string) => WebSocketLike;
  callTimeoutMs?: number;
}

const OPEN = 1;

/**
 * Electron: the preload bridge, which needs no connecting. A browser: a WebSocket of its own.
 * A call that fails rejects with a plain `Error`; callers fall back to the app's client, which
 * knows about reconnects and error codes.
 */
export function openStartupConnection(win: { ist?: IstBridge | undefined; location: { protocol: string; host: string } }, options: StartupConnectionOptions = {}): StartupConnection {
  const bridge = win.ist;
  if (bridge) return { call: (method, ...params) => bridge.call(method, params[0]), finish: () => undefined };

  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const timeoutMs = options.callTimeoutMs ?? 30_000;
  const socket = createSocket(apiSocketUrl(win.location));
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  let nextId = 1;
  let finishing = false;
  let closed = false;

  const closeIfDone = (): void => {
    if (!finishing || pending.size > 0 || closed) return;
    closed = true;
    socket.close();
  };
  const settle = (id: number, outcome: { result: unknown } | { error: Error }): void => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    if ('error' in outcome) p.reject(outcome.error);
    else p.resolve(outcome.result);
    closeIfDone();
  };

  socket.onopen = () => {
    for (const text of queued.splice(0)) socket.send(text);
  };
  socket.onmessage = (ev) => {
    if (typeof ev.data !== 'string') return;
    let msg: { id?: unknown; result?: unknown; error?: { message?: unknown } };
    try {
      msg = JSON.parse(ev.data) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.id !== 'number') return;
    if (msg.error) settle(msg.id, { error: new Error(typeof msg.error.message === 'string' ? msg.error.message : 'Call failed') });
    else settle(msg.id, { result: msg.result });
  };
  socket.onerror = () => {};
  socket.onclose = () => {
    closed = true;
    queued.length = 0;
    for (const id of [...pending.keys()]) settle(id, { error: new Error('The start-up connection closed') });
  };

  const call = <M extends MethodName>(method: M, ...params: ParamsArg<M>): Promise<Result<M>> =>
    new Promise((resolve, reject) => {
      if (closed || finishing) return reject(new Error('The start-up connection is finished'));
      const id = nextId++;
      const timer = setTimeout(() => settle(id, { error: new Error(`No answer to ${method} within ${timeoutMs / 1000} s`) }), timeoutMs);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params: params[0] ?? {} });
      if (socket.readyState === OPEN) socket.send(text);
      else queued.push(text);
    });

  return {
    call,
    finish() {
      finishing = true;
      closeIfDone();
    },
  };
}

import WebSocket from 'ws';
import { z } from 'zod';
import { ApiError } from '../../shared/contract';
import {
  HUB_PROTOCOL_VERSION,
  hubMethods,
  hubPushes,
  type HubMethodName,
  type HubParamsIn,
  type HubPushName,
  type HubPushPayload,
  type HubResult,
} from '../../shared/social/hub-methods';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../brokers/live/backoff';
import type { Clock, Logger } from '../ports';
import { hubApiError, hubUnavailable } from './hub-errors';

/** `connecting`: opening the socket or signing back in; `offline`: lost, retrying with backoff. */
export type HubLinkState = 'connecting' | 'online' | 'offline';

export interface HubLinkStatus {
  state: HubLinkState;
  /** In words: what is happening, and why when not online. */
  detail: string;
  since: number;
}

export interface HubLinkStats {
  /** Frames or answers from the hub that could not be read (dropped, the connection kept). */
  malformedFrames: number;
  /** Times the link came back after being online. */
  reconnects: number;
}

/** A call to the hub; `HubRequest`s made in `onOpen` go out before the link counts as online. */
export type HubRequest = <M extends HubMethodName>(method: M, params: HubParamsIn<M>) => Promise<HubResult<M>>;

export interface HubConnectionDeps {
  url: string;
  clock: Clock;
  log: Logger;
  onStatus(status: HubLinkStatus): void;
  /** Runs on every new socket before it counts as online (the session is resumed here). */
  onOpen?(request: HubRequest): Promise<void>;
  /** Runs each time the link is online (resubscribe, catch up, send the outbox). */
  onOnline?(): void;
  /** Default 15 s. */
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Ping period; a ping unanswered by the next one drops the socket. Default 20 s. */
  heartbeatMs?: number;
  random?: () => number;
}

/** One JSON-RPC link to a hub, kept up: reconnects with jittered backoff, answers parsed at the boundary. */
export interface HubConnection {
  readonly url: string;
  status(): HubLinkStatus;
  stats(): HubLinkStats;
  /**
   * Calls a hub method; the result is checked against the protocol. Waits for a link being opened;
   * fails at once with `UNAVAILABLE` when the hub cannot be reached.
   */
  call: HubRequest;
  /** Listens to a hub push (payloads already checked). */
  on<T extends HubPushName>(topic: T, listener: (payload: HubPushPayload<T>) => void): () => void;
  close(): Promise<void>;
}

/** Largest frame accepted from a hub: a page of 2,000 events or a chart snapshot fits easily. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const frameSchema = z.looseObject({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.string().optional(),
  params: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
});
const helloSchema = hubMethods['hub.hello'].result;

interface Pending {
  method: HubMethodName;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const describeUrl = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function createHubConnection(deps: HubConnectionDeps): HubConnection {
  const { clock, log, url } = deps;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = deps.requestTimeoutMs ?? 15_000;
  const heartbeatMs = deps.heartbeatMs ?? 20_000;
  const host = describeUrl(url);
  let status: HubLinkStatus = { state: 'connecting', detail: `Connecting to the hub at ${host}`, since: clock.now() };
  const stats: HubLinkStats = { malformedFrames: 0, reconnects: 0 };
  const pending = new Map<number, Pending>();
  const listeners = new Map<HubPushName, Set<(payload: unknown) => void>>();
  let waiters: Array<{ resolve(): void; reject(error: Error): void }> = [];
  let socket: WebSocket | undefined;
  let nextId = 1;
  let attempt = 0;
  let everOnline = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  let closedPromise: Promise<void> | undefined;

  const setStatus = (state: HubLinkState, detail: string): void => {
    if (status.state === state && status.detail === detail) return;
    status = { state, detail, since: status.state === state ? status.since : clock.now() };
    deps.onStatus(status);
  };

  const malformed = (what: string, fields: Record<string, unknown> = {}): void => {
    stats.malformedFrames++;
    // Counted always; logged sparingly, so a hub sending garbage cannot flood the log.
    if (stats.malformedFrames <= 10 || stats.malformedFrames % 100 === 0) log.warn({ url, malformedFrames: stats.malformedFrames, ...fields }, what);
  };

  const settleWaiters = (error?: Error): void => {
    const list = waiters;
    waiters = [];
    for (const w of list) {
      if (error) w.reject(error);
      else w.resolve();
    }
  };

  const failPending = (error: Error): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(error);
    }
  };

  const send = <M extends HubMethodName>(ws: WebSocket, method: M, params: HubParamsIn<M>): Promise<HubResult<M>> =>
    new Promise<HubResult<M>>((resolve, reject) => {
      if (ws.readyState !== WebSocket.OPEN) {
        reject(hubUnavailable(`The hub at ${host} is not connected`));
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(hubUnavailable(`The hub at ${host} did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (error) => {
        if (!error) return;
        const p = pending.get(id);
        if (!p) return;
        clearTimeout(p.timer);
        pending.delete(id);
        reject(hubUnavailable(`Could not send ${method} to the hub at ${host}: ${error.message}`));
      });
    });

  const onFrame = (frame: unknown): void => {
    const parsed = frameSchema.safeParse(frame);
    if (!parsed.success) return malformed('hub frame is not JSON-RPC');
    const m = parsed.data;
    if (m.method !== undefined && m.id === undefined) {
      const topic = m.method;
      if (!Object.hasOwn(hubPushes, topic)) {
        // A newer hub may push more than this app knows: not an error.
        log.debug({ topic }, 'unknown hub push ignored');
        return;
      }
      const spec = hubPushes[topic as HubPushName];
      const payload = spec.payload.safeParse(m.params);
      if (!payload.success) return malformed('hub push does not match the protocol', { topic, issues: payload.error.issues.slice(0, 3) });
      for (const listener of listeners.get(topic as HubPushName) ?? []) {
        try {
          listener(payload.data);
        } catch (error) {
          log.error({ topic, err: String(error) }, 'hub push listener failed');
        }
      }
      return;
    }
    const id = typeof m.id === 'number' ? m.id : undefined;
    const p = id === undefined ? undefined : pending.get(id);
    if (!p || id === undefined) return malformed('hub answer matches no request', { id: m.id ?? null });
    clearTimeout(p.timer);
    pending.delete(id);
    if (m.error !== undefined) {
      p.reject(hubApiError(m.error, p.method));
      return;
    }
    const result = hubMethods[p.method].result.safeParse(m.result);
    if (!result.success) {
      malformed('hub answer does not match the protocol', { method: p.method, issues: result.error.issues.slice(0, 3) });
      p.reject(hubUnavailable(`The hub sent an answer to ${p.method} that this app cannot read`));
      return;
    }
    p.resolve(result.data);
  };

  const stopHeartbeat = (): void => {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
  };

  const scheduleRetry = (reason: string): void => {
    if (closed) return;
    const delay = backoffDelay(attempt++, policy, deps.random);
    setStatus('offline', `Cannot reach the hub at ${host}: ${reason}. Trying again in ${Math.max(1, Math.round(delay / 1000))} s.`);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, delay);
    retryTimer.unref?.();
  };

  const open = (): void => {
    if (closed) return;
    if (status.state !== 'offline') setStatus('connecting', `Connecting to the hub at ${host}`);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: timeoutMs, perMessageDeflate: false });
    } catch (error) {
      scheduleRetry((error as Error).message);
      return;
    }
    socket = ws;
    let lost = false;
    let alive = true;
    const lose = (reason: string): void => {
      if (lost) return;
      lost = true;
      stopHeartbeat();
      if (socket === ws) socket = undefined;
      const error = hubUnavailable(`The connection to the hub at ${host} was lost (${reason})`);
      failPending(error);
      settleWaiters(error);
      ws.removeAllListeners('message');
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
      if (status.state === 'online') log.warn({ url, reason }, 'hub connection lost');
      scheduleRetry(reason);
    };
    ws.on('message', (data, isBinary) => {
      alive = true;
      if (isBinary) return malformed('binary hub frame');
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return malformed('hub frame is not JSON');
      }
      for (const f of Array.isArray(frame) ? frame : [frame]) onFrame(f);
    });
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('error', (error) => lose(error.message || 'socket error'));
    ws.on('close', (code, reason) => lose(reason.toString() || `closed with code ${code}`));
    ws.on('open', () => {
      heartbeat = setInterval(() => {
        if (!alive) return lose('no answer to a ping');
        alive = false;
        ws.ping();
      }, heartbeatMs);
      heartbeat.unref?.();
      const request: HubRequest = (method, params) => send(ws, method, params);
      void (async () => {
        try {
          const hello = helloSchema.parse(await request('hub.hello', {}));
          if (hello.protocol !== HUB_PROTOCOL_VERSION) {
            throw hubUnavailable(`the hub speaks protocol ${hello.protocol}; this app speaks ${HUB_PROTOCOL_VERSION}`);
          }
          await deps.onOpen?.(request);
          if (lost || closed) return;
          attempt = 0;
          if (everOnline) stats.reconnects++;
          everOnline = true;
          setStatus('online', `Connected to ${hello.name} (${host})`);
          log.info({ url, hub: hello.name, embedded: hello.embedded }, 'hub connected');
          settleWaiters();
          deps.onOnline?.();
        } catch (error) {
          lose(error instanceof Error ? error.message : String(error));
        }
      })();
    });
  };

  open();

  return {
    url,
    status: () => status,
    stats: () => ({ ...stats }),
    async call(method, params) {
      if (closed) throw hubUnavailable('The hub connection is closed');
      if (status.state === 'offline') throw hubUnavailable(status.detail);
      if (status.state === 'connecting') {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiters = waiters.filter((w) => w !== waiter);
            reject(hubUnavailable(`Still connecting to the hub at ${host}`));
          }, timeoutMs);
          const waiter = {
            resolve() {
              clearTimeout(timer);
              resolve();
            },
            reject(error: Error) {
              clearTimeout(timer);
              reject(error);
            },
          };
          waiters.push(waiter);
        });
      }
      const ws = socket;
      if (!ws) throw hubUnavailable(status.detail);
      return send(ws, method, params);
    },
    on(topic, listener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      const fn = listener as (payload: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    close() {
      closedPromise ??= (async () => {
        closed = true;
        if (retryTimer) clearTimeout(retryTimer);
        stopHeartbeat();
        const error = new ApiError('UNAVAILABLE', 'The hub connection was closed');
        failPending(error);
        settleWaiters(error);
        const ws = socket;
        socket = undefined;
        if (ws && ws.readyState !== WebSocket.CLOSED) {
          const done = new Promise<void>((resolve) => ws.once('close', () => resolve()));
          ws.terminate();
          await done;
        }
        status = { state: 'offline', detail: 'Disconnected', since: clock.now() };
      })();
      return closedPromise;
    },
  };
}

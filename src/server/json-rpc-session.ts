import { ApiError } from '../shared/contract';
import { jsonRpcRequestSchema, toJsonRpcError, type JsonRpcId, type JsonRpcResponse } from '../shared/contract/json-rpc';
import { dispatch } from '../core/api/dispatcher';
import { createEventSubscriptions } from '../core/api/event-subscriptions';
import type { Core } from '../core/create-core';
import type { RateLimiter } from './rate-limiter';

export interface JsonRpcSessionOptions {
  core: Core;
  send(text: string): void;
  limiter: RateLimiter;
  now(): number;
}

export interface JsonRpcSession {
  /** Handles one frame (`null` for a binary one); resolves when its responses are sent. */
  handle(text: string | null): Promise<void>;
  /** Counters, for logs and tests. */
  readonly stats: { requests: number; malformed: number; rateLimited: number };
  close(): void;
}

/**
 * One JSON-RPC 2.0 connection: requests, batches, notifications, and event delivery for the
 * topics it subscribed to. Bad frames get an error response and never end the session.
 */
export function createJsonRpcSession(options: JsonRpcSessionOptions): JsonRpcSession {
  const { core, send, limiter } = options;
  const stats = { requests: 0, malformed: 0, rateLimited: 0 };
  const subscriptions = createEventSubscriptions(core, (topic, payload) => send(JSON.stringify({ jsonrpc: '2.0', method: topic, params: payload })));
  const handlers = { ...core.handlers, ...subscriptions.handlers };

  const failure = (id: JsonRpcId, error: ApiError): JsonRpcResponse => ({ jsonrpc: '2.0', id, error: toJsonRpcError(error.toShape()) });

  const one = async (message: unknown): Promise<JsonRpcResponse | undefined> => {
    const parsed = jsonRpcRequestSchema.safeParse(message);
    if (!parsed.success) {
      stats.malformed++;
      const id = extractId(message);
      return failure(id, new ApiError('INVALID_REQUEST', 'Not a JSON-RPC 2.0 request: expected { "jsonrpc": "2.0", "method": string, "id"?, "params"?: object }'));
    }
    const { id, method, params } = parsed.data;
    stats.requests++;
    const isNotification = id === undefined;
    try {
      if (Array.isArray(params)) throw new ApiError('INVALID_PARAMS', 'Positional params are not supported: pass params as an object', { fields: [{ path: '(params)', message: 'expected object' }] });
      const result = await dispatch(handlers, method, params, core.log);
      return isNotification ? undefined : { jsonrpc: '2.0', id, result: result ?? null };
    } catch (error) {
      if (isNotification) return undefined;
      return failure(id, error instanceof ApiError ? error : new ApiError('INTERNAL', 'Internal error'));
    }
  };

  return {
    stats,
    async handle(text) {
      if (!limiter.take(options.now())) {
        stats.rateLimited++;
        // Answer with the request's id when it has one, so the caller can fail that call.
        send(JSON.stringify(failure(idOf(text), new ApiError('RATE_LIMITED', 'Too many messages on this connection; slow down and retry'))));
        return;
      }
      if (text === null) {
        stats.malformed++;
        send(JSON.stringify(failure(null, new ApiError('INVALID_REQUEST', 'Binary frames are not supported: send JSON text'))));
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        stats.malformed++;
        send(JSON.stringify(failure(null, new ApiError('PARSE_ERROR', 'Parse error: the frame is not valid JSON'))));
        return;
      }
      if (Array.isArray(message)) {
        if (message.length === 0) {
          stats.malformed++;
          send(JSON.stringify(failure(null, new ApiError('INVALID_REQUEST', 'Empty batch'))));
          return;
        }
        const responses = (await Promise.all(message.map(one))).filter((r) => r !== undefined);
        if (responses.length > 0) send(JSON.stringify(responses));
        return;
      }
      const response = await one(message);
      if (response) send(JSON.stringify(response));
    },
    close() {
      subscriptions.close();
    },
  };
}

function idOf(text: string | null): JsonRpcId {
  if (text === null) return null;
  try {
    return extractId(JSON.parse(text));
  } catch {
    return null;
  }
}

function extractId(message: unknown): JsonRpcId {
  if (message && typeof message === 'object' && 'id' in message) {
    const id = (message as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

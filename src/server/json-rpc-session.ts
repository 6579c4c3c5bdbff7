import { ApiError } from '../shared/contract';
import { jsonRpcRequestSchema, toJsonRpcError, type JsonRpcId, type JsonRpcResponse } from '../shared/contract/json-rpc';
import type { Core } from '../core/create-core';
import type { RateLimiter } from './rate-limiter';

/** Calls in one batch, at most: a 1 MiB frame could otherwise hold tens of thousands. */
export const MAX_BATCH = 100;

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
  const session = core.openSession((topic, payload) => send(JSON.stringify({ jsonrpc: '2.0', method: topic, params: payload })));

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
      const result = await core.call(method, params, session.handlers);
      return isNotification ? undefined : { jsonrpc: '2.0', id, result: result ?? null };
    } catch (error) {
      if (isNotification) return undefined;
      return failure(id, error instanceof ApiError ? error : new ApiError('INTERNAL', 'Internal error'));
    }
  };

  const rateLimited = (message: unknown): JsonRpcResponse | undefined => {
    const id = extractId(message);
    // A notification gets no answer, not even this one (JSON-RPC 2.0).
    if (message && typeof message === 'object' && !Array.isArray(message) && !('id' in message)) return undefined;
    return failure(id, new ApiError('RATE_LIMITED', 'Too many messages on this connection; slow down and retry'));
  };

  return {
    stats,
    async handle(text) {
      if (text === null) {
        stats.malformed++;
        if (limiter.take(options.now())) send(JSON.stringify(failure(null, new ApiError('INVALID_REQUEST', 'Binary frames are not supported: send JSON text'))));
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        stats.malformed++;
        if (limiter.take(options.now())) send(JSON.stringify(failure(null, new ApiError('PARSE_ERROR', 'Parse error: the frame is not valid JSON'))));
        else stats.rateLimited++;
        return;
      }
      const batch = Array.isArray(message) ? message : undefined;
      // Each call in a batch costs as much as a call on its own.
      if (!limiter.take(options.now(), Math.max(1, Math.min(batch?.length ?? 1, MAX_BATCH)))) {
        stats.rateLimited++;
        const replies = (batch ?? [message]).slice(0, MAX_BATCH).map(rateLimited).filter((r) => r !== undefined);
        if (replies.length > 0) send(JSON.stringify(batch ? replies : replies[0]));
        return;
      }
      if (batch) {
        if (batch.length === 0 || batch.length > MAX_BATCH) {
          stats.malformed++;
          send(JSON.stringify(failure(null, new ApiError('INVALID_REQUEST', batch.length === 0 ? 'Empty batch' : `Batch too large: at most ${MAX_BATCH} calls`))));
          return;
        }
        const responses = (await Promise.all(batch.map(one))).filter((r) => r !== undefined);
        if (responses.length > 0) send(JSON.stringify(responses));
        return;
      }
      const response = await one(message);
      if (response) send(JSON.stringify(response));
    },
    close() {
      session.close();
    },
  };
}

function extractId(message: unknown): JsonRpcId {
  if (message && typeof message === 'object' && 'id' in message) {
    const id = (message as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

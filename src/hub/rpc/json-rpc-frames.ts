import { ApiError } from '../../shared/contract/errors';
import { jsonRpcRequestSchema, toJsonRpcError, type JsonRpcId, type JsonRpcRequest, type JsonRpcResponse } from '../../shared/contract/json-rpc';
import type { HubLimits, HubLogger, HubStats } from '../hub-api';
import type { KeyedLimiter, TokenBucket } from '../limits/token-bucket';
import type { HubDispatcher } from './dispatcher';
import type { HubConnection } from './hub-connection';

/** Calls in one batch, at most: a 512 KiB frame could otherwise hold thousands. */
export const MAX_BATCH = 50;

export interface FrameHandlerOptions {
  connection: HubConnection;
  dispatcher: HubDispatcher;
  send(text: string): void;
  /** This connection's allowance. */
  bucket: TokenBucket;
  /** Allowances per client address, shared by all its connections. */
  perIp: KeyedLimiter;
  limits: HubLimits;
  clock: { now(): number };
  stats: HubStats;
  log: HubLogger;
}

/** One connection's JSON-RPC frames: parsed, counted, rate limited, then run one after another. */
export interface FrameHandler {
  /** Takes one frame (`null` for a binary one); never throws. */
  handle(text: string | null): void;
  /** Resolves when every frame taken so far has been answered. */
  idle(): Promise<void>;
}

const failure = (id: JsonRpcId, error: ApiError): JsonRpcResponse => ({ jsonrpc: '2.0', id, error: toJsonRpcError(error.toShape()) });

/**
 * Limits are checked as frames arrive (a flood never piles up work), calls run in arrival order
 * (a client may send `auth.signIn` and its first post without waiting). A malformed frame gets an
 * error answer while the connection's allowance lasts, and is only counted after that: it never
 * closes the connection or costs other clients anything.
 */
export function createFrameHandler(options: FrameHandlerOptions): FrameHandler {
  const { connection, dispatcher, send, bucket, perIp, limits, clock, stats, log } = options;
  let chain: Promise<void> = Promise.resolve();
  const reply = (response: JsonRpcResponse | JsonRpcResponse[]): void => send(JSON.stringify(response));

  /** Answers a malformed frame if this connection may still be answered. */
  const malformed = (error: ApiError, id: JsonRpcId = null): void => {
    stats.malformed++;
    if (bucket.take(clock.now())) reply(failure(id, error));
    else stats.rateLimited++;
  };

  const notRequest = (message: unknown): JsonRpcResponse =>
    failure(extractId(message), new ApiError('INVALID_REQUEST', 'Not a JSON-RPC 2.0 request: expected { "jsonrpc": "2.0", "method": string, "id"?, "params"?: object }'));

  const one = async (request: JsonRpcRequest): Promise<JsonRpcResponse | undefined> => {
    const { id, method, params } = request;
    stats.requests++;
    try {
      if (Array.isArray(params)) throw new ApiError('INVALID_PARAMS', 'Positional params are not supported: pass params as an object', { fields: [{ path: '(params)', message: 'expected object' }] });
      const result = await dispatcher.call(connection, method, params);
      return id === undefined ? undefined : { jsonrpc: '2.0', id, result: result ?? null };
    } catch (error) {
      if (id === undefined) return undefined;
      if (error instanceof ApiError) return failure(id, error);
      log.error({ method, err: String(error) }, 'hub call failed');
      return failure(id, new ApiError('INTERNAL', 'Internal error'));
    }
  };

  const rateLimited = (messages: readonly unknown[], error: ApiError): void => {
    stats.rateLimited++;
    // A notification gets no answer, not even this one (JSON-RPC 2.0).
    const replies = messages.filter(hasId).map((m) => failure(extractId(m), error));
    if (replies.length > 0) reply(replies.length === 1 && messages.length === 1 ? replies[0]! : replies);
  };

  return {
    handle(text) {
      stats.frames++;
      if (text === null) return malformed(new ApiError('INVALID_REQUEST', 'Binary frames are not supported: send JSON text'));
      let message: unknown;
      try {
        message = JSON.parse(text);
      } catch {
        return malformed(new ApiError('PARSE_ERROR', 'Parse error: the frame is not valid JSON'));
      }
      const batch = Array.isArray(message) ? (message as unknown[]) : undefined;
      if (batch && (batch.length === 0 || batch.length > MAX_BATCH)) {
        return malformed(new ApiError('INVALID_REQUEST', batch.length === 0 ? 'Empty batch' : `Batch too large: at most ${MAX_BATCH} calls in one frame`));
      }
      // The shape is checked on arrival, so every malformed call is counted, answered or not.
      const raw = batch ?? [message];
      const calls = raw.map((m): JsonRpcRequest | null => {
        const parsed = jsonRpcRequestSchema.safeParse(m);
        if (!parsed.success) stats.malformed++;
        return parsed.success ? parsed.data : null;
      });
      const now = clock.now();
      // Each call of a batch costs as much as a call on its own.
      if (!bucket.take(now, calls.length)) {
        const { burst, perSecond } = limits.perConnection;
        return rateLimited(raw, new ApiError('RATE_LIMITED', `Too many requests on this connection: at most ${perSecond} a second (bursts of ${burst}). Slow down and retry.`, { retryAfterMs: bucket.waitMs(now, calls.length) }));
      }
      if (!perIp.take(connection.ip, now, calls.length)) {
        const { burst, perSecond } = limits.perIp;
        return rateLimited(raw, new ApiError('RATE_LIMITED', `Too many requests from your address: at most ${perSecond} a second (bursts of ${burst}) over all its connections. Slow down and retry.`, { retryAfterMs: perIp.waitMs(connection.ip, now, calls.length) }));
      }
      chain = chain
        .then(async () => {
          const responses: JsonRpcResponse[] = [];
          for (let i = 0; i < calls.length; i++) {
            const request = calls[i];
            const response = request ? await one(request) : notRequest(raw[i]);
            if (response) responses.push(response);
          }
          if (responses.length > 0) reply(batch ? responses : responses[0]!);
        })
        .catch((error: unknown) => log.error({ err: String(error) }, 'hub frame failed'));
    },
    idle: () => chain,
  };
}

function hasId(message: unknown): boolean {
  return !!message && typeof message === 'object' && !Array.isArray(message) && 'id' in message;
}

function extractId(message: unknown): JsonRpcId {
  if (message && typeof message === 'object' && 'id' in message) {
    const id = (message as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

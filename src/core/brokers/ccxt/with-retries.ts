import type { Exchange } from 'ccxt';
import type { Logger } from '../../ports';
import { backoffDelay, type BackoffPolicy } from '../live/backoff';
import type { LiveConnection } from '../live/live-connection';
import { exchangeMessage, isCcxtError, isClockError, isRateLimit, isUnknownOutcome } from './ccxt-errors';

/** Runs a request again after throttling or a clock error, and after an outage or network error if it is idempotent (the default). */
export type Retrier = <T>(what: string, request: () => Promise<T>, options?: { idempotent?: boolean; attempts?: number }) => Promise<T>;

export interface RetrierDeps {
  exchange: Exchange;
  /** The exchange's latest `Retry-After` (from `tapRetryAfter`). */
  retryAfter(): number | undefined;
  connection: Pick<LiveConnection, 'throttled'>;
  log: Logger;
  backoff: BackoffPolicy;
  now(): number;
  random?: () => number;
}

/**
 * The exchange's `Retry-After` of the latest throttled or failed response, in ms. ccxt does not
 * expose it with the error, so its response hook is tapped.
 */
export function tapRetryAfter(exchange: Exchange, now: () => number): () => number | undefined {
  let latest: { at: number; ms: number } | undefined;
  const target = exchange as unknown as { onRestResponse: (status: number, statusText: string, url: string, method: string, headers: Record<string, unknown>, body: string, ...rest: unknown[]) => string };
  const original = target.onRestResponse.bind(exchange);
  target.onRestResponse = (status, statusText, url, method, headers, body, ...rest) => {
    const header = headers['Retry-After'] ?? headers['retry-after'];
    if (status >= 400 && header !== undefined) {
      const seconds = Number(header);
      const date = Date.parse(String(header));
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
      if (ms !== undefined) latest = { at: now(), ms };
    }
    return original(status, statusText, url, method, headers, body, ...rest);
  };
  // Only a header from the last few seconds belongs to the error being handled.
  return () => (latest && now() - latest.at < 5000 ? latest.ms : undefined);
}

export function createRetrier(deps: RetrierDeps): Retrier {
  const { exchange, log, retryAfter } = deps;
  const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());
  let clockSync: Promise<unknown> | undefined;

  return async (what, request, options = {}) => {
    const attempts = options.attempts ?? 6;
    for (let attempt = 0; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (attempt + 1 >= attempts) throw error;
        if (isClockError(error)) {
          // The exchange refused our timestamp: measure its clock once, then sign with the offset.
          clockSync ??= exchange.loadTimeDifference().finally(() => (clockSync = undefined));
          await clockSync;
          log.warn({ what, offsetMs: -Number(exchange.options['timeDifference'] ?? 0) }, 'clock offset corrected after a timestamp error');
          continue;
        }
        const throttled = isRateLimit(error);
        const unavailable = isCcxtError(error, 'ExchangeNotAvailable');
        // Throttled requests were not executed. Anything else may have been (a timeout, a 5xx):
        // only a read is simply sent again; a placement is resolved by its client order id.
        if (!throttled && !(options.idempotent !== false && isUnknownOutcome(error))) throw error;
        const delay = backoffDelay(attempt, deps.backoff, deps.random, retryAfter());
        if (throttled || unavailable) deps.connection.throttled(`${throttled ? 'Throttled' : 'Exchange unavailable'} (${exchangeMessage(error)}); retrying ${what} in ${Math.ceil(delay / 1000)} s`, deps.now() + delay);
        log.warn({ what, attempt, delayMs: delay, err: exchangeMessage(error) }, 'exchange request failed; retrying');
        await wait(delay);
      }
    }
  };
}

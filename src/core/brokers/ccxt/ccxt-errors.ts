import ccxt from 'ccxt';
import {
  BrokerNetworkError,
  BrokerRateLimitError,
  BrokerUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderFinalError,
  OrderNotFoundError,
  OrderRejectedError,
  type BrokerError,
} from '../broker-errors';

/** The keys were refused or lack a permission: nothing helps but new keys. */
export class BrokerAuthError extends OrderRejectedError {
  override readonly name = 'BrokerAuthError';
}

/** The exchange refused our clock (Binance -1021): resynchronise and try again. */
export const isClockError = (error: unknown): boolean => error instanceof ccxt.InvalidNonce;

export const isAuthError = (error: unknown): boolean => error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied || error instanceof ccxt.AccountSuspended;

/**
 * Whether a request may have reached the exchange and been executed although no answer came:
 * a timeout, a dropped connection, or a 5xx (Binance: "execution status unknown"; its JSON
 * `-1001` internal error arrives as ccxt's OperationFailed, the parent of NetworkError).
 */
export const isUnknownOutcome = (error: unknown): boolean => error instanceof ccxt.OperationFailed && !isRateLimit(error);

export const isRateLimit = (error: unknown): boolean => error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection;

/** The exchange's message without ccxt's "binance {json}" wrapping, for the user. */
export function exchangeMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const json = /\{.*\}/s.exec(raw)?.[0];
  if (json) {
    try {
      const body = JSON.parse(json) as { msg?: unknown; message?: unknown };
      const msg = typeof body.msg === 'string' ? body.msg : typeof body.message === 'string' ? body.message : undefined;
      if (msg) return msg;
    } catch {
      // not JSON after all: fall through to the raw text
    }
  }
  return raw.length > 300 ? `${raw.slice(0, 300)}…` : raw;
}

/** ccxt's error tree mapped onto the broker's, so callers know what may be retried. */
export function toBrokerError(error: unknown, retryAfterMs?: number): BrokerError {
  const message = exchangeMessage(error);
  if (isRateLimit(error)) return new BrokerRateLimitError(`The exchange is throttling requests: ${message}`, retryAfterMs);
  if (error instanceof ccxt.OnMaintenance || error instanceof ccxt.ExchangeNotAvailable) return new BrokerUnavailableError(`The exchange is unavailable: ${message}`);
  if (error instanceof ccxt.NetworkError) return new BrokerNetworkError(`No answer from the exchange: ${message}`);
  if (isAuthError(error)) return new BrokerAuthError(`The exchange refused the API keys: ${message}`);
  if (error instanceof ccxt.InsufficientFunds) return new InsufficientFundsError(message);
  if (error instanceof ccxt.OrderNotFound) return new OrderNotFoundError(message);
  if (error instanceof ccxt.OrderNotFillable || error instanceof ccxt.OrderImmediatelyFillable) return new InvalidOrderError(message);
  if (error instanceof ccxt.InvalidOrder || error instanceof ccxt.BadSymbol || error instanceof ccxt.BadRequest || error instanceof ccxt.ArgumentsRequired) {
    return new InvalidOrderError(message);
  }
  if (error instanceof ccxt.CancelPending) return new OrderFinalError(message);
  if (error instanceof ccxt.ExchangeError) return new OrderRejectedError(message);
  return new BrokerNetworkError(message);
}

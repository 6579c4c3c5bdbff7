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

/**
 * Whether `error` is ccxt's error class `name` or a subclass of it. By name along the prototype
 * chain, so the core can classify errors without loading ccxt (170 MB) when no live account exists.
 */
export function isCcxtError(error: unknown, name: CcxtErrorName): boolean {
  for (let proto: unknown = error === null || typeof error !== 'object' ? null : Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}

type CcxtErrorName =
  | 'InvalidNonce'
  | 'AuthenticationError'
  | 'PermissionDenied'
  | 'AccountSuspended'
  | 'OperationFailed'
  | 'RateLimitExceeded'
  | 'DDoSProtection'
  | 'OnMaintenance'
  | 'ExchangeNotAvailable'
  | 'NetworkError'
  | 'InsufficientFunds'
  | 'OrderNotFound'
  | 'OrderNotFillable'
  | 'OrderImmediatelyFillable'
  | 'InvalidOrder'
  | 'BadSymbol'
  | 'BadRequest'
  | 'ArgumentsRequired'
  | 'CancelPending'
  | 'ExchangeError';

/** The keys were refused or lack a permission: nothing helps but new keys. */
export class BrokerAuthError extends OrderRejectedError {
  override readonly name = 'BrokerAuthError';
}

/** The exchange refused our clock (Binance -1021): resynchronise and try again. */
export const isClockError = (error: unknown): boolean => isCcxtError(error, 'InvalidNonce');

export const isAuthError = (error: unknown): boolean => isCcxtError(error, 'AuthenticationError') || isCcxtError(error, 'PermissionDenied') || isCcxtError(error, 'AccountSuspended');

/**
 * Whether a request may have reached the exchange and been executed although no answer came:
 * a timeout, a dropped connection, or a 5xx (Binance: "execution status unknown"; its JSON
 * `-1001` internal error arrives as ccxt's OperationFailed, the parent of NetworkError).
 */
export const isUnknownOutcome = (error: unknown): boolean => isCcxtError(error, 'OperationFailed') && !isRateLimit(error);

export const isRateLimit = (error: unknown): boolean => isCcxtError(error, 'RateLimitExceeded') || isCcxtError(error, 'DDoSProtection');

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
  if (isCcxtError(error, 'OnMaintenance') || isCcxtError(error, 'ExchangeNotAvailable')) return new BrokerUnavailableError(`The exchange is unavailable: ${message}`);
  if (isCcxtError(error, 'NetworkError')) return new BrokerNetworkError(`No answer from the exchange: ${message}`);
  if (isAuthError(error)) return new BrokerAuthError(`The exchange refused the API keys: ${message}`);
  if (isCcxtError(error, 'InsufficientFunds')) return new InsufficientFundsError(message);
  if (isCcxtError(error, 'OrderNotFound')) return new OrderNotFoundError(message);
  if (isCcxtError(error, 'OrderNotFillable') || isCcxtError(error, 'OrderImmediatelyFillable')) return new InvalidOrderError(message);
  if (isCcxtError(error, 'InvalidOrder') || isCcxtError(error, 'BadSymbol') || isCcxtError(error, 'BadRequest') || isCcxtError(error, 'ArgumentsRequired')) {
    return new InvalidOrderError(message);
  }
  if (isCcxtError(error, 'CancelPending')) return new OrderFinalError(message);
  if (isCcxtError(error, 'ExchangeError')) return new OrderRejectedError(message);
  return new BrokerNetworkError(message);
}

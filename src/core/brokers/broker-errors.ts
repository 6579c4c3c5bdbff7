import type { Order } from '../../shared/trading/order';

/**
 * The broker error tree. `retryable` errors (network, rate limit, an exchange down) may succeed if
 * tried again later — for an order, only after its client order id was looked up; final ones never will.
 */
export abstract class BrokerError extends Error {
  abstract readonly retryable: boolean;
}

export class BrokerNetworkError extends BrokerError {
  readonly retryable = true;
  override readonly name = 'BrokerNetworkError';
}

export class BrokerRateLimitError extends BrokerError {
  readonly retryable = true;
  override readonly name = 'BrokerRateLimitError';
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

export class BrokerUnavailableError extends BrokerError {
  readonly retryable = true;
  override readonly name = 'BrokerUnavailableError';
}

/** The broker refused an order; `order` is its record, status `rejected`, when one was made. */
export class OrderRejectedError extends BrokerError {
  readonly retryable = false;
  override readonly name: string = 'OrderRejectedError';
  constructor(
    message: string,
    readonly order?: Order,
  ) {
    super(message);
  }
}

export class InsufficientFundsError extends OrderRejectedError {
  override readonly name = 'InsufficientFundsError';
}

export class MarketClosedError extends OrderRejectedError {
  override readonly name = 'MarketClosedError';
}

export class InvalidOrderError extends OrderRejectedError {
  override readonly name = 'InvalidOrderError';
}

export class OrderNotFoundError extends BrokerError {
  readonly retryable = false;
  override readonly name = 'OrderNotFoundError';
}

/** The order can no longer change (filled, cancelled, …). */
export class OrderFinalError extends BrokerError {
  readonly retryable = false;
  override readonly name = 'OrderFinalError';
}

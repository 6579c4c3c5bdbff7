import type { Balances, Exchange, Order } from 'ccxt';
import { createExchange } from '../../../src/core/brokers/ccxt/create-exchange';
import type { FakeBinance } from '../../helpers/fake-binance';

/**
 * A ccxt binance built by the app's own factory, pointed at the fake, markets loaded. (ccxt
 * only opens plain `ws://` URLs through an http.Agent; the factory provides one.)
 */
export async function connectCcxt(fake: FakeBinance, overrides: { apiKey?: string; secret?: string; timeoutMs?: number; loadMarkets?: boolean } = {}): Promise<Exchange> {
  const exchange = await createExchange({
    exchange: 'binance',
    endpoints: { rest: fake.restUrl, ws: fake.wsUrl },
    credentials: { apiKey: overrides.apiKey ?? fake.apiKey, secret: overrides.secret ?? fake.secret },
    timeoutMs: overrides.timeoutMs ?? 5_000,
  });
  if (overrides.loadMarkets ?? true) await exchange.loadMarkets();
  return exchange;
}

/**
 * Calls a ccxt watch method until an update satisfies `done`. Each call only resolves on the
 * *next* message, and two messages can be handled before the caller is back (ccxt then folds
 * both into one result, or the second lands in its cache unseen); `cached` reads that cache so
 * a state already reached is not waited for again.
 */
export async function watchUntil<T>(watch: () => Promise<T>, done: (value: T) => boolean, cached?: () => T | undefined, maxUpdates = 20): Promise<T> {
  for (let i = 0; i < maxUpdates; i++) {
    const value = await watch();
    if (done(value)) return value;
    const state = cached?.();
    if (state !== undefined && done(state)) return state;
  }
  throw new Error(`no matching update within ${maxUpdates} updates`);
}

/** ccxt's own caches of streamed state (what its watch methods read from). */
export function cachedOrders(exchange: Exchange): Order[] {
  return [...((exchange.orders ?? []) as Order[])];
}

export function cachedBalance(exchange: Exchange): Balances | undefined {
  return exchange.balance['spot'] as Balances | undefined;
}

/**
 * ccxt 4.5.84 bug: when `userDataStream.subscribe.signature` is refused, ccxt rejects the
 * single-flight future it parked under 'authenticate:signature:spot' although nobody awaits it,
 * which surfaces as an unhandled rejection. Call right after starting the failing watch.
 */
export function absorbAuthenticationFlight(exchange: Exchange): void {
  const url = (exchange.urls['api'] as { ws: { 'ws-api': { spot: string } } }).ws['ws-api'].spot;
  const flight = exchange.clients[url]?.futures['authenticate:signature:spot'] as Promise<unknown> | undefined;
  flight?.catch(() => undefined);
}

/** What a ccxt call threw (fails the test if it did not throw). */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`non-Error thrown: ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

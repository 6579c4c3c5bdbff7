import type { ApiClient } from '../../api/api-client';
import type { Bar } from '../../../../shared/market/bar';
import type { Timeframe } from '../../../../shared/market/timeframes';

/** Bars a pane asks for when it first shows a symbol and timeframe. */
export const FIRST_LOAD = 5000;

const inFlight = new Map<string, Promise<Bar[]>>();
const key = (symbol: string, tf: Timeframe): string => `${symbol}|${tf}`;

/**
 * Starts loading a pane's bars before the pane exists (as soon as a workspace is known), so the
 * core works while the page builds its charts. The pane then takes the request in flight.
 */
export function prefetchBars(api: ApiClient, symbol: string, tf: Timeframe): void {
  const k = key(symbol, tf);
  if (inFlight.has(k)) return;
  const request = api.call('market.bars', { symbol, timeframe: tf, limit: FIRST_LOAD });
  inFlight.set(k, request);
  // Unclaimed results must not go stale: forget them once settled and a moment has passed.
  void request.finally(() => setTimeout(() => inFlight.get(k) === request && inFlight.delete(k), 5000)).catch(() => undefined);
}

/** The prefetched request for these bars if there is one, else a new request. */
export function takeBars(api: ApiClient, symbol: string, tf: Timeframe): Promise<Bar[]> {
  const k = key(symbol, tf);
  const pending = inFlight.get(k);
  inFlight.delete(k);
  return pending ?? api.call('market.bars', { symbol, timeframe: tf, limit: FIRST_LOAD });
}

import type { ApiCaller } from '../../api/api-client';
import type { Bar } from '../../../../shared/market/bar';
import { barsOf } from '../../../../shared/market/bar-columns';
import type { Timeframe } from '../../../../shared/market/timeframes';

/** Bars a pane asks for when it first shows a symbol and timeframe. */
export const FIRST_LOAD = 5000;

const inFlight = new Map<string, Promise<Bar[]>>();
const key = (symbol: string, tf: Timeframe): string => `${symbol}|${tf}`;
// Thousands of bars: the columnar answer is half the bytes to receive and parse.
const firstLoad = (api: ApiCaller, symbol: string, tf: Timeframe): Promise<Bar[]> =>
  api.call('market.bars', { symbol, timeframe: tf, limit: FIRST_LOAD, format: 'columns' }).then(barsOf);

/**
 * Starts loading a pane's bars before the pane exists (as soon as a workspace is known), so the
 * core works while the page builds its charts. The pane then takes the request in flight.
 */
export function prefetchBars(api: ApiCaller, symbol: string, tf: Timeframe): Promise<Bar[]> {
  const k = key(symbol, tf);
  const known = inFlight.get(k);
  if (known) return known;
  const request = firstLoad(api, symbol, tf);
  inFlight.set(k, request);
  // Unclaimed results must not go stale: forget them once settled and a moment has passed.
  void request.finally(() => setTimeout(() => inFlight.get(k) === request && inFlight.delete(k), 5000)).catch(() => undefined);
  return request;
}

/** The prefetched request for these bars if there is one (asked again through `api` if it failed), else a new request. */
export function takeBars(api: ApiCaller, symbol: string, tf: Timeframe): Promise<Bar[]> {
  const k = key(symbol, tf);
  const pending = inFlight.get(k);
  inFlight.delete(k);
  return pending ? pending.catch(() => firstLoad(api, symbol, tf)) : firstLoad(api, symbol, tf);
}

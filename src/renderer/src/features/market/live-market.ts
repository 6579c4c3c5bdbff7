import type { ApiClient } from '../../api/api-client';
import { errorMessage } from '../../api/error-message';
import type { Timeframe } from '../../../../shared/market/timeframes';

/**
 * Reference counts of what the UI follows, per symbol and per (symbol, timeframe), so several
 * panes and the watchlist share one upstream subscription, re-sent after a reconnect.
 */
export interface LiveMarket {
  /** `tf` undefined: quotes only. Returns the release function. */
  retain(symbol: string, tf?: Timeframe): () => void;
}

export function createLiveMarket(api: ApiClient, onError: (message: string) => void): LiveMarket {
  const counts = new Map<string, number>();
  const key = (symbol: string, tf?: Timeframe): string => `${symbol}|${tf ?? ''}`;
  const call = (promise: Promise<unknown>): void => void promise.catch((e: unknown) => onError(errorMessage(e)));

  api.onState((state) => {
    if (state !== 'open') return;
    // A new connection has no subscriptions: follow everything again.
    for (const k of counts.keys()) {
      const [symbol, tf] = k.split('|') as [string, string];
      call(api.call('market.subscribe', { symbols: [symbol], timeframes: tf ? [tf as Timeframe] : [] }));
    }
  });

  return {
    retain(symbol, tf) {
      const k = key(symbol, tf);
      const n = counts.get(k) ?? 0;
      counts.set(k, n + 1);
      if (n === 0) call(api.call('market.subscribe', { symbols: [symbol], timeframes: tf ? [tf] : [] }));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(k) ?? 1) - 1;
        if (left > 0) {
          counts.set(k, left);
          return;
        }
        counts.delete(k);
        if (tf) {
          call(api.call('market.unsubscribe', { symbols: [symbol], timeframes: [tf] }));
        } else if (![...counts.keys()].some((other) => other.startsWith(`${symbol}|`))) {
          call(api.call('market.unsubscribe', { symbols: [symbol] }));
        }
      };
    },
  };
}

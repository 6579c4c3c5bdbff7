import type { Quote } from '../../src/shared/contract';
import type { QuoteSource } from '../../src/core/trading/fx-rates';

export interface QuoteBoard extends QuoteSource {
  /** Sets a symbol's quote and tells its watchers, as the market service does per tick. */
  set(symbol: string, q: { bid: number; ask: number; bidSize?: number; askSize?: number; last?: number; time?: number }): Quote;
  watched(symbol: string): number;
}

/** An in-memory quote source for unit tests of matching: the quotes are exactly the ones set. */
export function createQuoteBoard(now: () => number): QuoteBoard {
  const quotes = new Map<string, Quote>();
  const watchers = new Map<string, Set<(q: Quote) => void>>();
  return {
    lastQuote: (symbol) => quotes.get(symbol),
    watchQuotes(symbol, listener) {
      const set = watchers.get(symbol) ?? new Set();
      set.add(listener);
      watchers.set(symbol, set);
      return () => set.delete(listener);
    },
    set(symbol, q) {
      const quote: Quote = { symbol, time: q.time ?? now(), bid: q.bid, ask: q.ask, bidSize: q.bidSize ?? 10, askSize: q.askSize ?? 10, last: q.last ?? (q.bid + q.ask) / 2, prevClose: null };
      quotes.set(symbol, quote);
      for (const w of [...(watchers.get(symbol) ?? [])]) w(quote);
      return quote;
    },
    watched: (symbol) => watchers.get(symbol)?.size ?? 0,
  };
}

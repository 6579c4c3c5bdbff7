import { create } from 'zustand';
import type { Quote } from '../../../../shared/contract';

interface QuotesState {
  bySymbol: Readonly<Record<string, Quote>>;
  apply(quotes: readonly Quote[]): void;
}

/** Latest quote per symbol, fed by `market.quote` events (batched four times a second, see market-events). */
export const useQuotes = create<QuotesState>()((set, get) => ({
  bySymbol: {},
  apply(quotes) {
    if (quotes.length === 0) return;
    const next = { ...get().bySymbol };
    for (const q of quotes) next[q.symbol] = q;
    set({ bySymbol: next });
  },
}));

/** Day change as a fraction, or null without a previous close. */
export function dayChange(q: Quote | undefined): number | null {
  if (!q || q.prevClose === null || q.prevClose === 0) return null;
  return q.last / q.prevClose - 1;
}

/** Ask minus bid, or null without a two-sided quote. */
export function quoteSpread(q: Quote | undefined): number | null {
  return q && q.ask > q.bid ? q.ask - q.bid : null;
}

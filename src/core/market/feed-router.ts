import type { MarketFeed } from './market-feed';

export interface FeedRouter extends MarketFeed {
  /** Adds a venue's feed: symbols `VENUE:…` go to it. Returns its detacher. */
  attach(venue: string, feed: MarketFeed): () => void;
}

const venueOf = (symbol: string): string | undefined => {
  const colon = symbol.indexOf(':');
  return colon > 0 ? symbol.slice(0, colon) : undefined;
};

/**
 * One feed over many: the built-in market (plain symbols) and each live account's exchange
 * (symbols prefixed with its venue, `BINANCE:BTC/USDT`). Attached venues come and go as accounts
 * connect; instrument changes and history gaps are passed on.
 */
export function createFeedRouter(primary: MarketFeed): FeedRouter {
  const venues = new Map<string, { feed: MarketFeed; offs: Array<() => void> }>();
  const instrumentListeners = new Set<(venue: string, count: number) => void>();
  const gapListeners = new Set<(symbol: string, from: number, to: number) => void>();
  const feedOf = (symbol: string): MarketFeed => {
    const venue = venueOf(symbol);
    return (venue && venues.get(venue)?.feed) || primary;
  };

  return {
    name: primary.name,
    instruments: () => [...primary.instruments(), ...[...venues.values()].flatMap((v) => v.feed.instruments())],
    history: (symbol, tf, from, to) => feedOf(symbol).history(symbol, tf, from, to),
    historyStart: (symbol) => feedOf(symbol).historyStart(symbol),
    subscribe(symbols, onTick) {
      const offs = symbols.map((s) => feedOf(s).subscribe([s], onTick));
      return () => {
        for (const off of offs) off();
      };
    },
    attach(venue, feed) {
      venues.get(venue)?.offs.forEach((off) => off());
      const offs = [
        feed.onInstrumentsChanged?.((v, count) => {
          for (const l of instrumentListeners) l(v, count);
        }),
        feed.onHistoryGap?.((symbol, from, to) => {
          for (const l of gapListeners) l(symbol, from, to);
        }),
      ].filter((off): off is () => void => off !== undefined);
      venues.set(venue, { feed, offs });
      for (const l of instrumentListeners) l(venue, feed.instruments().length);
      return () => {
        if (venues.get(venue)?.feed !== feed) return;
        for (const off of offs) off();
        venues.delete(venue);
        for (const l of instrumentListeners) l(venue, 0);
      };
    },
    onInstrumentsChanged(listener) {
      instrumentListeners.add(listener);
      return () => instrumentListeners.delete(listener);
    },
    onHistoryGap(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },
    close() {
      primary.close();
      for (const { feed, offs } of venues.values()) {
        for (const off of offs) off();
        feed.close();
      }
      venues.clear();
    },
  };
}

import type { Result } from '../../../../shared/contract';

export type Exchange = Result<'accounts.exchanges'>[number];

/** The exchanges most traders look for, in this order, ahead of the rest (alphabetical). */
export const POPULAR_EXCHANGES: readonly string[] = ['binance', 'coinbase', 'kraken', 'okx', 'bybit', 'kucoin', 'bitget', 'gate', 'bitfinex', 'bitstamp'];

const rank = (id: string): number => {
  const i = POPULAR_EXCHANGES.indexOf(id);
  return i < 0 ? POPULAR_EXCHANGES.length : i;
};

/** Exchanges matching a query on name or id; popular ones first, then by name. */
export function filterExchanges(all: readonly Exchange[], query: string): Exchange[] {
  const q = query.trim().toLowerCase();
  return all
    .filter((e) => q === '' || e.name.toLowerCase().includes(q) || e.id.includes(q))
    .sort((a, b) => {
      // A name that starts with what was typed beats one that only contains it.
      if (q !== '') {
        const pa = a.name.toLowerCase().startsWith(q) || a.id.startsWith(q) ? 0 : 1;
        const pb = b.name.toLowerCase().startsWith(q) || b.id.startsWith(q) ? 0 : 1;
        if (pa !== pb) return pa - pb;
      }
      return rank(a.id) - rank(b.id) || a.name.localeCompare(b.name);
    });
}

/** Whether the exchange is one of the popular ones (shown above a divider in the picker). */
export const isPopular = (id: string): boolean => POPULAR_EXCHANGES.includes(id);

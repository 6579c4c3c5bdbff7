import type { Instrument } from '../../shared/market/instrument';
import type { Quote } from '../../shared/contract';

export interface QuoteSource {
  lastQuote(symbol: string): Quote | undefined;
  watchQuotes(symbol: string, listener: (quote: Quote) => void): () => void;
}

/** Currencies treated as one: a paper account in USD trades USDT pairs 1:1 (a stablecoin peg). */
const PEGGED: Readonly<Record<string, string>> = { USDT: 'USD', USDC: 'USD' };
const canonical = (c: string): string => PEGGED[c] ?? c;

export interface FxRates {
  /** Units of `to` per unit of `from` at the latest mid, or undefined when no quote is in yet. */
  rate(from: string, to: string): number | undefined;
  /** Starts following the pairs `rate(from, to)` needs; false when the market has no route. */
  follow(from: string, to: string): boolean;
  /** Resolves once `rate(from, to)` is known (call `follow` first). */
  ready(from: string, to: string): Promise<void>;
  close(): void;
}

/**
 * Currency conversion from the market's own FX pairs (EUR/USD, USD/JPY, …), directly, inverted or
 * crossed through USD. Pairs are followed for the life of the core once a conversion needs them.
 */
export function createFxRates(instruments: readonly Instrument[], quotes: QuoteSource): FxRates {
  const pairs = new Set(instruments.filter((i) => i.assetClass === 'fx').map((i) => i.symbol));
  const watched = new Map<string, () => void>();
  const waiters: Array<{ from: string; to: string; resolve: () => void }> = [];
  const onQuote = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (api.rate(w.from, w.to) !== undefined) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };

  const mid = (symbol: string): number | undefined => {
    const q = quotes.lastQuote(symbol);
    if (!q) return undefined;
    return q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : q.last;
  };

  type Route = ReadonlyArray<{ symbol: string; invert: boolean }>;
  /** The pairs (and whether inverted) that convert `from` into `to`; undefined without a route. */
  const findRoute = (from: string, to: string): Route | undefined => {
    if (from === to) return [];
    if (pairs.has(`${from}/${to}`)) return [{ symbol: `${from}/${to}`, invert: false }];
    if (pairs.has(`${to}/${from}`)) return [{ symbol: `${to}/${from}`, invert: true }];
    if (from !== 'USD' && to !== 'USD') {
      const a = findRoute(from, 'USD');
      const b = findRoute('USD', to);
      if (a && b) return [...a, ...b];
    }
    return undefined;
  };
  // Rates are read per fill and per position on every valuation: find each route once.
  const routes = new Map<string, Route | null>();
  const route = (fromRaw: string, toRaw: string): Route | undefined => {
    const key = `${fromRaw}\u0000${toRaw}`;
    let found = routes.get(key);
    if (found === undefined) {
      found = findRoute(canonical(fromRaw), canonical(toRaw)) ?? null;
      routes.set(key, found);
    }
    return found ?? undefined;
  };

  const api: FxRates = {
    rate(fromRaw, toRaw) {
      const steps = route(fromRaw, toRaw);
      if (!steps) return undefined;
      let r = 1;
      for (const step of steps) {
        const m = mid(step.symbol);
        if (m === undefined || !(m > 0)) return undefined;
        r *= step.invert ? 1 / m : m;
      }
      return r;
    },
    follow(fromRaw, toRaw) {
      const steps = route(fromRaw, toRaw);
      if (!steps) return false;
      for (const step of steps) if (!watched.has(step.symbol)) watched.set(step.symbol, quotes.watchQuotes(step.symbol, onQuote));
      return true;
    },
    ready(from, to) {
      if (api.rate(from, to) !== undefined) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ from, to, resolve }));
    },
    close() {
      for (const off of watched.values()) off();
      watched.clear();
      for (const w of waiters.splice(0)) w.resolve();
    },
  };
  return api;
}

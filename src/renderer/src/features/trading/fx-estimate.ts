import type { Quote } from '../../../../shared/contract';

/** Currencies the core treats as one (a stablecoin peg), as its FX conversion does. */
const PEGGED: Readonly<Record<string, string>> = { USDT: 'USD', USDC: 'USD' };
const canonical = (c: string): string => PEGGED[c] ?? c;

export interface FxStep {
  symbol: string;
  invert: boolean;
}

/**
 * The market's FX pairs that convert `from` into `to` — direct, inverted or crossed through USD —
 * the way the core converts; undefined without a route. Estimates in the ticket use it.
 */
export function fxRoute(fromRaw: string, toRaw: string, fxSymbols: ReadonlySet<string>): FxStep[] | undefined {
  const from = canonical(fromRaw);
  const to = canonical(toRaw);
  if (from === to) return [];
  if (fxSymbols.has(`${from}/${to}`)) return [{ symbol: `${from}/${to}`, invert: false }];
  if (fxSymbols.has(`${to}/${from}`)) return [{ symbol: `${to}/${from}`, invert: true }];
  if (from !== 'USD' && to !== 'USD') {
    const a = fxRoute(from, 'USD', fxSymbols);
    const b = fxRoute('USD', to, fxSymbols);
    if (a && b) return [...a, ...b];
  }
  return undefined;
}

/** Units of the target currency per unit of the source at the quotes' mids; undefined until quoted. */
export function fxRate(route: readonly FxStep[] | undefined, quotes: Readonly<Record<string, Quote>>): number | undefined {
  if (!route) return undefined;
  let r = 1;
  for (const step of route) {
    const q = quotes[step.symbol];
    if (!q) return undefined;
    const mid = q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : q.last;
    if (!(mid > 0)) return undefined;
    r *= step.invert ? 1 / mid : mid;
  }
  return r;
}

import type { Quote } from '../../../shared/contract';
import type { Side } from '../../../shared/trading/order';

/** How deep the modelled book goes on each side; what is not there is not filled. */
export const BOOK_LEVELS = 20;

export interface BookFill {
  price: number;
  qty: number;
}

/**
 * A taker's walk through a book modelled from the top of book: level k sits k spread-widths (at
 * least a tick) behind the best price and holds `topSize × (1 + k/2)` — deeper levels are larger,
 * as on real venues — so a bigger order pays more slippage. Stops at `limit` when given.
 */
export function walkBook(quote: Quote, side: Side, qty: number, limit: number | undefined, tickSize: number, floorQty: (q: number) => number, roundPrice: (p: number) => number): BookFill[] {
  const top = side === 'buy' ? quote.ask : quote.bid;
  const topSize = side === 'buy' ? quote.askSize : quote.bidSize;
  if (!(topSize > 0)) return [];
  const step = Math.max(tickSize, roundPrice(quote.ask - quote.bid));
  const fills: BookFill[] = [];
  let remaining = qty;
  for (let k = 0; k < BOOK_LEVELS && remaining > 0; k++) {
    const price = roundPrice(side === 'buy' ? top + k * step : top - k * step);
    if (price <= 0) break;
    if (limit !== undefined && (side === 'buy' ? price > limit : price < limit)) break;
    // Sizes round down to the lot: never more than the level shows.
    const take = floorQty(Math.min(remaining, topSize * (1 + k / 2)));
    if (take <= 0) continue;
    fills.push({ price, qty: take });
    remaining = floorQty(remaining - take);
  }
  return fills;
}

/** Total quantity of a walk. */
export const walkedQty = (fills: readonly BookFill[], roundQty: (q: number) => number): number => roundQty(fills.reduce((s, f) => s + f.qty, 0));

/** Volume-weighted price of a walk; undefined when it found nothing. */
export function walkedPrice(fills: readonly BookFill[]): number | undefined {
  let q = 0;
  let v = 0;
  for (const f of fills) {
    q += f.qty;
    v += f.qty * f.price;
  }
  return q > 0 ? v / q : undefined;
}

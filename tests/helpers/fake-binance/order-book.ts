import { type Amount, floorTo, format, fromNumber, max } from './decimal';
import { hash01, seedOf } from './random';
import type { SymbolSpec } from './symbols';

/** Levels per side of the synthetic liquidity; a market order that eats them all expires the rest. */
export const BOOK_LEVELS = 50;

export interface BookLevel {
  price: Amount;
  qty: Amount;
}

export type BookSide = 'bids' | 'asks';

/** A resting order as the book sees it. */
export interface RestingQuote {
  side: 'BUY' | 'SELL';
  price: Amount;
  remaining: Amount;
}

/**
 * The other participants' liquidity: one tick either side of the last price, then a level per
 * tick. Sizes are a pure function of (symbol, side, price), so an unchanged price shows an
 * unchanged book and a depth stream only carries real changes.
 */
export function syntheticLevels(spec: SymbolSpec, lastPrice: Amount, side: BookSide, count = BOOK_LEVELS): BookLevel[] {
  const levels: BookLevel[] = [];
  const seed = seedOf(spec.symbol);
  const direction = side === 'asks' ? 1n : -1n;
  for (let i = 0; i < count; i++) {
    const price = lastPrice + direction * BigInt(i + 1) * spec.tickSize;
    if (price < spec.minPrice) break;
    const ticks = Number(price / spec.tickSize);
    const noise = hash01(seed, side === 'asks' ? 1 : 2, ticks);
    const size = fromNumber((0.3 + 1.4 * noise) * (1 + 0.15 * i) * (Number(spec.levelSize) / 1e8));
    levels.push({ price, qty: max(spec.stepSize, floorTo(size, spec.stepSize)) });
  }
  return levels;
}

/** Synthetic levels with the account's own resting orders added in, best first. */
export function bookWithOwnOrders(spec: SymbolSpec, lastPrice: Amount, own: readonly RestingQuote[], count = BOOK_LEVELS): Record<BookSide, BookLevel[]> {
  const result = {} as Record<BookSide, BookLevel[]>;
  for (const side of ['bids', 'asks'] as const) {
    const byPrice = new Map<Amount, Amount>();
    for (const level of syntheticLevels(spec, lastPrice, side, count)) byPrice.set(level.price, level.qty);
    for (const quote of own) {
      if ((quote.side === 'BUY') !== (side === 'bids') || quote.remaining <= 0n) continue;
      byPrice.set(quote.price, (byPrice.get(quote.price) ?? 0n) + quote.remaining);
    }
    const levels = [...byPrice].map(([price, qty]) => ({ price, qty }));
    levels.sort((a, b) => (side === 'bids' ? (b.price > a.price ? 1 : b.price < a.price ? -1 : 0) : a.price > b.price ? 1 : a.price < b.price ? -1 : 0));
    result[side] = levels;
  }
  return result;
}

export type WireLevel = [string, string];

export function wireLevels(levels: readonly BookLevel[]): WireLevel[] {
  return levels.map((level) => [format(level.price), format(level.qty)]);
}

export interface DepthDiff {
  firstUpdateId: number;
  finalUpdateId: number;
  bids: WireLevel[];
  asks: WireLevel[];
}

/**
 * Update ids and last-published books per symbol, so /api/v3/depth's `lastUpdateId` and the
 * depth stream's `U`/`u` line up the way Binance's local-book recipe (and ccxt) expects.
 */
export class DepthTracker {
  private readonly state = new Map<string, { updateId: number; book: Record<BookSide, Map<Amount, Amount>> }>();

  constructor(private readonly firstUpdateId: (symbol: string) => number) {}

  lastUpdateId(symbol: string): number {
    return this.entry(symbol).updateId;
  }

  /** Records the current book; returns what changed since the last call, or undefined when nothing did. */
  update(symbol: string, book: Record<BookSide, BookLevel[]>): DepthDiff | undefined {
    const entry = this.entry(symbol);
    const next = { bids: new Map(book.bids.map((l) => [l.price, l.qty])), asks: new Map(book.asks.map((l) => [l.price, l.qty])) };
    const diff: Record<BookSide, WireLevel[]> = { bids: [], asks: [] };
    for (const side of ['bids', 'asks'] as const) {
      for (const [price, qty] of next[side]) {
        if (entry.book[side].get(price) !== qty) diff[side].push([format(price), format(qty)]);
      }
      for (const price of entry.book[side].keys()) {
        if (!next[side].has(price)) diff[side].push([format(price), format(0n)]);
      }
    }
    entry.book = next;
    if (diff.bids.length === 0 && diff.asks.length === 0) return undefined;
    entry.updateId += 1;
    return { firstUpdateId: entry.updateId, finalUpdateId: entry.updateId, bids: diff.bids, asks: diff.asks };
  }

  private entry(symbol: string) {
    let entry = this.state.get(symbol);
    if (!entry) {
      entry = { updateId: this.firstUpdateId(symbol), book: { bids: new Map(), asks: new Map() } };
      this.state.set(symbol, entry);
    }
    return entry;
  }
}

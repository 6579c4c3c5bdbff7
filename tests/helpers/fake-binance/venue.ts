import { EventEmitter } from 'node:events';
import type { ServerClock } from './clock';
import { type Amount, ZERO } from './decimal';
import { KlineStore } from './klines';
import { MatchingEngine, type PublicTrade } from './matching-engine';
import { DepthTracker, type DepthDiff, type BookLevel } from './order-book';
import { seededRandom } from './random';
import type { Credentials } from './signing';
import type { SymbolSpec } from './symbols';
import type { TickerInput } from './wire';

export interface VenueEvents {
  /** The visible book changed: a depth diff (already numbered) and the new top of book. */
  depth: [{ symbol: string; diff: DepthDiff; bid: BookLevel; ask: BookLevel }];
}

/**
 * The exchange as the protocol layers see it: matching engine, klines, and the numbered depth
 * updates that tie REST snapshots to stream diffs.
 */
export class Venue extends EventEmitter<VenueEvents> {
  readonly engine: MatchingEngine;
  readonly klines: KlineStore;
  private readonly depth: DepthTracker;

  constructor(
    readonly specs: readonly SymbolSpec[],
    readonly clock: ServerClock,
    readonly credentials: Credentials,
    options: { startPrices?: Readonly<Record<string, number>>; balances: Readonly<Record<string, Amount>>; seed: number },
  ) {
    super();
    this.klines = new KlineStore(specs, clock, options.startPrices);
    const starts = new Map(specs.map((s) => [s.symbol, this.klines.startPrice(s.symbol)]));
    this.engine = new MatchingEngine(specs, starts, options.balances, clock, seededRandom(options.seed));
    this.depth = new DepthTracker((symbol) => 1_000_000 + (this.spec(symbol)?.firstTradeId ?? 0) * 3);
    this.engine.on('print', (trade) => this.klines.record(trade));
    this.engine.on('book', (symbol) => this.refreshBook(symbol));
    for (const spec of specs) this.refreshBook(spec.symbol);
  }

  spec(symbol: string): SymbolSpec | undefined {
    return this.specs.find((s) => s.symbol === symbol);
  }

  /** Numbers and publishes whatever changed in the book since last time. */
  refreshBook(symbol: string): void {
    const book = this.engine.book(symbol);
    const diff = this.depth.update(symbol, book);
    if (diff) this.emit('depth', { symbol, diff, bid: book.bids[0]!, ask: book.asks[0]! });
  }

  depthSnapshot(symbol: string, limit: number): { lastUpdateId: number; bids: BookLevel[]; asks: BookLevel[] } {
    this.refreshBook(symbol);
    const book = this.engine.book(symbol);
    return { lastUpdateId: this.depth.lastUpdateId(symbol), bids: book.bids.slice(0, limit), asks: book.asks.slice(0, limit) };
  }

  lastUpdateId(symbol: string): number {
    return this.depth.lastUpdateId(symbol);
  }

  /** Aggregate-trade ids run on their own (smaller) sequence, as on Binance. */
  aggId(trade: PublicTrade): number {
    const spec = this.spec(trade.symbol);
    return trade.id - Math.floor((spec?.firstTradeId ?? 0) * 0.35);
  }

  tickerInput(symbol: string): TickerInput {
    const tape = this.engine.publicTrades(symbol);
    const last = tape[tape.length - 1];
    return {
      symbol,
      last: this.engine.lastPrice(symbol),
      lastQty: last?.qty ?? ZERO,
      bid: this.engine.bestBid(symbol),
      ask: this.engine.bestAsk(symbol),
      stats: this.klines.rolling24h(symbol),
      firstId: tape[0]?.id ?? -1,
      lastId: last?.id ?? -1,
      closeTime: this.clock.now(),
    };
  }
}

import type { Bar } from '../../shared/market/bar';
import type { Instrument } from '../../shared/market/instrument';
import type { Timeframe } from '../../shared/market/timeframes';

/** Top of book and the last trade of one instrument at one moment. */
export interface Tick {
  symbol: string;
  /** ms since the epoch (UTC). */
  time: number;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  /** Last trade price and size. */
  last: number;
  lastSize: number;
}

/** A source of market data: the synthetic market, an exchange through ccxt, … */
export interface MarketFeed {
  readonly name: string;
  instruments(): readonly Instrument[];
  /**
   * Bars of `tf` whose start lies in [from, to), ascending. The last one may be the bar still
   * forming, built from the minutes that have ended.
   */
  history(symbol: string, tf: Timeframe, from: number, to: number): Promise<Bar[]>;
  /** Earliest time the feed has history for `symbol`. */
  historyStart(symbol: string): number;
  /**
   * Live ticks for the symbols; returns its disposer. A tick with `lastSize` 0 moved the book
   * only: it is a quote, not a trade, and adds nothing to the bars.
   */
  subscribe(symbols: readonly string[], onTick: (tick: Tick) => void): () => void;
  /** Feeds whose instruments change (an exchange's markets, loaded on connect) say so. */
  onInstrumentsChanged?(listener: (venue: string, count: number) => void): () => void;
  /** Feeds that lose live data (a dropped stream) say which span of a symbol to fetch again. */
  onHistoryGap?(listener: (symbol: string, from: number, to: number) => void): () => void;
  close(): void;
}

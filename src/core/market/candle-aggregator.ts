import type { Bar } from '../../shared/market/bar';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../shared/market/timeframes';

// Field offsets of one forming bar inside a symbol's Float64Array.
const TIME = 0;
const OPEN = 1;
const HIGH = 2;
const LOW = 3;
const CLOSE = 4;
const VOLUME = 5;
const FIELDS = 6;
const EMPTY = -1;

export interface CandleAggregatorOptions {
  /** Called once per bar when a trade opens the next bar of its timeframe. */
  onBarClosed(symbol: string, tf: Timeframe, bar: Bar): void;
}

/** Trades in, OHLCV bars out, for every timeframe at once (1s … 1D, UTC-aligned). */
export interface CandleAggregator {
  /** Adds one trade. Trades older than a timeframe's forming bar are not applied to it. */
  addTrade(symbol: string, time: number, price: number, size: number): void;
  /** The bar of `tf` being formed now, or undefined before the first trade. */
  forming(symbol: string, tf: Timeframe): Bar | undefined;
  /** Starts a timeframe from a partly formed bar (from history), so live trades extend it. */
  seed(symbol: string, tf: Timeframe, bar: Bar): void;
  /** Trades dropped for arriving after their bar had closed. */
  readonly lateTrades: number;
}

const SIZES = Float64Array.from(TIMEFRAMES.map((tf) => TIMEFRAME_MS[tf]));
const COUNT = TIMEFRAMES.length;

/**
 * State per symbol is one flat Float64Array (timeframes × OHLCV): a trade touches only numbers,
 * and nothing is allocated until a bar closes.
 */
export function createCandleAggregator(options: CandleAggregatorOptions): CandleAggregator {
  const state = new Map<string, Float64Array>();
  let late = 0;

  const stateOf = (symbol: string): Float64Array => {
    let s = state.get(symbol);
    if (!s) {
      s = new Float64Array(COUNT * FIELDS);
      for (let i = 0; i < COUNT; i++) s[i * FIELDS + TIME] = EMPTY;
      state.set(symbol, s);
    }
    return s;
  };

  const read = (s: Float64Array, o: number): Bar => ({ time: s[o + TIME]!, open: s[o + OPEN]!, high: s[o + HIGH]!, low: s[o + LOW]!, close: s[o + CLOSE]!, volume: s[o + VOLUME]! });

  return {
    addTrade(symbol, time, price, size) {
      const s = stateOf(symbol);
      for (let i = 0; i < COUNT; i++) {
        const o = i * FIELDS;
        const span = SIZES[i]!;
        const start = time - (((time % span) + span) % span);
        const current = s[o + TIME]!;
        if (start === current) {
          if (price > s[o + HIGH]!) s[o + HIGH] = price;
          if (price < s[o + LOW]!) s[o + LOW] = price;
          s[o + CLOSE] = price;
          s[o + VOLUME] = s[o + VOLUME]! + size;
          continue;
        }
        if (start < current) {
          late++;
          continue;
        }
        if (current !== EMPTY) options.onBarClosed(symbol, TIMEFRAMES[i]!, read(s, o));
        s[o + TIME] = start;
        s[o + OPEN] = price;
        s[o + HIGH] = price;
        s[o + LOW] = price;
        s[o + CLOSE] = price;
        s[o + VOLUME] = size;
      }
    },
    forming(symbol, tf) {
      const s = state.get(symbol);
      if (!s) return undefined;
      const o = TIMEFRAMES.indexOf(tf) * FIELDS;
      return s[o + TIME] === EMPTY ? undefined : read(s, o);
    },
    seed(symbol, tf, bar) {
      const s = stateOf(symbol);
      const o = TIMEFRAMES.indexOf(tf) * FIELDS;
      if (bar.time < s[o + TIME]!) return;
      s[o + TIME] = bar.time;
      s[o + OPEN] = bar.open;
      s[o + HIGH] = bar.high;
      s[o + LOW] = bar.low;
      s[o + CLOSE] = bar.close;
      s[o + VOLUME] = bar.volume;
    },
    get lateTrades() {
      return late;
    },
  };
}

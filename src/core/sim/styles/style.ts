import type { Timeframe } from '../../../shared/market/timeframes';
import type { Rng } from '../../market/synthetic/prng';
import type { HoldingView } from '../sim-account';
import type { SimBar } from '../sim-market';

/**
 * What a style wants to hold in one symbol: a signed fraction of equity (0.5 = long half the
 * equity, −2 = short twice it). The executor acts only when the wanted side differs from the
 * held one — it opens, closes or flips, and never resizes a position already on that side — so a
 * style may repeat its wish on every bar.
 */
export interface Decision {
  symbol: string;
  weight: number;
}

/** The member's account as a style sees it when its bars close. */
export interface StyleView {
  holding(symbol: string): HoldingView;
  /** Draws for this member at this moment: the same on every run, so history replays exactly. */
  readonly rng: Rng;
}

/**
 * A trading style: decision logic only, fed closed bars of its timeframe. `onBars` gets every bar
 * of its symbols that closed at one moment; it may decide only for those symbols (their markets
 * are open at that moment).
 */
export interface Style {
  readonly timeframe: Timeframe;
  readonly symbols: readonly string[];
  /** Bars the indicators need before the first decision counts. */
  readonly warmupBars: number;
  onBars(bars: readonly SimBar[], view: StyleView): Decision[];
}

/** State kept per symbol, created on first use. */
export function perSymbol<T>(make: (symbol: string) => T): (symbol: string) => T {
  const states = new Map<string, T>();
  return (symbol) => {
    let s = states.get(symbol);
    if (s === undefined) states.set(symbol, (s = make(symbol)));
    return s;
  };
}

/** The last `size` values, oldest first, with their extremes. */
export interface RollingValues {
  readonly count: number;
  readonly full: boolean;
  push(value: number): void;
  max(): number;
  min(): number;
  first(): number;
  last(): number;
  /** Sample standard deviation of successive log changes (the window's realised volatility per bar). */
  logChangeStd(): number;
}

export function createRollingValues(size: number): RollingValues {
  const values: number[] = [];
  return {
    get count() {
      return values.length;
    },
    get full() {
      return values.length >= size;
    },
    push(value) {
      values.push(value);
      if (values.length > size) values.shift();
    },
    max: () => Math.max(...values),
    min: () => Math.min(...values),
    first: () => values[0]!,
    last: () => values[values.length - 1]!,
    logChangeStd() {
      const n = values.length - 1;
      if (n < 2) return 0;
      let sum = 0;
      let sum2 = 0;
      for (let i = 1; i < values.length; i++) {
        const r = Math.log(values[i]! / values[i - 1]!);
        sum += r;
        sum2 += r * r;
      }
      const mean = sum / n;
      return Math.sqrt(Math.max(0, (sum2 - n * mean * mean) / (n - 1)));
    },
  };
}

/** Return of the open position at `price`, signed so a gain is positive (0 when flat). */
export function openReturn(holding: HoldingView, price: number): number {
  if (holding.qty === 0 || holding.avgPrice === null) return 0;
  return Math.sign(holding.qty) * (price / holding.avgPrice - 1);
}

/** Bars held since the position opened, counting bars of `spanMs`. */
export function barsHeld(holding: HoldingView, bar: SimBar, spanMs: number): number {
  return holding.openedAt === null ? 0 : Math.floor((bar.closeTime - holding.openedAt) / spanMs);
}

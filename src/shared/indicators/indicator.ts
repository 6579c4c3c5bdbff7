import type { Bar } from '../market/bar';

/**
 * An indicator computed bar by bar, as a live chart needs it: `push` when a new bar starts,
 * `updateLast` (many times a second) while that bar forms.
 */
export interface IndicatorCalculator<Out> {
  /** Appends a new bar; returns the indicator value for it, or null while warming up. */
  push(bar: Bar): Out | null;
  /**
   * Replaces the last pushed bar (the forming bar changed); returns its recomputed value. O(1)
   * (O(period) at worst), never a full recompute. With no bar pushed yet it behaves as `push`.
   */
  updateLast(bar: Bar): Out | null;
}

/** Pushes every bar through `calc`; one value (or null while warming up) per bar. */
export function computeAll<Out>(calc: IndicatorCalculator<Out>, bars: readonly Bar[]): (Out | null)[] {
  return bars.map((bar) => calc.push(bar));
}

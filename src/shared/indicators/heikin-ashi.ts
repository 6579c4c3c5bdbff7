import type { Bar } from '../market/bar';
import type { IndicatorCalculator } from './indicator';
import { calculatorFromSteps } from './steps';

/** The Heikin-Ashi bar for `bar`, given the Heikin-Ashi bar before it (none for the first bar). */
function heikinAshiBar(bar: Bar, prev: Bar | undefined): Bar {
  const close = (bar.open + bar.high + bar.low + bar.close) / 4;
  const open = prev ? (prev.open + prev.close) / 2 : (bar.open + bar.close) / 2;
  return { time: bar.time, open, high: Math.max(bar.high, open, close), low: Math.min(bar.low, open, close), close, volume: bar.volume };
}

/**
 * Heikin-Ashi bars for a whole series: close = (o + h + l + c) / 4, open = midpoint of the previous
 * Heikin-Ashi body ((o + c) / 2 for the first bar), high and low widened to include both. Time and
 * volume are kept.
 */
export function heikinAshi(bars: readonly Bar[]): Bar[] {
  const out: Bar[] = [];
  let prev: Bar | undefined;
  for (const bar of bars) {
    prev = heikinAshiBar(bar, prev);
    out.push(prev);
  }
  return out;
}

/** {@link heikinAshi} bar by bar, for a live chart; never null. */
export function createHeikinAshi(): IndicatorCalculator<Bar> {
  let prev: Bar | undefined; // Heikin-Ashi bar of the last committed bar
  return calculatorFromSteps({
    evaluate: (bar) => heikinAshiBar(bar, prev),
    commit(bar) {
      prev = heikinAshiBar(bar, prev);
    },
  });
}

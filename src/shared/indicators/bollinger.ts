import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createRollingWindow } from './rolling-window';
import { calculatorFromSteps } from './steps';

/** Options of {@link createBollinger}. */
export type BollingerOptions = {
  /** Number of closes in the window. */
  readonly period: number;
  /** Band width in standard deviations. */
  readonly stdDev: number;
};

/** Bollinger Bands for one bar. */
export type BollingerValue = {
  /** SMA of the close. */
  readonly middle: number;
  /** middle + stdDev × σ. */
  readonly upper: number;
  /** middle − stdDev × σ. */
  readonly lower: number;
};

/**
 * Bollinger Bands around the SMA of the close, σ being the population standard deviation of the
 * window (as TradingView and StockCharts compute it); null for the first `period − 1` bars.
 */
export function createBollinger({ period, stdDev }: BollingerOptions): IndicatorCalculator<BollingerValue> {
  assertPeriod('Bollinger period', period);
  if (!Number.isFinite(stdDev) || stdDev < 0) throw new RangeError(`Bollinger stdDev must be a non-negative number, got ${stdDev}`);
  // Holds the previous period − 1 closes; the forming bar's close completes the window.
  const window = createRollingWindow(period - 1);
  return calculatorFromSteps({
    evaluate(bar) {
      if (window.count < period - 1) return null;
      const middle = window.meanWith(bar.close);
      const width = stdDev * Math.sqrt(window.varianceWith(bar.close));
      return { middle, upper: middle + width, lower: middle - width };
    },
    commit: (bar) => window.add(bar.close),
  });
}

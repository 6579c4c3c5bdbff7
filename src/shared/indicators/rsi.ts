import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createWilderAverage } from './seeded-average';
import { calculatorFromSteps } from './steps';

/** Options of {@link createRsi}. */
export type RsiOptions = {
  /** Number of close-to-close changes averaged. */
  readonly period: number;
};

/**
 * Wilder's Relative Strength Index of the close, 0..100. The first average gain and loss are the
 * simple means of the first `period` changes, later ones Wilder-smoothed; 100 when the average
 * loss is 0. Null for the first `period` bars (the first bar has no change).
 */
export function createRsi({ period }: RsiOptions): IndicatorCalculator<number> {
  assertPeriod('RSI period', period);
  const gains = createWilderAverage(period);
  const losses = createWilderAverage(period);
  let prevClose: number | undefined;
  return calculatorFromSteps({
    evaluate(bar) {
      if (prevClose === undefined) return null;
      const change = bar.close - prevClose;
      const gain = gains.evaluate(Math.max(change, 0));
      const loss = losses.evaluate(Math.max(-change, 0));
      if (gain === null || loss === null) return null;
      return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
    },
    commit(bar) {
      if (prevClose !== undefined) {
        const change = bar.close - prevClose;
        gains.commit(Math.max(change, 0));
        losses.commit(Math.max(-change, 0));
      }
      prevClose = bar.close;
    },
  });
}

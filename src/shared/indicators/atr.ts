import type { Bar } from '../market/bar';
import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createWilderAverage } from './seeded-average';
import { calculatorFromSteps } from './steps';

/** Options of {@link createAtr}. */
export type AtrOptions = {
  /** Number of true ranges averaged. */
  readonly period: number;
};

/**
 * Wilder's Average True Range. The true range is the largest of high − low, |high − previous close|
 * and |low − previous close| (just high − low on the first bar); the first ATR is the mean of the
 * first `period` true ranges, later ones Wilder-smoothed. Null for the first `period − 1` bars.
 */
export function createAtr({ period }: AtrOptions): IndicatorCalculator<number> {
  assertPeriod('ATR period', period);
  const average = createWilderAverage(period);
  let prevClose: number | undefined;
  const trueRange = (bar: Bar): number =>
    prevClose === undefined
      ? bar.high - bar.low
      : Math.max(bar.high - bar.low, Math.abs(bar.high - prevClose), Math.abs(bar.low - prevClose));
  return calculatorFromSteps({
    evaluate: (bar) => average.evaluate(trueRange(bar)),
    commit(bar) {
      average.commit(trueRange(bar));
      prevClose = bar.close;
    },
  });
}

import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createEmaAverage } from './seeded-average';
import { calculatorFromSteps } from './steps';

/** Options of {@link createEma}. */
export type EmaOptions = {
  /** Smoothing period; alpha = 2 / (period + 1). */
  readonly period: number;
};

/**
 * Exponential moving average of the close, seeded with the SMA of the first `period` closes;
 * null for the first `period − 1` bars.
 */
export function createEma({ period }: EmaOptions): IndicatorCalculator<number> {
  assertPeriod('EMA period', period);
  const average = createEmaAverage(period);
  return calculatorFromSteps({
    evaluate: (bar) => average.evaluate(bar.close),
    commit: (bar) => average.commit(bar.close),
  });
}

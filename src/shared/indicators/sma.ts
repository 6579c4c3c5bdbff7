import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createRollingWindow } from './rolling-window';
import { calculatorFromSteps } from './steps';

/** Options of {@link createSma}. */
export type SmaOptions = {
  /** Number of closes averaged. */
  readonly period: number;
};

/** Simple moving average of the close; null for the first `period − 1` bars. */
export function createSma({ period }: SmaOptions): IndicatorCalculator<number> {
  assertPeriod('SMA period', period);
  // Holds the previous period − 1 closes; the forming bar's close completes the window.
  const window = createRollingWindow(period - 1);
  return calculatorFromSteps({
    evaluate: (bar) => (window.count === period - 1 ? window.meanWith(bar.close) : null),
    commit: (bar) => window.add(bar.close),
  });
}

import { assertPeriod } from './assert-period';
import type { IndicatorCalculator } from './indicator';
import { createEmaAverage } from './seeded-average';
import { calculatorFromSteps } from './steps';

/** Options of {@link createMacd}. */
export type MacdOptions = {
  /** Period of the fast EMA of the close. */
  readonly fast: number;
  /** Period of the slow EMA of the close. */
  readonly slow: number;
  /** Period of the EMA of the MACD line. */
  readonly signal: number;
};

/** MACD for one bar. */
export type MacdValue = {
  /** Fast EMA − slow EMA. */
  readonly macd: number;
  /** EMA of `macd`; null until `signal` MACD values exist. */
  readonly signal: number | null;
  /** `macd` − `signal`; null while `signal` is. */
  readonly histogram: number | null;
};

/**
 * Moving Average Convergence/Divergence. Every EMA is seeded with the SMA of its first inputs, and
 * the signal EMA only sees bars that have a MACD value. Null until both close EMAs have warmed up.
 */
export function createMacd({ fast, slow, signal }: MacdOptions): IndicatorCalculator<MacdValue> {
  assertPeriod('MACD fast period', fast);
  assertPeriod('MACD slow period', slow);
  assertPeriod('MACD signal period', signal);
  const fastEma = createEmaAverage(fast);
  const slowEma = createEmaAverage(slow);
  const signalEma = createEmaAverage(signal);
  const macdOf = (close: number): number | null => {
    const f = fastEma.evaluate(close);
    const s = slowEma.evaluate(close);
    return f === null || s === null ? null : f - s;
  };
  return calculatorFromSteps({
    evaluate(bar) {
      const macd = macdOf(bar.close);
      if (macd === null) return null;
      const signalValue = signalEma.evaluate(macd);
      return { macd, signal: signalValue, histogram: signalValue === null ? null : macd - signalValue };
    },
    commit(bar) {
      const macd = macdOf(bar.close);
      fastEma.commit(bar.close);
      slowEma.commit(bar.close);
      if (macd !== null) signalEma.commit(macd);
    },
  });
}

import type { Steps } from './steps';

/**
 * An exponential average seeded with the simple mean of its first `period` inputs, the usual
 * convention for both EMA (`alpha` = 2 / (period + 1)) and Wilder's smoothing (`alpha` = 1 / period).
 * Null until `period` inputs have been seen.
 */
function createSeededAverage(period: number, alpha: number): Steps<number, number> {
  let count = 0;
  let seedSum = 0;
  let average = 0; // meaningful once count >= period
  const evaluate = (x: number): number | null => {
    if (count + 1 < period) return null;
    if (count + 1 === period) return (seedSum + x) / period;
    return average + alpha * (x - average);
  };
  return {
    evaluate,
    commit(x) {
      const value = evaluate(x);
      if (count < period) seedSum += x;
      if (value !== null) average = value;
      count++;
    },
  };
}

/** The EMA convention: alpha = 2 / (period + 1). */
export function createEmaAverage(period: number): Steps<number, number> {
  return createSeededAverage(period, 2 / (period + 1));
}

/** Wilder's smoothing (RSI, ATR): alpha = 1 / period. */
export function createWilderAverage(period: number): Steps<number, number> {
  return createSeededAverage(period, 1 / period);
}

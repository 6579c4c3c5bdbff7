import type { DailyPoint } from './daily-series';
import { summarizeReturns, type ReturnSummary } from './return-summary';

/** The daily returns of a daily series, with where the series starts in it. */
export interface DailyReturns {
  /** Index in the daily points of the base day `E_0`; −1 when no day has `E > 0` (then n = 0). */
  start: number;
  /** `r_1..r_n`, `r_d` at index `d − 1`; `n` is its length. Day `d` is `days[start + d]`. */
  returns: Float64Array;
}

/**
 * `r_d = (E_d − E_{d−1} − F_d) / E_{d−1}` for d = 1..n. The series starts at the first day with
 * `E > 0` (its flow, on the base day, earns no return) and a day whose previous equity is ≤ 0 ends
 * it: a return on nothing is undefined, so what follows a wipe-out is not this series.
 */
export function dailyReturns(days: readonly DailyPoint[]): DailyReturns {
  let start = 0;
  while (start < days.length && !(days[start]!.equity > 0)) start++;
  if (start === days.length) return { start: -1, returns: new Float64Array(0) };
  let last = start;
  while (last + 1 < days.length && days[last]!.equity > 0) last++;
  const returns = new Float64Array(last - start);
  for (let d = start + 1; d <= last; d++) {
    const prev = days[d - 1]!.equity;
    const today = days[d]!;
    returns[d - start - 1] = (today.equity - prev - today.flow) / prev;
  }
  return { start, returns };
}

/** Time-weighted return `Π(1 + r_d) − 1` of a summary; null when n = 0. */
export function twrOf(s: ReturnSummary): number | null {
  return s.n === 0 ? null : s.growth - 1;
}

/** Time-weighted return of `returns[from..to)`; null when the range is empty. */
export function twr(returns: ArrayLike<number>, from = 0, to = returns.length): number | null {
  return twrOf(summarizeReturns(returns, from, to));
}

/** CAGR `(1 + TWR)^(365 / n) − 1`; null when n < 30 (too short to annualise) or 1 + TWR < 0. */
export function cagr(twrValue: number | null, n: number): number | null {
  if (twrValue === null || n < 30 || 1 + twrValue < 0) return null;
  return Math.pow(1 + twrValue, 365 / n) - 1;
}

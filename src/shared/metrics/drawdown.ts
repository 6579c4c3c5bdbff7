import type { DailyPoint } from './daily-series';
import { dailyReturns } from './returns';
import { summarizeReturns, type ReturnSummary } from './return-summary';
import type { UtcDay } from './utc-day';

/** Maximum drawdown as a positive fraction, with the day of its peak and of its trough. */
export interface Drawdown {
  /** 0 with no drawdown; null when there is no return day. */
  value: number | null;
  /** First day the running maximum reached its value (the base day when it is `I_0`). */
  peakDay: UtcDay | null;
  /** Earliest deepest day. */
  troughDay: UtcDay | null;
}

/**
 * The maximum drawdown of a summary as dates: `days[base]` is the summary's base day (offset 0),
 * so a peak at `I_0` is dated on the day before the first return.
 */
export function drawdownOf(s: ReturnSummary, days: readonly DailyPoint[], base: number): Drawdown {
  if (s.n === 0) return { value: null, peakDay: null, troughDay: null };
  if (s.trough < 0) return { value: 0, peakDay: null, troughDay: null };
  return { value: s.maxDrawdown, peakDay: days[base + s.peak]!.day, troughDay: days[base + s.trough]!.day };
}

/** Maximum drawdown over a whole daily series. */
export function maxDrawdown(days: readonly DailyPoint[]): Drawdown {
  const { start, returns } = dailyReturns(days);
  return drawdownOf(summarizeReturns(returns), days, start);
}

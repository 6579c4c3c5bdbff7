import type { DailyPoint } from './daily-series';
import { dailyReturns, type DailyReturns } from './returns';

/** The TWR of one calendar month's return days. */
export interface MonthlyReturn {
  /** 'YYYY-MM' (UTC). */
  month: string;
  return: number;
  /** Return days the month has in the series (partial first and last months have fewer). */
  days: number;
}

/**
 * Monthly TWRs of `returns` (`r_d` at `d − 1`) where day `d` is `days[start + d]`: a return belongs
 * to the month of its day `d`, so the base day's month is listed only if it has a return day.
 */
export function monthlyReturnsOf(days: readonly DailyPoint[], start: number, returns: ArrayLike<number>): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  let month = '';
  let growth = 1;
  let count = 0;
  for (let d = 1; d <= returns.length; d++) {
    const day = days[start + d]!.day;
    // Days come in order, so a month ends when a day stops starting with it; slicing only then.
    if (count === 0 || !day.startsWith(month)) {
      if (count > 0) out.push({ month, return: growth - 1, days: count });
      month = day.slice(0, 7);
      growth = 1;
      count = 0;
    }
    growth *= 1 + returns[d - 1]!;
    count++;
  }
  if (count > 0) out.push({ month, return: growth - 1, days: count });
  return out;
}

/** Monthly returns of a daily series. */
export function monthlyReturns(days: readonly DailyPoint[], series: DailyReturns = dailyReturns(days)): MonthlyReturn[] {
  return monthlyReturnsOf(days, series.start, series.returns);
}

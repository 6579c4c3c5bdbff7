import type { DailyPoint } from './daily-series';
import { drawdownOf, type Drawdown } from './drawdown';
import { cagr, twrOf, type DailyReturns } from './returns';
import { summarizeReturns, type IndexOutput } from './return-summary';
import { calmar, sharpeOf, sortinoOf, volatilityOf } from './risk';
import type { RoundTrip } from './round-trips';
import { tradeStats } from './trade-stats';
import { dayIndexFromUtcDay, DAY_MS } from './utc-day';

/** A statistics period: the last 30/91/182/365 return days, or the whole history. */
export type Period = '1M' | '3M' | '6M' | '1Y' | 'all';

/** Every period, shortest first. */
export const PERIODS: readonly Period[] = ['1M', '3M', '6M', '1Y', 'all'];

/** Return days of each fixed period. */
export const PERIOD_DAYS: Readonly<Record<Exclude<Period, 'all'>, number>> = { '1M': 30, '3M': 91, '6M': 182, '1Y': 365 };

/** Every figure of one period. */
export interface PeriodStats {
  period: Period;
  /** Return days in the window. */
  days: number;
  /** True when the history is shorter than the period. */
  partial: boolean;
  return: number | null;
  cagr: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: Drawdown;
  calmar: number | null;
  trades: number;
  wins: number;
  losses: number;
  breakEvens: number;
  winRate: number | null;
  profitFactor: number | null;
  avgHoldingSeconds: number | null;
  expectancy: number | null;
}

/** What a period is computed from. */
export interface PeriodInput {
  days: readonly DailyPoint[];
  /** `dailyReturns(days)`. */
  series: DailyReturns;
  /** Closed round trips in the order they closed (as `roundTrips` returns them). */
  closed: readonly RoundTrip[];
}

/** Index of the first trip closed at or after `time` (trips in closing order). */
function firstClosedFrom(closed: readonly RoundTrip[], time: number): number {
  let lo = 0;
  let hi = closed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (closed[mid]!.closedAt! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The figures of one period in one pass over its return days. The window is the last P return days
 * with the base at the end of the day before it; trade figures use the trips closed from the
 * window's first day on. A history of at most P return days is the whole history, trips included,
 * exactly as 'all'. `out`, when given, receives the window's index and drawdown per day.
 */
export function periodStats(period: Period, input: PeriodInput, out?: IndexOutput): PeriodStats {
  const { days, series, closed } = input;
  const n = series.returns.length;
  const length = period === 'all' ? n : PERIOD_DAYS[period];
  const from = Math.max(0, n - length);
  const s = summarizeReturns(series.returns, from, n, out);
  const total = twrOf(s);
  const annual = cagr(total, s.n);
  const drawdown = drawdownOf(s, days, series.start + from);
  const firstTrip = from === 0 ? 0 : firstClosedFrom(closed, dayIndexFromUtcDay(days[series.start + from + 1]!.day) * DAY_MS);
  return {
    period,
    days: s.n,
    partial: n < length,
    return: total,
    cagr: annual,
    volatility: volatilityOf(s),
    sharpe: sharpeOf(s),
    sortino: sortinoOf(s),
    maxDrawdown: drawdown,
    calmar: calmar(annual, drawdown.value),
    ...tradeStats(closed, firstTrip),
  };
}

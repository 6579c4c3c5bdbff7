import type { DailyPoint } from './daily-series';
import { monthlyReturns, type MonthlyReturn } from './monthly';
import { periodStats, PERIODS, type Period, type PeriodStats } from './periods';
import { dailyReturns } from './returns';
import type { IndexOutput } from './return-summary';
import { riskScore } from './risk-score';
import { roundTrips, type MetricFill } from './round-trips';
import type { UtcDay } from './utc-day';

/** Every figure of a strategy profile. */
export interface StrategyMetrics {
  periods: Record<Period, PeriodStats>;
  /** Risk score 1–10 over the last 90 return days incl. the leverage bump; null under 14 days. */
  riskScore: number | null;
  monthly: MonthlyReturn[];
  /** `I_0..I_n`, dated; empty when no day has E > 0. */
  index: Array<{ day: UtcDay; value: number }>;
  /** `1 − I_d / running max`, per day (0 at peaks). */
  drawdown: Array<{ day: UtcDay; value: number }>;
  /** Base day of the series (`E_0`); null when no day has E > 0. */
  firstDay: UtcDay | null;
  /** Day of `r_n` (the base day when n = 0); the series may end before the input does (E ≤ 0). */
  lastDay: UtcDay | null;
  /** n of the whole history. */
  returnDays: number;
  closedTrips: number;
  openTrips: number;
}

/** Computes every METRICS.md figure of one strategy from its daily series and its verified fills. */
export function computeStrategyMetrics(input: { days: readonly DailyPoint[]; fills: readonly MetricFill[] }): StrategyMetrics {
  const { days } = input;
  const series = dailyReturns(days);
  const trips = roundTrips(input.fills);
  const n = series.returns.length;
  const out: IndexOutput | undefined = series.start < 0 ? undefined : { index: new Float64Array(n + 1), drawdown: new Float64Array(n + 1) };
  const periodInput = { days, series, closed: trips.closed };
  const periods = {} as Record<Period, PeriodStats>;
  // The 'all' pass also writes the index and drawdown curves.
  for (const p of PERIODS) periods[p] = periodStats(p, periodInput, p === 'all' ? out : undefined);
  const index: Array<{ day: UtcDay; value: number }> = [];
  const drawdown: Array<{ day: UtcDay; value: number }> = [];
  if (out) {
    for (let k = 0; k <= n; k++) {
      const day = days[series.start + k]!.day;
      index.push({ day, value: out.index[k]! });
      drawdown.push({ day, value: out.drawdown[k]! });
    }
  }
  return {
    periods,
    riskScore: riskScore(days, series),
    monthly: monthlyReturns(days, series),
    index,
    drawdown,
    firstDay: series.start < 0 ? null : days[series.start]!.day,
    lastDay: series.start < 0 ? null : days[series.start + n]!.day,
    returnDays: n,
    closedTrips: trips.closed.length,
    openTrips: trips.open.length,
  };
}

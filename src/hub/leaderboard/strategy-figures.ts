import { RANKING_MIN_DAYS, RANKING_MIN_TRIPS } from '../../shared/social/leaderboard';
import type { EventBody } from '../../shared/social/strategy-event';
import { streamDays, streamInputs } from '../../shared/social/stream-inputs';
import {
  computeStrategyMetrics,
  DAY_MS,
  dayIndex,
  PERIOD_DAYS,
  PERIODS,
  type Period,
  type StrategyMetrics,
} from '../../shared/metrics';

/** Points of a leaderboard sparkline, at most. */
export const SPARK_POINTS = 60;

/** A strategy's leaderboard figures for one period (METRICS.md, via src/shared/metrics). */
export interface PeriodFigures {
  period: Period;
  return: number | null;
  cagr: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number | null;
  volatility: number | null;
  calmar: number | null;
  winRate: number | null;
  profitFactor: number | null;
  avgHoldingSeconds: number | null;
  trades: number;
  partial: boolean;
  spark: number[];
}

export interface StrategyFigures {
  /** Enough verified history to rank: RANKING_MIN_DAYS return days and RANKING_MIN_TRIPS closed round trips. */
  eligible: boolean;
  riskScore: number | null;
  /** Return days of the whole history. */
  trackRecordDays: number;
  periods: PeriodFigures[];
}

/** Every figure the leaderboard keeps for a strategy, from its verified event bodies as of `now`. */
export function strategyFigures(bodies: readonly EventBody[], now: number): StrategyFigures & { metrics: StrategyMetrics } {
  const inputs = streamInputs(bodies);
  const { fills } = inputs;
  const days = streamDays(inputs, now);
  const metrics = computeStrategyMetrics({ days, fills });
  const periods = PERIODS.map((period): PeriodFigures => {
    const s = metrics.periods[period];
    return {
      period,
      return: s.return,
      cagr: s.cagr,
      sharpe: s.sharpe,
      sortino: s.sortino,
      maxDrawdown: s.maxDrawdown.value,
      volatility: s.volatility,
      calmar: s.calmar,
      winRate: s.winRate,
      profitFactor: s.profitFactor,
      avgHoldingSeconds: s.avgHoldingSeconds,
      trades: s.trades,
      partial: s.partial,
      spark: periodSpark(metrics, period),
    };
  });
  return {
    eligible: metrics.returnDays >= RANKING_MIN_DAYS && metrics.closedTrips >= RANKING_MIN_TRIPS,
    riskScore: metrics.riskScore,
    trackRecordDays: metrics.returnDays,
    periods,
    metrics,
  };
}

/** The period's equity index re-based to 1 at its base day, thinned to at most SPARK_POINTS points. */
export function periodSpark(metrics: Pick<StrategyMetrics, 'index' | 'returnDays'>, period: Period): number[] {
  const n = metrics.returnDays;
  if (metrics.index.length === 0) return [];
  const from = period === 'all' ? 0 : Math.max(0, n - PERIOD_DAYS[period]);
  const base = metrics.index[from]!.value;
  const values = metrics.index.slice(from).map((p) => (base === 0 ? 0 : p.value / base));
  return thin(values, SPARK_POINTS);
}

/** Keeps `max` evenly spaced points, always the first and the last. */
export function thin(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values];
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(values[Math.round((i * (values.length - 1)) / (max - 1))]!);
  return out;
}

/** Start of the UTC day holding `now` (ms). */
export const dayStart = (now: number): number => dayIndex(now) * DAY_MS;

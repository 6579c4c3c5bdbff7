import { z } from 'zod';
import { periodSchema } from './leaderboard';

/**
 * The wire form of `src/shared/metrics` results (strategy profiles, copy what-ifs). The metrics
 * module's TypeScript types are the source; tests/unit/contract checks the two agree.
 */
const figure = z.number().nullable();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const drawdownStatSchema = z.object({ value: figure, peakDay: day.nullable(), troughDay: day.nullable() });

export const periodStatsSchema = z.object({
  period: periodSchema,
  days: z.int().nonnegative(),
  partial: z.boolean(),
  return: figure,
  cagr: figure,
  volatility: figure,
  sharpe: figure,
  sortino: figure,
  maxDrawdown: drawdownStatSchema,
  calmar: figure,
  trades: z.int().nonnegative(),
  wins: z.int().nonnegative(),
  losses: z.int().nonnegative(),
  breakEvens: z.int().nonnegative(),
  winRate: figure,
  profitFactor: figure,
  avgHoldingSeconds: figure,
  expectancy: figure,
});

export const strategyMetricsSchema = z.object({
  periods: z.object({ '1M': periodStatsSchema, '3M': periodStatsSchema, '6M': periodStatsSchema, '1Y': periodStatsSchema, all: periodStatsSchema }),
  riskScore: z.int().min(1).max(10).nullable(),
  monthly: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), return: z.number(), days: z.int().positive() })),
  index: z.array(z.object({ day, value: z.number() })),
  drawdown: z.array(z.object({ day, value: z.number() })),
  firstDay: day.nullable(),
  lastDay: day.nullable(),
  returnDays: z.int().nonnegative(),
  closedTrips: z.int().nonnegative(),
  openTrips: z.int().nonnegative(),
});
export type StrategyMetricsWire = z.infer<typeof strategyMetricsSchema>;

export const roundTripSchema = z.object({
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  openedAt: z.int(),
  closedAt: z.int().nullable(),
  entryPrice: z.number(),
  exitPrice: z.number().nullable(),
  maxQty: z.number(),
  fees: z.number(),
  pnl: z.number().nullable(),
  closes: z.array(z.object({ time: z.int(), qty: z.number(), price: z.number(), realizedPnl: z.number() })),
});

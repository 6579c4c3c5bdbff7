import { z } from 'zod';
import { assetClassSchema } from '../market/instrument';
import { strategyIdSchema } from './strategy-event';
import { userRefSchema } from './social-types';

export const PERIODS = ['1M', '3M', '6M', '1Y', 'all'] as const;
export const periodSchema = z.enum(PERIODS);

/** A strategy ranks only with this much verified history (the leaderboard shows no one else). */
export const RANKING_MIN_DAYS = 30;
export const RANKING_MIN_TRIPS = 10;

/** Columns a leaderboard sorts by; figures of the requested period, by METRICS.md. */
export const LEADERBOARD_SORTS = [
  'return',
  'cagr',
  'sharpe',
  'sortino',
  'maxDrawdown',
  'volatility',
  'calmar',
  'winRate',
  'profitFactor',
  'avgHoldingSeconds',
  'trades',
  'riskScore',
  'trackRecordDays',
  'copiers',
  'followerReturn',
  'name',
] as const;
export const leaderboardSortSchema = z.enum(LEADERBOARD_SORTS);
export type LeaderboardSort = z.infer<typeof leaderboardSortSchema>;

const fraction = z.number().min(0).max(1);
export const leaderboardFiltersSchema = z.strictObject({
  assetClass: assetClassSchema.optional(),
  /** Track record of at least this many days. */
  minAgeDays: z.int().min(0).max(36_500).optional(),
  /** Maximum drawdown of the period at most this fraction (0.25 = 25 %). */
  maxDrawdown: fraction.optional(),
  riskMin: z.int().min(1).max(10).optional(),
  riskMax: z.int().min(1).max(10).optional(),
  minTrades: z.int().min(0).max(1_000_000).optional(),
  /** Name or owner contains this text. */
  search: z.string().trim().max(64).optional(),
});
export type LeaderboardFilters = z.infer<typeof leaderboardFiltersSchema>;

export const leaderboardQuerySchema = z.strictObject({
  period: periodSchema,
  sort: leaderboardSortSchema.default('return'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  filters: leaderboardFiltersSchema.default({}),
  limit: z.int().min(1).max(200).default(50),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(64).optional(),
});
export type LeaderboardQuery = z.output<typeof leaderboardQuerySchema>;

const figure = z.number().nullable();
export const leaderboardRowSchema = z.object({
  /** 1-based place in this ordering. */
  rank: z.int().positive(),
  strategyId: strategyIdSchema,
  name: z.string(),
  owner: userRefSchema,
  assetClasses: z.array(assetClassSchema),
  simulated: z.boolean(),
  currency: z.string(),
  /** Figures of the period; null where METRICS.md says so (shown as "—"). */
  return: figure,
  cagr: figure,
  sharpe: figure,
  sortino: figure,
  maxDrawdown: figure,
  volatility: figure,
  calmar: figure,
  winRate: figure,
  profitFactor: figure,
  avgHoldingSeconds: figure,
  trades: z.int().nonnegative(),
  /** Current risk (last 90 return days). */
  riskScore: z.int().min(1).max(10).nullable(),
  trackRecordDays: z.int().nonnegative(),
  copiers: z.int().nonnegative(),
  /** Mean copy return reported by copiers' cores since they started; null without reports. */
  followerReturn: figure,
  /** Up to 60 points of the period's equity index, for a sparkline. */
  spark: z.array(z.number()),
  /** Whether the period's history is shorter than the period. */
  partial: z.boolean(),
  updatedAt: z.int(),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const leaderboardPageSchema = z.object({
  rows: z.array(leaderboardRowSchema),
  nextCursor: z.string().nullable(),
  /** Strategies matching the filters. */
  total: z.int().nonnegative(),
  computedAt: z.int(),
});
export type LeaderboardPage = z.infer<typeof leaderboardPageSchema>;

import { z } from 'zod';
import { followStateSchema, GUARD_NAMES, guardsPatchSchema, guardsSchema, SIGNAL_OUTCOMES, sizingSchema } from '../copy/copy-settings';
import { periodStatsSchema } from '../social/metrics-schema';
import { strategyIdSchema } from '../social/strategy-event';
import { accountIdSchema } from '../trading/account';
import { sideSchema } from '../trading/order';
import { defineEvent, defineMethod } from './define';

const followIdSchema = z.string().regex(/^f_[A-Za-z0-9]{8,40}$/, 'a follow id (f_…)');
const money = z.number().positive().max(1e12);
const figure = z.number().nullable();

export const copyStatsSchema = z.object({
  /** The allocation's equity now: allocation + flows + realised − fees + unrealised of the copy's positions. */
  equity: z.number(),
  pnl: z.number(),
  /** Copy return (TWR of the allocation, METRICS.md); null before its first return day. */
  return: figure,
  openPositions: z.int().nonnegative(),
  /** Follower copy TWR − leader TWR since the start (METRICS.md "Divergence"). */
  divergence: figure,
  /** Leader fill → my broker's acknowledgement, ms, nearest rank; null under 20 orders. */
  latencyP50: figure,
  latencyP99: figure,
  /** Copy orders acknowledged before the leader's fill time (clock skew), kept in the percentiles and flagged. */
  latencyNegative: z.int().nonnegative(),
  /** Mean slippage against the leader's fills, bps (positive is worse for me); null before a fill. */
  slippageBps: figure,
  copied: z.int().nonnegative(),
  skipped: z.int().nonnegative(),
  blocked: z.int().nonnegative(),
  /** Orders sent and not yet filled or ended. */
  pendingOrders: z.int().nonnegative(),
});

export const followSchema = z.object({
  followId: followIdSchema,
  strategyId: strategyIdSchema,
  strategyName: z.string(),
  accountId: z.string(),
  allocation: z.number(),
  sizing: sizingSchema,
  guards: guardsSchema,
  state: followStateSchema,
  /** Why it stopped (by the user, or which guard). */
  stateReason: z.string().nullable(),
  createdAt: z.int(),
  /** The leader's last event acted on. */
  leaderSeq: z.int().nonnegative(),
  stats: copyStatsSchema,
});
export type Follow = z.infer<typeof followSchema>;

export const copyOrderSchema = z.object({
  clientOrderId: z.string(),
  symbol: z.string(),
  side: sideSchema,
  qty: z.number(),
  type: z.enum(['market', 'limit']),
  price: z.number().nullable(),
  status: z.string(),
  filledQty: z.number(),
  avgFillPrice: z.number().nullable(),
  /** Leader fill → my broker's acknowledgement (METRICS.md). */
  latencyMs: z.number().nullable(),
  slippageBps: z.number().nullable(),
});

export const copyLogEntrySchema = z.object({
  id: z.int().positive(),
  followId: followIdSchema,
  time: z.int(),
  /** The leader's event this entry answers; null for entries of my own (stop-loss, a fix). */
  leaderSeq: z.int().nullable(),
  leader: z
    .object({ symbol: z.string(), side: sideSchema, qty: z.number(), price: z.number(), time: z.int(), positionQty: z.number() })
    .nullable(),
  outcome: z.enum(SIGNAL_OUTCOMES),
  /** The guard that blocked it. */
  guard: z.enum(GUARD_NAMES).nullable(),
  /** In words: what was done, or why not. */
  message: z.string(),
  /** The orders sent for it, in the order sent (a flip closes, then opens). */
  orders: z.array(copyOrderSchema),
});
export type CopyLogEntry = z.infer<typeof copyLogEntrySchema>;

export const reconcileItemSchema = z.object({
  symbol: z.string(),
  /** `orphan`: the leader is flat, I am not; `miss`: the leader holds it, I do not; `drift`: both hold it, off target by more than a lot step. */
  kind: z.enum(['orphan', 'miss', 'drift']),
  mine: z.number(),
  expected: z.number(),
  /** The order that fixes it (`copy.fix`). */
  fix: z.object({ side: sideSchema, qty: z.number() }).nullable(),
  /** Why there is no fix (below the lot size, market closed…). */
  note: z.string().nullable(),
});

const whatIfSideSchema = z.object({
  /** Equity index per day, 1 at the start. */
  index: z.array(z.object({ day: z.string(), value: z.number() })),
  stats: periodStatsSchema,
  riskScore: z.int().min(1).max(10).nullable(),
});

export const copyMethods = {
  'copy.whatIf': defineMethod({
    summary:
      'Replays the leader’s last `months` of verified fills through my sizing, guards, fees and lot rounding on `allocation`, and returns the equity curve and statistics I would have had, beside the leader’s over the same days.',
    params: z.strictObject({
      strategyId: strategyIdSchema,
      accountId: accountIdSchema,
      allocation: money,
      sizing: sizingSchema.default({ mode: 'proportional' }),
      guards: guardsSchema.default(guardsSchema.parse({})),
      months: z.int().min(1).max(24).default(6),
    }),
    result: z.object({
      follower: whatIfSideSchema,
      leader: whatIfSideSchema,
      finalEquity: z.number(),
      copied: z.int().nonnegative(),
      skipped: z.int().nonnegative(),
      /** Skips and blocks by reason, most frequent first. */
      reasons: z.array(z.object({ reason: z.string(), count: z.int().positive() })),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  }),
  'copy.follow': defineMethod({
    summary:
      'Starts copying a strategy onto one of my accounts with `allocation` of its equity as the copy’s own sub-ledger. Every verified leader fill from now on is sized, checked against the guards, written to the copy ledger and sent with a client order id derived from (follow, leader seq) — exactly once.',
    params: z.strictObject({
      strategyId: strategyIdSchema,
      accountId: accountIdSchema,
      allocation: money,
      sizing: sizingSchema.default({ mode: 'proportional' }),
      guards: guardsSchema.default(guardsSchema.parse({})),
    }),
    result: z.object({ followId: followIdSchema, follow: followSchema }),
  }),
  'copy.update': defineMethod({
    summary: 'Changes a follow’s allocation (a flow of the sub-ledger), sizing or guards; applies to the next signals.',
    params: z.strictObject({ followId: followIdSchema, allocation: money.optional(), sizing: sizingSchema.optional(), guards: guardsPatchSchema.optional() }),
    result: followSchema,
  }),
  'copy.pause': defineMethod({ summary: 'Stops acting on new signals (they are logged as skipped); positions stay.', params: z.strictObject({ followId: followIdSchema }), result: followSchema }),
  'copy.resume': defineMethod({ summary: 'Acts on signals again (from the next one; use copy.reconcile to catch up).', params: z.strictObject({ followId: followIdSchema }), result: followSchema }),
  'copy.stop': defineMethod({
    summary: 'Ends a follow, keeping its positions or closing them at market.',
    params: z.strictObject({ followId: followIdSchema, closePositions: z.boolean() }),
    result: followSchema,
  }),
  'copy.list': defineMethod({ summary: 'Every follow with its allocation equity, P&L, divergence, latency, slippage and state.', params: z.strictObject({}), result: z.array(followSchema) }),
  'copy.log': defineMethod({
    summary: 'A follow’s log, newest first: every leader signal and what was done with it (copied; skipped, with the reason; blocked, by which guard).',
    params: z.strictObject({ followId: followIdSchema, cursor: z.string().regex(/^\d+$/).optional(), limit: z.int().min(1).max(500).default(100) }),
    result: z.object({ entries: z.array(copyLogEntrySchema), nextCursor: z.string().nullable() }),
  }),
  'copy.reconcile': defineMethod({
    summary: 'Compares my copied positions with what the leader’s stream implies: orphans, misses and drift, each with the order that fixes it.',
    params: z.strictObject({ followId: followIdSchema }),
    result: z.object({ followId: followIdSchema, items: z.array(reconcileItemSchema), checkedAt: z.int() }),
  }),
  'copy.fix': defineMethod({
    summary: 'Sends the order that fixes one reconciliation difference (`copy.reconcile`) of a symbol.',
    params: z.strictObject({ followId: followIdSchema, symbol: z.string().min(1).max(48) }),
    result: copyLogEntrySchema,
  }),
};

export const copyEvents = {
  'copy.update': defineEvent({ summary: 'A follow’s state or figures changed.', payload: followSchema }),
  'copy.signal': defineEvent({ summary: 'A leader signal was handled (or a guard acted): the new log entry.', payload: copyLogEntrySchema }),
};

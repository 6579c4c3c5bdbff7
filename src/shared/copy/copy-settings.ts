import { z } from 'zod';
import { symbolSchema } from '../market/instrument';

/**
 * How a follow turns the leader's trades into mine. Every mode mirrors closes proportionally
 * (the leader closing a third of a position closes a third of mine); they differ in how an
 * opening or adding trade is sized.
 */
export const sizingSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    /** The leader's position as a share of the leader's equity → the same share of my allocation. */
    mode: z.literal('proportional'),
  }),
  z.strictObject({
    /** A fixed size per opening trade: a quantity of the instrument, or a notional in my account currency. */
    mode: z.literal('fixed'),
    qty: z.number().positive().max(1e12).optional(),
    notional: z.number().positive().max(1e12).optional(),
  }).refine((s) => (s.qty === undefined) !== (s.notional === undefined), { message: 'give qty or notional, not both', path: ['qty'] }),
  z.strictObject({
    /** × the leader's quantity. */
    mode: z.literal('multiplier'),
    factor: z.number().positive().max(1000),
  }),
  z.strictObject({
    /** Proportional, scaled so the copy's annualised volatility targets `targetVolatility` (0.15 = 15 %). */
    mode: z.literal('risk'),
    targetVolatility: z.number().min(0.01).max(2),
    /** Upper bound of the scale against proportional (default 3). */
    maxScale: z.number().positive().max(20).default(3),
  }),
]);
export type Sizing = z.infer<typeof sizingSchema>;
export type SizingIn = z.input<typeof sizingSchema>;
export const SIZING_MODES = ['proportional', 'fixed', 'multiplier', 'risk'] as const;

/** Each guard's values, without defaults: shared by a full setting and a partial change. */
const guardFields = {
  /** Close everything and stop when the allocation's equity falls below this share of the allocation (0 < x < 1). */
  stopLoss: z.number().gt(0, 'a share of the allocation above 0 and below 1 (0.6 = 60 %)').lt(1, 'a share of the allocation above 0 and below 1 (0.6 = 60 %)').nullable(),
  /** Close everything and stop when the allocation's equity reaches this multiple of the allocation (1.5 = +50 %). */
  takeProfit: z.number().gt(1).max(100).nullable(),
  maxOpenPositions: z.int().min(1).max(1000).nullable(),
  /** Largest value of one symbol's copied position, account currency. */
  maxPositionValue: z.number().positive().max(1e12).nullable(),
  /** Largest gross exposure of the copy / its equity. */
  maxLeverage: z.number().positive().max(100).nullable(),
  /** Only these of my symbols (after mapping); null = all. */
  allowedSymbols: z.array(symbolSchema).max(500).nullable(),
  blockedSymbols: z.array(symbolSchema).max(500),
  /** The leader's symbol → mine (`BTC-USD` → `BTC/USDT`); unmapped symbols are used as they are. */
  symbolMap: z.record(symbolSchema, symbolSchema),
  /** Against the leader's fill price, basis points; null = no bound. */
  maxSlippageBps: z.number().min(0).max(10_000).nullable(),
  /** Beyond the bound: skip the trade, or send a limit order at the bound. */
  slippageAction: z.enum(['skip', 'limit']),
  /** A leader signal older than this (e.g. after a reconnect) is not acted on. */
  signalTtlSeconds: z.int().min(1).max(86_400),
  /** At the start, open my share of the leader's open positions (else only new trades are copied). */
  copyOpenPositions: z.boolean(),
  /** Trade the opposite side of the leader. */
  reverse: z.boolean(),
  /** Copy only trades that reduce a position. */
  closeOnly: z.boolean(),
};

/** The protections of one follow. Every block is written to the follow's log with its reason. */
export const guardsSchema = z.strictObject({
  stopLoss: guardFields.stopLoss.default(0.6),
  takeProfit: guardFields.takeProfit.default(null),
  maxOpenPositions: guardFields.maxOpenPositions.default(null),
  maxPositionValue: guardFields.maxPositionValue.default(null),
  maxLeverage: guardFields.maxLeverage.default(null),
  allowedSymbols: guardFields.allowedSymbols.default(null),
  blockedSymbols: guardFields.blockedSymbols.default([]),
  symbolMap: guardFields.symbolMap.default({}),
  maxSlippageBps: guardFields.maxSlippageBps.default(null),
  slippageAction: guardFields.slippageAction.default('skip'),
  signalTtlSeconds: guardFields.signalTtlSeconds.default(60),
  copyOpenPositions: guardFields.copyOpenPositions.default(false),
  reverse: guardFields.reverse.default(false),
  closeOnly: guardFields.closeOnly.default(false),
});
/** A change to some guards: only the keys given change (no defaults fill the others in). */
export const guardsPatchSchema = z.strictObject(guardFields).partial();
export type Guards = z.infer<typeof guardsSchema>;
export type GuardsIn = z.input<typeof guardsSchema>;

export const FOLLOW_STATES = ['active', 'paused', 'stopped'] as const;
export const followStateSchema = z.enum(FOLLOW_STATES);
export type FollowState = z.infer<typeof followStateSchema>;

/** What a guard or rule did with one leader signal. */
export const SIGNAL_OUTCOMES = ['copied', 'skipped', 'blocked', 'failed'] as const;
export const GUARD_NAMES = [
  'stopLoss',
  'takeProfit',
  'maxOpenPositions',
  'maxPositionValue',
  'maxLeverage',
  'allowedSymbols',
  'blockedSymbols',
  'symbolMap',
  'maxSlippage',
  'signalTtl',
  'closeOnly',
  'paused',
  'lotSize',
  'noPrice',
] as const;
export type GuardName = (typeof GUARD_NAMES)[number];

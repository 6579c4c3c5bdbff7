import { z } from 'zod';
import { assetClassSchema } from '../market/instrument';

/**
 * A strategy's public record: every fill of the account it publishes, equity marks (at least
 * daily) and capital flows, as a hash-chained sequence of events signed with the strategy's
 * Ed25519 key. The hub stores and relays events; it cannot forge, drop, reorder or backdate one
 * without followers noticing, since each follower checks signature and chain itself.
 */

const finite = z.number().refine(Number.isFinite, 'a finite number');
const positive = finite.refine((x) => x > 0, 'a positive number');
const time = z.int().min(0).max(8.64e15);

/** One execution of the published account. */
export const fillBodySchema = z.strictObject({
  type: z.literal('fill'),
  /** The publisher's fill id: unique in the stream. */
  fillId: z.string().min(1).max(64),
  symbol: z.string().min(1).max(48),
  assetClass: assetClassSchema,
  side: z.enum(['buy', 'sell']),
  qty: positive,
  price: positive,
  /** Account currency; negative for a rebate. */
  fee: finite,
  /** Account currency per unit of the instrument's quote currency. */
  fxRate: positive,
  /** The instrument's lot step, so every reader rounds positions the same way. */
  lotStep: positive,
  time,
  /** Signed position in the symbol after this fill (readers check it against their own replay). */
  positionQty: finite,
  /** Account equity just after the fill: the base of proportional copy sizing. */
  equity: finite,
});
export type FillBody = z.infer<typeof fillBodySchema>;

/** Equity of the published account at a moment; the daily series is built from these. */
export const markBodySchema = z.strictObject({
  type: z.literal('mark'),
  time,
  equity: finite,
  /** Σ |qty| × mark price of open positions, account currency (gross leverage = this / equity). */
  grossExposure: finite.refine((x) => x >= 0, 'not negative'),
});
export type MarkBody = z.infer<typeof markBodySchema>;

/** Capital moved into (+) or out of (−) the account: not performance. */
export const flowBodySchema = z.strictObject({
  type: z.literal('flow'),
  time,
  amount: finite.refine((x) => x !== 0, 'not zero'),
});
export type FlowBody = z.infer<typeof flowBodySchema>;

export const eventBodySchema = z.discriminatedUnion('type', [fillBodySchema, markBodySchema, flowBodySchema]);
export type EventBody = z.infer<typeof eventBodySchema>;

export const HASH_HEX = /^[0-9a-f]{64}$/;
/** `prevHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);
const base64url = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** `st_` and 24 base64url characters of SHA-256(raw public key): the id is bound to the key. */
export const strategyIdSchema = z.string().regex(/^st_[A-Za-z0-9_-]{24}$/, 'a strategy id (st_…)');
/** Raw 32-byte Ed25519 public key, base64url. */
export const publicKeySchema = base64url(43, 43);
/** Raw 64-byte Ed25519 signature, base64url. */
export const signatureSchema = base64url(86, 86);

export const strategyEventSchema = z.strictObject({
  strategyId: strategyIdSchema,
  /** 1, 2, 3, … without gaps. */
  seq: z.int().min(1),
  /** Hash of the previous event (`GENESIS_HASH` for seq 1). */
  prevHash: z.string().regex(HASH_HEX, '64 lowercase hex digits'),
  /** When the publisher signed it (ms): never before the previous event's. */
  ts: time,
  body: eventBodySchema,
  sig: signatureSchema,
});
export type StrategyEvent = z.infer<typeof strategyEventSchema>;
export type UnsignedEvent = Omit<StrategyEvent, 'sig'>;

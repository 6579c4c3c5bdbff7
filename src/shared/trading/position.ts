import { z } from 'zod';

export const lotSchema = z.object({ qty: z.number(), price: z.number(), fxRate: z.number().positive(), time: z.int() });
export type Lot = z.infer<typeof lotSchema>;

/** The open quantity of one symbol in one account, with its FIFO lots and P&L. */
export const positionSchema = z.object({
  accountId: z.string(),
  symbol: z.string(),
  /** Signed: positive long, negative short, 0 flat. */
  qty: z.number(),
  /** Volume-weighted entry of the open lots; null when flat. */
  avgPrice: z.number().nullable(),
  /** Last trade price the position is marked at; null before a quote. */
  markPrice: z.number().nullable(),
  /** Account currency. */
  unrealizedPnl: z.number(),
  realizedPnl: z.number(),
  /** Value at the mark, signed, in the account currency. */
  marketValue: z.number(),
  openedAt: z.int().nullable(),
  updatedAt: z.int(),
});
export type Position = z.infer<typeof positionSchema>;

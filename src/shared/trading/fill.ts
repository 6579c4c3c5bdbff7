import { z } from 'zod';
import { sideSchema } from './order';

export const fillSchema = z.object({
  id: z.string(),
  /** Ascending per account: the cursor of `fills.list` and of a broker's history. */
  seq: z.int().positive(),
  accountId: z.string(),
  orderId: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: sideSchema,
  qty: z.number().positive(),
  price: z.number().positive(),
  /** In the account currency; negative for a rebate. */
  fee: z.number(),
  liquidity: z.enum(['maker', 'taker']),
  /** Account currency per unit of the instrument's quote currency when it filled. */
  fxRate: z.number().positive(),
  /** Realised P&L of the lots this fill closed (account currency, before fees). */
  realizedPnl: z.number(),
  time: z.int(),
});
export type Fill = z.infer<typeof fillSchema>;

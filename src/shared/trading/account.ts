import { z } from 'zod';

export const ACCOUNT_CURRENCIES = ['USD', 'USDT', 'EUR', 'GBP', 'JPY'] as const;
export const accountCurrencySchema = z.enum(ACCOUNT_CURRENCIES);
export type AccountCurrency = z.infer<typeof accountCurrencySchema>;

export const MAX_LEVERAGE = 100;

/** A trading account as every screen sees it: its settings and its money right now. */
export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['paper']),
  /** `cash`: no borrowing, no shorts; `margin`: up to `leverage` × equity. */
  type: z.enum(['cash', 'margin']),
  currency: accountCurrencySchema,
  leverage: z.number().min(1).max(MAX_LEVERAGE),
  startingBalance: z.number(),
  makerFeeBps: z.number(),
  takerFeeBps: z.number(),
  /** Largest value of one order in the account currency; null for no limit. */
  maxOrderValue: z.number().positive().nullable(),
  /** Cash: deposits, minus what was paid for positions, plus what they sold for, minus fees. */
  balance: z.number(),
  /** Balance plus the marked value of open positions. */
  equity: z.number(),
  unrealizedPnl: z.number(),
  /** Realised P&L since the last reset, net of fees. */
  realizedPnl: z.number(),
  marginUsed: z.number(),
  /** Value of new positions the account can still open, working orders reserved. */
  buyingPower: z.number(),
  createdAt: z.int(),
  resetAt: z.int().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountIdSchema = z.string().min(1).max(64);

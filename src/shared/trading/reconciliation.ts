import { z } from 'zod';

/**
 * What a live account's local state and its exchange disagreed on after a (re)connect:
 * - `order_unknown`: the exchange has a working order the terminal did not know (placed elsewhere, or lost);
 * - `order_gone`: an order the terminal had as working is not working at the exchange;
 * - `order_changed`: the same order with another status or filled quantity;
 * - `fill_recovered`: a fill that happened while disconnected, fetched afterwards;
 * - `position`: the holding the fills add up to differs from the exchange's balance.
 * The exchange is the source of truth: each difference says how the terminal resolved it.
 */
export const DIFFERENCE_KINDS = ['order_unknown', 'order_gone', 'order_changed', 'fill_recovered', 'position'] as const;

export const reconciliationDifferenceSchema = z.object({
  kind: z.enum(DIFFERENCE_KINDS),
  symbol: z.string().nullable(),
  orderId: z.string().nullable(),
  /** What differed, in words: "BTC/USDT buy 0.01 limit 60,000: filled at the exchange, working here". */
  detail: z.string(),
  /** What the terminal did about it. */
  resolution: z.string(),
});
export type ReconciliationDifference = z.infer<typeof reconciliationDifferenceSchema>;

export const RECONCILIATION_TRIGGERS = ['connect', 'reconnect', 'manual'] as const;

export const reconciliationSchema = z.object({
  accountId: z.string(),
  time: z.int(),
  trigger: z.enum(RECONCILIATION_TRIGGERS),
  /** Orders, fills and holdings compared. */
  checked: z.object({ orders: z.int(), fills: z.int(), positions: z.int() }),
  differences: z.array(reconciliationDifferenceSchema),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type ReconciliationTrigger = Reconciliation['trigger'];

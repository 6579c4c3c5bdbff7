import type { CopyLogEntry } from '../../shared/contract/copy';
import type { Intent } from './copy-repository';

/** A log entry as stored: the decision. Its orders are the intents written with it. */
export type StoredLogEntry = Omit<CopyLogEntry, 'orders'>;

/** Leader fill (its time in the signed event) → my broker's acknowledgement, ms (METRICS.md). */
export const latencyOf = (i: Intent): number | null => (i.ackAt !== null && i.leaderTime !== null ? i.ackAt - i.leaderTime : null);
/** Against the leader's fill price, bps, positive worse for me (METRICS.md); null before a fill. */
export const slippageOf = (i: Intent): number | null =>
  i.leaderPrice !== null && i.avgFillPrice !== null ? ((i.avgFillPrice - i.leaderPrice) / i.leaderPrice) * (i.side === 'buy' ? 1 : -1) * 10_000 : null;
const failed = (i: Intent): boolean => i.status === 'unsent' || (i.status === 'done' && i.filledQty === 0 && i.reason !== null);

/**
 * An entry with its orders in their latest state, derived from the intents rather than stored
 * twice, so a crash between writing an order's state and its log line cannot make them disagree.
 * An entry whose order was refused or never sent reads as `failed`, with the reason.
 */
export function logView(entry: StoredLogEntry, intents: readonly Intent[]): CopyLogEntry {
  const refused = intents.filter(failed);
  return {
    ...entry,
    outcome: refused.length > 0 ? 'failed' : entry.outcome,
    message: refused.length > 0 ? `${entry.message} — not done: ${refused.map((i) => i.reason ?? 'not sent').join('; ')}` : entry.message,
    orders: intents.map((i) => ({
      clientOrderId: i.clientOrderId,
      symbol: i.symbol,
      side: i.side,
      qty: i.qty,
      type: i.type,
      price: i.price,
      status: i.status === 'unsent' ? 'unsent' : i.orderStatus,
      filledQty: i.filledQty,
      avgFillPrice: i.avgFillPrice,
      latencyMs: latencyOf(i),
      slippageBps: slippageOf(i),
    })),
  };
}

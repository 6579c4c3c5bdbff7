import type { Order as CcxtOrder } from 'ccxt';
import type { Order, OrderStatus, OrderType, Tif } from '../../../shared/trading/order';
import { isWorking } from '../../../shared/trading/order';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** ccxt's unified status and fill state as ours. An IOC/FOK cancelled by the exchange expired. */
export function statusOf(o: CcxtOrder): OrderStatus | undefined {
  const filled = num(o.filled) ?? 0;
  switch (o.status) {
    case 'open':
      return filled > 0 ? 'partially_filled' : 'new';
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
      return o.timeInForce === 'IOC' || o.timeInForce === 'FOK' ? 'expired' : 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return undefined;
  }
}

const TYPES: Readonly<Record<string, OrderType>> = { market: 'market', limit: 'limit', stop_loss: 'stop', stop_loss_limit: 'stop_limit', stop: 'stop', stop_limit: 'stop_limit' };
const TIFS: readonly Tif[] = ['GTC', 'IOC', 'FOK'];

/**
 * The exchange's view of an order applied to ours. Returns undefined when the report is older
 * than what we have (out of order: fewer fills, or a final state going back to working).
 */
export function applyExchangeOrder(local: Order, o: CcxtOrder, now: number): Order | undefined {
  const status = statusOf(o);
  if (!status) return undefined;
  const filled = num(o.filled) ?? local.filledQty;
  if (filled < local.filledQty) return undefined;
  if (!isWorking(local.status) && isWorking(status)) return undefined;
  const changed = status !== local.status || filled !== local.filledQty || (o.id ?? null) !== local.venueOrderId;
  if (!changed) return local;
  return {
    ...local,
    status,
    filledQty: filled,
    avgFillPrice: num(o.average) ?? (filled > 0 ? (num(o.price) ?? local.avgFillPrice) : local.avgFillPrice),
    venueOrderId: o.id ?? local.venueOrderId,
    reason: status === 'expired' && local.reason === null ? `${local.tif}: the rest was not fillable at once` : local.reason,
    updatedAt: Math.max(local.updatedAt, num(o.lastUpdateTimestamp) ?? num(o.timestamp) ?? now),
  };
}

/** An order placed outside this terminal (another app, the exchange's website), adopted as it is. */
export function adoptExchangeOrder(o: CcxtOrder, ids: { id: string; accountId: string; symbol: string }, now: number): Order | undefined {
  const status = statusOf(o);
  const qty = num(o.amount);
  if (!status || qty === undefined || qty <= 0 || (o.side !== 'buy' && o.side !== 'sell')) return undefined;
  const type = TYPES[(o.type ?? '').toLowerCase()] ?? 'limit';
  const tif = TIFS.find((t) => t === o.timeInForce) ?? 'GTC';
  const created = num(o.timestamp) ?? now;
  return {
    id: ids.id,
    accountId: ids.accountId,
    clientOrderId: o.clientOrderId ?? `venue:${o.id ?? ids.id}`,
    symbol: ids.symbol,
    side: o.side,
    type,
    qty,
    price: num(o.price) ?? null,
    stopPrice: num(o.triggerPrice) ?? num(o.stopPrice) ?? null,
    tif: type === 'market' ? 'IOC' : tif,
    reduceOnly: false,
    status,
    filledQty: num(o.filled) ?? 0,
    avgFillPrice: num(o.average) ?? null,
    triggered: false,
    role: 'entry',
    parentId: null,
    bracket: null,
    reason: null,
    expiresAt: null,
    venueOrderId: o.id ?? null,
    createdAt: created,
    updatedAt: num(o.lastUpdateTimestamp) ?? created,
  };
}

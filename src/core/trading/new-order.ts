import type { Order } from '../../shared/trading/order';
import type { PlaceOrder } from '../brokers/broker';

/** A fresh order record for a request: status `new`, nothing filled, an entry unless told otherwise. */
export function newOrder(request: PlaceOrder, ids: { id: string; accountId: string }, now: number, expiresAt: number | null): Order {
  return {
    id: ids.id,
    accountId: ids.accountId,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    qty: request.qty,
    price: request.price ?? null,
    stopPrice: request.stopPrice ?? null,
    tif: request.tif,
    reduceOnly: request.reduceOnly,
    status: 'new',
    filledQty: 0,
    avgFillPrice: null,
    triggered: false,
    role: 'entry',
    parentId: null,
    bracket: request.bracket ? { stopLoss: request.bracket.stopLoss ?? null, takeProfit: request.bracket.takeProfit ?? null } : null,
    reason: null,
    expiresAt,
    venueOrderId: null,
    createdAt: now,
    updatedAt: now,
  };
}

import type { Instrument } from '../../shared/market/instrument';
import type { Fill } from '../../shared/trading/fill';
import type { Order, OrderChanges, OrderRequest, OrderType, Tif } from '../../shared/trading/order';
import type { Lot } from '../../shared/trading/position';

/** What a broker supports, so the UI and the trading service offer only that. */
export interface BrokerCapabilities {
  orderTypes: readonly OrderType[];
  tifs: readonly Tif[];
  brackets: boolean;
  reduceOnly: boolean;
  modify: boolean;
  shorting: boolean;
}

/** An account's money as the broker computes it, in the account currency. */
export interface AccountMoney {
  balance: number;
  equity: number;
  unrealizedPnl: number;
  /** Since the last reset, net of fees. */
  realizedPnl: number;
  marginUsed: number;
  buyingPower: number;
}

/** A position's persistent state: its FIFO lots and what it realised. */
export interface PositionState {
  symbol: string;
  lots: Lot[];
  realizedPnl: number;
  openedAt: number | null;
  updatedAt: number;
}

/**
 * What changed, delivered as one batch per broker operation (a placement, a quote, an expiry) so
 * the trading service persists the batch in one transaction.
 */
export type BrokerEvent =
  | { type: 'order'; order: Order }
  | { type: 'fill'; fill: Fill }
  | { type: 'position'; position: PositionState }
  | { type: 'account'; balance: number; realizedPnl: number; fillSeq: number }
  /** Marks moved (not persisted): positions and equity should be re-read, coalesced. */
  | { type: 'marks' };

export type PlaceOrder = OrderRequest & { clientOrderId: string };

/** One account at one broker, modelled on ccxt's unified API. Errors are from broker-errors.ts. */
export interface Broker {
  readonly accountId: string;
  readonly capabilities: BrokerCapabilities;
  instruments(): readonly Instrument[];
  account(): AccountMoney;
  positions(): readonly PositionState[];
  /** Mark price (last trade) of a symbol, if it has a quote. */
  mark(symbol: string): number | undefined;
  /** Account currency per unit of `quoteCurrency`, if known now. */
  fxRate(quoteCurrency: string): number | undefined;
  openOrders(): readonly Order[];
  /** The order with this client order id, wherever it is — how an unknown outcome is resolved. */
  orderByClientId(clientOrderId: string): Promise<Order | undefined>;
  placeOrder(request: PlaceOrder): Promise<Order>;
  cancelOrder(orderId: string): Promise<Order>;
  modifyOrder(orderId: string, changes: OrderChanges): Promise<Order>;
  /** Fills with `seq` above `cursor`, ascending. */
  fillsSince(cursor: number, limit: number): Promise<Fill[]>;
  subscribe(listener: (events: readonly BrokerEvent[]) => void): () => void;
  close(): void;
}

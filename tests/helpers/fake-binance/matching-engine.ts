import { EventEmitter } from 'node:events';
import type { ServerClock } from './clock';
import { type Amount, div, floorTo, fromNumber, isMultipleOf, max, min, mul, mulCeil, ONE, ZERO } from './decimal';
import { errors } from './errors';
import { BOOK_LEVELS, type BookLevel, bookWithOwnOrders, syntheticLevels } from './order-book';
import { randomClientOrderId } from './random';
import { MAX_OPEN_ORDERS, type SymbolSpec } from './symbols';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'LIMIT' | 'LIMIT_MAKER' | 'MARKET';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED' | 'EXPIRED_IN_MATCH' | 'REJECTED';
export type ExecutionType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REJECTED' | 'TRADE_PREVENTION';

/** Binance's commission for a regular account without BNB discount: 0.1% of what you receive. */
export const COMMISSION_RATE: Amount = ONE / 1000n;

export interface Order {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  /** Zero for market orders, as Binance reports them. */
  price: Amount;
  origQty: Amount;
  origQuoteOrderQty: Amount;
  executedQty: Amount;
  cummulativeQuoteQty: Amount;
  status: OrderStatus;
  time: number;
  updateTime: number;
  workingTime: number;
  /** Funds still reserved for the order (quote for buys, base for sells). */
  locked: Amount;
}

/** One of the account's fills, as /api/v3/myTrades reports it. */
export interface AccountTrade {
  symbol: string;
  id: number;
  orderId: number;
  price: Amount;
  qty: Amount;
  quoteQty: Amount;
  commission: Amount;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
}

/** A print on the public tape (anyone's trade). */
export interface PublicTrade {
  symbol: string;
  id: number;
  price: Amount;
  qty: Amount;
  time: number;
  buyerIsMaker: boolean;
  buyerOrderId: number;
  sellerOrderId: number;
}

/** An order state change: what an `executionReport` carries. */
export interface Execution {
  order: Order;
  executionType: ExecutionType;
  time: number;
  lastQty: Amount;
  lastPrice: Amount;
  lastQuoteQty: Amount;
  commission: Amount;
  commissionAsset: string | null;
  tradeId: number;
  isMaker: boolean;
  /** The client id of the cancel request (`c`), the order's own going to `C`. */
  cancelClientOrderId?: string | undefined;
}

export interface Balance {
  free: Amount;
  locked: Amount;
}

export interface EngineEvents {
  execution: [Execution];
  /** Balances changed (assets listed): an `outboundAccountPosition`. */
  account: [{ assets: string[]; time: number }];
  /** A deposit or withdrawal: a `balanceUpdate`. */
  balanceDelta: [{ asset: string; delta: Amount; time: number }];
  print: [PublicTrade];
  /** The visible book may have changed. */
  book: [string];
}

export interface NewOrder {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce?: TimeInForce | undefined;
  quantity?: Amount | undefined;
  quoteOrderQty?: Amount | undefined;
  price?: Amount | undefined;
  newClientOrderId?: string | undefined;
}

export interface PlacedOrder {
  order: Order;
  fills: AccountTrade[];
}

export interface CanceledOrder {
  order: Order;
  cancelClientOrderId: string;
}

export type OrderRef = { orderId: number } | { origClientOrderId: string };

interface Chunk {
  price: Amount;
  qty: Amount;
}

const OPEN: ReadonlySet<OrderStatus> = new Set(['NEW', 'PARTIALLY_FILLED']);

export function isOpen(order: Order): boolean {
  return OPEN.has(order.status);
}

/**
 * The account, the order book and the matching rules of one small spot exchange.
 *
 * Other participants are the synthetic book around each symbol's last price; the account's
 * orders take from it (taker) or rest until a later print crosses them (maker). The account
 * never trades with itself: like Binance's default EXPIRE_MAKER, a taker order that would
 * reach the account's own resting order expires that order instead.
 */
export class MatchingEngine extends EventEmitter<EngineEvents> {
  private readonly specs = new Map<string, SymbolSpec>();
  private readonly lastPrices = new Map<string, Amount>();
  private readonly balances = new Map<string, Balance>();
  private readonly orderList: Order[] = [];
  private readonly tradeList: AccountTrade[] = [];
  private readonly tape = new Map<string, PublicTrade[]>();
  private readonly nextOrderId = new Map<string, number>();
  private readonly nextTradeId = new Map<string, number>();
  private readonly changedAssets = new Set<string>();

  constructor(
    specs: readonly SymbolSpec[],
    startPrices: ReadonlyMap<string, Amount>,
    startBalances: Readonly<Record<string, Amount>>,
    private readonly clock: ServerClock,
    private readonly random: () => number,
  ) {
    super();
    for (const spec of specs) {
      this.specs.set(spec.symbol, spec);
      const price = startPrices.get(spec.symbol);
      if (price === undefined) throw new Error(`no start price for ${spec.symbol}`);
      this.lastPrices.set(spec.symbol, floorTo(price, spec.tickSize));
      this.nextOrderId.set(spec.symbol, spec.firstOrderId);
      this.nextTradeId.set(spec.symbol, spec.firstTradeId);
      this.tape.set(spec.symbol, []);
      for (const asset of [spec.baseAsset, spec.quoteAsset]) if (!this.balances.has(asset)) this.balances.set(asset, { free: ZERO, locked: ZERO });
    }
    for (const [asset, free] of Object.entries(startBalances)) this.balances.set(asset, { free, locked: ZERO });
  }

  // ---- reads ---------------------------------------------------------------------------

  spec(symbol: string): SymbolSpec | undefined {
    return this.specs.get(symbol);
  }

  symbols(): SymbolSpec[] {
    return [...this.specs.values()];
  }

  lastPrice(symbol: string): Amount {
    const price = this.lastPrices.get(symbol);
    if (price === undefined) throw errors.invalidSymbol();
    return price;
  }

  bestBid(symbol: string): BookLevel {
    return this.book(symbol, 1).bids[0]!;
  }

  bestAsk(symbol: string): BookLevel {
    return this.book(symbol, 1).asks[0]!;
  }

  /** What the market sees: synthetic liquidity plus the account's resting orders. */
  book(symbol: string, count = BOOK_LEVELS): { bids: BookLevel[]; asks: BookLevel[] } {
    const spec = this.requireSpec(symbol);
    const own = this.orderList.filter((o) => o.symbol === symbol && isOpen(o)).map((o) => ({ side: o.side, price: o.price, remaining: o.origQty - o.executedQty }));
    const book = bookWithOwnOrders(spec, this.lastPrice(symbol), own, count);
    return { bids: book.bids.slice(0, count), asks: book.asks.slice(0, count) };
  }

  balance(asset: string): Balance {
    return { ...(this.balances.get(asset) ?? { free: ZERO, locked: ZERO }) };
  }

  allBalances(): Map<string, Balance> {
    return new Map([...this.balances].map(([asset, b]) => [asset, { ...b }]));
  }

  orders(symbol?: string): Order[] {
    return this.orderList.filter((o) => symbol === undefined || o.symbol === symbol).map((o) => ({ ...o }));
  }

  openOrders(symbol?: string): Order[] {
    return this.orders(symbol).filter(isOpen);
  }

  trades(symbol?: string): AccountTrade[] {
    return this.tradeList.filter((t) => symbol === undefined || t.symbol === symbol).map((t) => ({ ...t }));
  }

  publicTrades(symbol: string): PublicTrade[] {
    return [...(this.tape.get(symbol) ?? [])];
  }

  /** By id, or the latest order with that client id (Binance lets a closed order's client id be reused). */
  findOrder(symbol: string, ref: OrderRef): Order | undefined {
    for (let i = this.orderList.length - 1; i >= 0; i--) {
      const order = this.orderList[i]!;
      if (order.symbol !== symbol) continue;
      if ('orderId' in ref ? order.orderId === ref.orderId : order.clientOrderId === ref.origClientOrderId) return order;
    }
    return undefined;
  }

  // ---- account actions -----------------------------------------------------------------

  place(request: NewOrder): PlacedOrder {
    const spec = this.requireSpec(request.symbol);
    this.validate(spec, request);
    const now = this.clock.now();
    const isBuy = request.side === 'BUY';
    const limit = request.type === 'MARKET' ? undefined : request.price!;
    // What other participants' book gives the order right away (nothing when it does not cross).
    const plan = this.planTake(spec, request);
    // The account's own resting orders on the other side that the order would reach first.
    const reach = limit ?? plan[plan.length - 1]?.price;
    const ownReached = reach === undefined ? [] : this.orderList.filter((o) => o.symbol === spec.symbol && isOpen(o) && o.side !== request.side && (isBuy ? o.price <= reach : o.price >= reach));
    if (request.type === 'LIMIT_MAKER' && (plan.length > 0 || ownReached.length > 0)) throw errors.wouldTake();
    this.checkFunds(spec, request, plan);

    // A quote-sized market order reports the quantity it bought or sold as origQty, as Binance does.
    const quantity = request.quantity ?? plan.reduce((sum, c) => sum + c.qty, ZERO);
    const order: Order = {
      symbol: spec.symbol,
      orderId: this.takeOrderId(spec.symbol),
      clientOrderId: request.newClientOrderId ?? randomClientOrderId(this.random),
      side: request.side,
      type: request.type,
      timeInForce: request.type === 'LIMIT' ? request.timeInForce! : 'GTC',
      price: limit ?? ZERO,
      origQty: quantity,
      origQuoteOrderQty: request.quoteOrderQty ?? ZERO,
      executedQty: ZERO,
      cummulativeQuoteQty: ZERO,
      status: 'NEW',
      time: now,
      updateTime: now,
      workingTime: now,
      locked: ZERO,
    };
    this.orderList.push(order);
    if (limit !== undefined) {
      order.locked = isBuy ? mulCeil(limit, order.origQty) : order.origQty;
      this.move(isBuy ? spec.quoteAsset : spec.baseAsset, -order.locked, order.locked);
    }
    this.report(order, 'NEW');

    const fills: AccountTrade[] = [];
    const planned = plan.reduce((sum, c) => sum + c.qty, ZERO);
    const fillOrKillShort = order.timeInForce === 'FOK' && request.type === 'LIMIT' && planned < order.origQty;
    if (!fillOrKillShort) {
      // EXPIRE_MAKER: instead of trading with itself, the account's reached resting orders expire.
      for (const own of ownReached) this.finish(own, 'EXPIRED_IN_MATCH', 'TRADE_PREVENTION');
      for (const chunk of plan) fills.push(this.fill(order, chunk.price, chunk.qty, false));
    }

    // Whatever a market order could not take (the book ran out) and whatever an IOC/FOK order
    // did not fill expires; only GTC limit orders rest.
    const unfilled = order.executedQty < order.origQty || order.origQty === ZERO;
    if (unfilled && (order.type === 'MARKET' || order.timeInForce !== 'GTC')) this.finish(order, 'EXPIRED', 'EXPIRED');
    this.flushAccount();
    this.emit('book', spec.symbol);
    return { order: { ...order }, fills };
  }

  cancel(symbol: string, ref: OrderRef, cancelClientOrderId?: string): CanceledOrder {
    this.requireSpec(symbol);
    const order = this.findOrder(symbol, ref);
    if (!order || !isOpen(order)) throw errors.unknownOrder();
    const cancelId = cancelClientOrderId ?? randomClientOrderId(this.random);
    this.finish(order, 'CANCELED', 'CANCELED', cancelId);
    this.flushAccount();
    this.emit('book', symbol);
    return { order: { ...order }, cancelClientOrderId: cancelId };
  }

  cancelAll(symbol: string): CanceledOrder[] {
    this.requireSpec(symbol);
    const open = this.orderList.filter((o) => o.symbol === symbol && isOpen(o));
    if (open.length === 0) throw errors.unknownOrder();
    const canceled = open.map((order) => {
      const cancelId = randomClientOrderId(this.random);
      this.finish(order, 'CANCELED', 'CANCELED', cancelId);
      return { order: { ...order }, cancelClientOrderId: cancelId };
    });
    this.flushAccount();
    this.emit('book', symbol);
    return canceled;
  }

  /** A deposit (positive) or withdrawal (negative) outside trading. */
  adjustBalance(asset: string, delta: Amount): void {
    const balance = this.balances.get(asset) ?? { free: ZERO, locked: ZERO };
    if (balance.free + delta < ZERO) throw new Error(`${asset} balance would go negative`);
    this.balances.set(asset, balance);
    this.move(asset, delta, ZERO);
    const time = this.clock.now();
    this.emit('balanceDelta', { asset, delta, time });
    this.flushAccount();
  }

  // ---- the rest of the market ----------------------------------------------------------

  /**
   * Someone else trades at `price`: the account's resting orders that the print crosses fill
   * at their own limit (best price, then oldest first), at most `qty` of them in total when
   * given; then the print itself hits the tape and the book re-centres on it.
   */
  marketTrade(symbol: string, price: Amount, qty?: Amount): PublicTrade {
    const spec = this.requireSpec(symbol);
    const tradePrice = max(spec.tickSize, floorTo(price, spec.tickSize));
    const previous = this.lastPrice(symbol);
    let budget = qty;
    const crossing = this.orderList
      .filter((o) => o.symbol === symbol && isOpen(o) && (o.side === 'BUY' ? o.price >= tradePrice : o.price <= tradePrice))
      .sort((a, b) => (a.price === b.price ? a.orderId - b.orderId : (a.side === 'BUY' ? a.price < b.price : a.price > b.price) ? 1 : -1));
    for (const order of crossing) {
      const remaining = order.origQty - order.executedQty;
      const take = budget === undefined ? remaining : min(remaining, budget);
      if (take <= ZERO) break;
      this.fill(order, order.price, take, true);
      if (budget !== undefined) budget -= take;
    }
    const aggressorSells = tradePrice < previous;
    const print = this.print(symbol, tradePrice, qty ?? spec.defaultTradeQty, aggressorSells);
    this.flushAccount();
    this.emit('book', symbol);
    return print;
  }

  // ---- internals -----------------------------------------------------------------------

  private requireSpec(symbol: string): SymbolSpec {
    const spec = this.specs.get(symbol);
    if (!spec) throw errors.invalidSymbol();
    return spec;
  }

  private validate(spec: SymbolSpec, request: NewOrder): void {
    const { type, price, quantity, quoteOrderQty } = request;
    if (type === 'LIMIT') {
      if (request.timeInForce === undefined) throw errors.mandatory('timeInForce');
      if (quantity === undefined) throw errors.mandatory('quantity');
      if (price === undefined) throw errors.mandatory('price');
      if (quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
    } else if (type === 'LIMIT_MAKER') {
      if (request.timeInForce !== undefined) throw errors.notRequired('timeInForce');
      if (quantity === undefined) throw errors.mandatory('quantity');
      if (price === undefined) throw errors.mandatory('price');
      if (quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
    } else {
      if (request.timeInForce !== undefined) throw errors.notRequired('timeInForce');
      if (price !== undefined) throw errors.notRequired('price');
      if (quantity === undefined && quoteOrderQty === undefined) throw errors.eitherMandatory('quantity', 'quoteOrderQty');
      if (quantity !== undefined && quoteOrderQty !== undefined) throw errors.notRequired('quoteOrderQty');
    }
    if (request.newClientOrderId !== undefined && this.orderList.some((o) => o.symbol === spec.symbol && o.clientOrderId === request.newClientOrderId && isOpen(o))) {
      throw errors.duplicateOrder();
    }
    const last = this.lastPrice(spec.symbol);
    if (price !== undefined) {
      if (price < spec.minPrice || price > spec.maxPrice || !isMultipleOf(price, spec.tickSize)) throw errors.filter('PRICE_FILTER');
      const [down, up] = [last / 5n, last * 5n];
      if (price < down || price > up) throw errors.filter('PERCENT_PRICE_BY_SIDE');
    }
    if (quantity !== undefined) {
      if (quantity < spec.minQty || quantity > spec.maxQty || !isMultipleOf(quantity, spec.stepSize)) throw errors.filter('LOT_SIZE');
      if (type === 'MARKET' && quantity > spec.marketMaxQty) throw errors.filter('MARKET_LOT_SIZE');
    }
    const notional = quoteOrderQty ?? mul(price ?? last, quantity ?? ZERO);
    if (notional < spec.minNotional || (type !== 'MARKET' && notional > spec.maxNotional)) throw errors.filter('NOTIONAL');
    if (quoteOrderQty !== undefined && quoteOrderQty <= ZERO) throw errors.invalidValue('quoteOrderQty');
    if (type !== 'MARKET' && this.orderList.filter((o) => o.symbol === spec.symbol && isOpen(o)).length >= MAX_OPEN_ORDERS) throw errors.filter('MAX_NUM_ORDERS');
  }

  /** The fills a taker order would get from the synthetic book (the account's own orders excluded). */
  private planTake(spec: SymbolSpec, request: NewOrder): Chunk[] {
    const isBuy = request.side === 'BUY';
    const levels = syntheticLevels(spec, this.lastPrice(spec.symbol), isBuy ? 'asks' : 'bids');
    const chunks: Chunk[] = [];
    let remainingQty = request.quantity;
    let remainingQuote = request.quoteOrderQty;
    for (const level of levels) {
      if (request.price !== undefined && (isBuy ? level.price > request.price : level.price < request.price)) break;
      let qty: Amount;
      if (remainingQty !== undefined) {
        qty = min(remainingQty, level.qty);
        remainingQty -= qty;
      } else {
        qty = min(level.qty, floorTo(div(remainingQuote!, level.price), spec.stepSize));
        remainingQuote! -= mul(level.price, qty);
      }
      if (qty <= ZERO) break;
      chunks.push({ price: level.price, qty });
      if (remainingQty === ZERO) break;
    }
    return chunks;
  }

  private checkFunds(spec: SymbolSpec, request: NewOrder, plan: readonly Chunk[]): void {
    const isBuy = request.side === 'BUY';
    const free = this.balance(isBuy ? spec.quoteAsset : spec.baseAsset).free;
    let needed: Amount;
    if (request.type !== 'MARKET') needed = isBuy ? mulCeil(request.price!, request.quantity!) : request.quantity!;
    else if (isBuy) needed = request.quoteOrderQty ?? plan.reduce((sum, c) => sum + mulCeil(c.price, c.qty), ZERO);
    else needed = request.quantity ?? plan.reduce((sum, c) => sum + c.qty, ZERO);
    if (needed > free) throw errors.insufficientBalance();
  }

  private fill(order: Order, price: Amount, qty: Amount, isMaker: boolean): AccountTrade {
    const spec = this.requireSpec(order.symbol);
    const isBuy = order.side === 'BUY';
    const quoteQty = mul(price, qty);
    const commission = isBuy ? mulCeil(qty, COMMISSION_RATE) : mulCeil(quoteQty, COMMISSION_RATE);
    const commissionAsset = isBuy ? spec.baseAsset : spec.quoteAsset;
    if (isBuy) {
      // A limit buy pays from its reservation at its limit price; the improvement goes back to free.
      const fromLock = order.type === 'MARKET' ? ZERO : min(order.locked, mulCeil(order.price, qty));
      order.locked -= fromLock;
      this.move(spec.quoteAsset, fromLock - quoteQty, -fromLock);
      this.move(spec.baseAsset, qty - commission, ZERO);
    } else {
      const fromLock = order.type === 'MARKET' ? ZERO : min(order.locked, qty);
      order.locked -= fromLock;
      this.move(spec.baseAsset, fromLock - qty, -fromLock);
      this.move(spec.quoteAsset, quoteQty - commission, ZERO);
    }
    order.executedQty += qty;
    order.cummulativeQuoteQty += quoteQty;
    const time = this.clock.now();
    order.updateTime = time;
    const filled = order.executedQty >= order.origQty && order.origQty > ZERO;
    order.status = filled ? 'FILLED' : 'PARTIALLY_FILLED';
    if (filled) this.releaseLock(order);
    const print = this.print(order.symbol, price, qty, isBuy === isMaker, order);
    const trade: AccountTrade = { symbol: order.symbol, id: print.id, orderId: order.orderId, price, qty, quoteQty, commission, commissionAsset, time, isBuyer: isBuy, isMaker };
    this.tradeList.push(trade);
    this.report(order, 'TRADE', { lastQty: qty, lastPrice: price, lastQuoteQty: quoteQty, commission, commissionAsset, tradeId: trade.id, isMaker });
    return { ...trade };
  }

  private finish(order: Order, status: OrderStatus, executionType: ExecutionType, cancelClientOrderId?: string): void {
    order.status = status;
    order.updateTime = this.clock.now();
    this.releaseLock(order);
    this.report(order, executionType, { cancelClientOrderId });
  }

  private releaseLock(order: Order): void {
    if (order.locked === ZERO) return;
    const spec = this.requireSpec(order.symbol);
    this.move(order.side === 'BUY' ? spec.quoteAsset : spec.baseAsset, order.locked, -order.locked);
    order.locked = ZERO;
  }

  private move(asset: string, freeDelta: Amount, lockedDelta: Amount): void {
    if (freeDelta === ZERO && lockedDelta === ZERO) return;
    const balance = this.balances.get(asset) ?? { free: ZERO, locked: ZERO };
    balance.free += freeDelta;
    balance.locked += lockedDelta;
    this.balances.set(asset, balance);
    this.changedAssets.add(asset);
  }

  private flushAccount(): void {
    if (this.changedAssets.size === 0) return;
    const assets = [...this.changedAssets];
    this.changedAssets.clear();
    this.emit('account', { assets, time: this.clock.now() });
  }

  private print(symbol: string, price: Amount, qty: Amount, buyerIsMaker: boolean, own?: Order): PublicTrade {
    const id = this.nextTradeId.get(symbol)!;
    this.nextTradeId.set(symbol, id + 1);
    // The other side of every print is some other participant's order id.
    const counterparty = this.takeOrderId(symbol);
    const ownId = own?.orderId ?? this.takeOrderId(symbol);
    const ownIsBuyer = own ? own.side === 'BUY' : true;
    const trade: PublicTrade = {
      symbol,
      id,
      price,
      qty,
      time: this.clock.now(),
      buyerIsMaker,
      buyerOrderId: ownIsBuyer ? ownId : counterparty,
      sellerOrderId: ownIsBuyer ? counterparty : ownId,
    };
    // The last price is the last print, already when listeners hear about it.
    this.lastPrices.set(symbol, price);
    const tape = this.tape.get(symbol)!;
    tape.push(trade);
    if (tape.length > 1000) tape.splice(0, tape.length - 1000);
    this.emit('print', trade);
    return trade;
  }

  private takeOrderId(symbol: string): number {
    const id = this.nextOrderId.get(symbol)!;
    this.nextOrderId.set(symbol, id + 1);
    return id;
  }

  private report(order: Order, executionType: ExecutionType, extra: Partial<Omit<Execution, 'order' | 'executionType' | 'time'>> = {}): void {
    this.emit('execution', {
      order: { ...order },
      executionType,
      time: this.clock.now(),
      lastQty: ZERO,
      lastPrice: ZERO,
      lastQuoteQty: ZERO,
      commission: ZERO,
      commissionAsset: null,
      tradeId: -1,
      isMaker: false,
      ...extra,
    });
  }
}

/** Start balances as amounts (tests pass plain numbers or decimal strings). */
export function toAmounts(balances: Readonly<Record<string, number | string>>): Record<string, Amount> {
  return Object.fromEntries(Object.entries(balances).map(([asset, value]) => [asset, typeof value === 'number' ? fromNumber(value) : fromNumber(Number(value))]));
}

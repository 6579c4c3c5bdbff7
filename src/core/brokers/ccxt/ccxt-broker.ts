import type { Balances, Exchange, Order as CcxtOrder, Trade } from 'ccxt';
import { LRUCache } from 'lru-cache';
import type { Instrument } from '../../../shared/market/instrument';
import { gridRounder } from '../../../shared/numbers/steps';
import type { Fill } from '../../../shared/trading/fill';
import { lotsCost, lotsQty } from '../../../shared/trading/fifo-lots';
import { isWorking, type Order } from '../../../shared/trading/order';
import type { AccountMoney, Broker, BrokerCapabilities, BrokerEvent, PlaceOrder, PositionState } from '../broker';
import { BrokerNetworkError, InvalidOrderError, OrderFinalError, OrderNotFoundError, OrderRejectedError } from '../broker-errors';
import { applyFillToPosition, flatPosition } from '../position-state';
import { newOrder } from '../../trading/new-order';
import type { FxRates, QuoteSource } from '../../trading/fx-rates';
import type { Clock, Logger } from '../../ports';
import { backoffDelay, type BackoffPolicy } from '../live/backoff';
import { exchangeMessage, isCcxtError, isUnknownOutcome, toBrokerError } from './ccxt-errors';
import { exchangeSymbolOf, venueSymbol } from './ccxt-instruments';
import { adoptExchangeOrder, applyExchangeOrder } from './ccxt-orders';
import type { StreamCounters } from './guard-messages';
import type { Retrier } from './with-retries';

export interface LiveAccountConfig {
  currency: string;
  venue: string;
}

export interface CcxtBrokerState {
  balance: number;
  realizedPnl: number;
  fillSeq: number;
  positions: PositionState[];
  workingOrders: readonly Order[];
  /** Time of the newest fill stored: fills are fetched from just before it after a reconnect. */
  lastFillTime: number | null;
  /** Ids of the fills stored around `lastFillTime`, so a refetched one is not booked twice. */
  recentFillIds: readonly string[];
}

export interface CcxtBrokerDeps {
  accountId: string;
  config: () => LiveAccountConfig;
  exchange: Exchange;
  retry: Retrier;
  instrument(symbol: string): Instrument | undefined;
  quotes: QuoteSource;
  fx: FxRates;
  clock: Clock;
  log: Logger;
  newId(): string;
  counters: StreamCounters;
  initial: CcxtBrokerState;
  history: { orderByClientId(clientOrderId: string): Order | undefined; order(orderId: string): Order | undefined; fillsSince(cursor: number, limit: number): Fill[] };
  /** Pauses of the user-data streams while disconnected. */
  connection: { whenUp(): Promise<void>; failed(reason: string): void; activity(): void };
  backoff: BackoffPolicy;
  /** How long a placement with an unknown outcome keeps asking the exchange (default 30 s). */
  resolveForMs?: number;
}

export interface CcxtBroker extends Broker {
  /** Balances as last read or streamed. */
  balances(): Balances | undefined;
  setBalances(balances: Balances): void;
  /** Applies an order as the exchange reports it; returns what changed, if anything. */
  applyOrder(o: CcxtOrder, events: BrokerEvent[]): Order | undefined;
  /** Books a fill as the exchange reports it, once; returns it when it was new. */
  applyTrade(t: Trade, events: BrokerEvent[]): Promise<Fill | undefined>;
  /** Working orders as we know them, in-flight ones included. */
  knownWorking(): Order[];
  /** An order by the exchange's id or our client order id, from memory or the store. */
  localOrder(venueOrderId: string | undefined, clientOrderId: string | undefined): Order | undefined;
  setPosition(position: PositionState, events: BrokerEvent[]): void;
  /** Records an order state decided here (an order that never reached the exchange). */
  setOrder(order: Order, events: BrokerEvent[]): void;
  /** The account's money as a persistable event. */
  accountEvent(): BrokerEvent;
  emit(events: BrokerEvent[]): void;
  lastFillTime(): number | null;
  /** Starts the user-data streams (orders, fills, balances). */
  startStreams(): void;
  housekeeping(now: number): void;
}

const CAPABILITIES: BrokerCapabilities = { orderTypes: ['market', 'limit'], tifs: ['GTC', 'IOC', 'FOK'], brackets: false, reduceOnly: true, modify: false, shorting: false };
/** Ended orders held in memory; older ones are read from the stored history. */
const RECENT_FINAL = 2000;
/** Fill ids remembered to drop repeats: the REST fallback only asks for fills since the last one seen. */
const RECENT_FILLS = 20_000;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const fillIdOf = (t: Trade): string => `${t.symbol ?? '?'}:${t.id ?? `${t.order ?? '?'}@${t.timestamp ?? 0}`}`;

/**
 * A live spot account at an exchange through ccxt. Orders go out with our client order id; a
 * placement whose answer is lost is resolved by asking for that id before anything is sent again.
 * Orders, fills and balances stream from the exchange; positions are the FIFO lots of the fills,
 * reconciled with the exchange's holdings after every (re)connect.
 */
export function createCcxtBroker(deps: CcxtBrokerDeps): CcxtBroker {
  const { accountId, exchange, clock, log, counters } = deps;
  const orders = new Map<string, Order>();
  const byClient = new Map<string, string>();
  const byVenue = new Map<string, string>();
  /** Ended orders lately seen; one dropped takes its id lookups with it, so a long run stays bounded. */
  const finals = new LRUCache<string, Order>({
    max: RECENT_FINAL,
    dispose: (o, id, reason) => {
      if (reason !== 'evict') return;
      if (byClient.get(o.clientOrderId) === id) byClient.delete(o.clientOrderId);
      if (o.venueOrderId && byVenue.get(o.venueOrderId) === id) byVenue.delete(o.venueOrderId);
    },
  });
  const positions = new Map(deps.initial.positions.map((p) => [p.symbol, p]));
  /** Fills already applied (the stream and the REST fallback overlap); the oldest are forgotten first. */
  const seenFills = new LRUCache<string, true>({ max: RECENT_FILLS });
  for (const id of deps.initial.recentFillIds) seenFills.set(id, true);
  const listeners = new Set<(events: readonly BrokerEvent[]) => void>();
  let balances: Balances | undefined;
  let balance = deps.initial.balance;
  let realizedPnl = deps.initial.realizedPnl;
  let fillSeq = deps.initial.fillSeq;
  let lastFillTime = deps.initial.lastFillTime;
  let streaming = false;
  let closed = false;

  const currency = (): string => deps.config().currency;
  const rate = (quoteCurrency: string): number | undefined => deps.fx.rate(quoteCurrency, currency());
  const mark = (symbol: string): number | undefined => deps.quotes.lastQuote(symbol)?.last;
  const rounders = new Map<string, (q: number) => number>();
  const roundQty = (symbol: string): ((q: number) => number) => {
    let r = rounders.get(symbol);
    if (!r) {
      r = gridRounder(deps.instrument(symbol)?.lotStep ?? 1e-8);
      rounders.set(symbol, r);
    }
    return r;
  };

  const index = (o: Order): void => {
    if (isWorking(o.status)) {
      orders.set(o.id, o);
      finals.delete(o.id);
    } else {
      orders.delete(o.id);
      finals.set(o.id, o);
    }
    byClient.set(o.clientOrderId, o.id);
    if (o.venueOrderId) byVenue.set(o.venueOrderId, o.id);
  };
  for (const o of deps.initial.workingOrders) index(o);

  const emit = (events: BrokerEvent[]): void => {
    if (events.length === 0 || closed) return;
    for (const l of listeners) l(events);
  };
  const accountEvent = (): BrokerEvent => ({ type: 'account', balance, realizedPnl, fillSeq });

  const localOrder = (venueOrderId: string | undefined, clientOrderId: string | undefined): Order | undefined => {
    const id = (venueOrderId && byVenue.get(venueOrderId)) || (clientOrderId && byClient.get(clientOrderId));
    if (id) return orders.get(id) ?? finals.get(id);
    return clientOrderId ? deps.history.orderByClientId(clientOrderId) : undefined;
  };

  const symbolOf = (exchangeSymbol: string | undefined): string | undefined => (exchangeSymbol ? venueSymbol(deps.config().venue, exchangeSymbol) : undefined);

  const applyOrder = (o: CcxtOrder, events: BrokerEvent[]): Order | undefined => {
    const local = localOrder(o.id ?? undefined, o.clientOrderId ?? undefined);
    if (!local) {
      const symbol = symbolOf(o.symbol ?? undefined);
      if (!symbol || !deps.instrument(symbol)) return undefined;
      const adopted = adoptExchangeOrder(o, { id: deps.newId(), accountId, symbol }, clock.now());
      if (!adopted) return undefined;
      index(adopted);
      events.push({ type: 'order', order: adopted });
      return adopted;
    }
    const next = applyExchangeOrder(local, o, clock.now());
    if (!next) {
      counters.outOfOrder++;
      return undefined;
    }
    if (next === local) return undefined;
    index(next);
    events.push({ type: 'order', order: next });
    return next;
  };

  /** The fee in the account currency, and how much of the base asset it took. */
  const feeOf = (t: Trade, inst: Instrument, fxRate: number): { fee: number; baseFee: number } => {
    const cost = finite(t.fee?.cost) ? t.fee.cost : 0;
    const feeCurrency = t.fee?.currency;
    if (cost === 0 || !feeCurrency) return { fee: 0, baseFee: 0 };
    const [base] = (exchangeSymbolOf(deps.config().venue, inst.symbol) ?? '').split('/');
    if (feeCurrency === inst.quoteCurrency) return { fee: cost * fxRate, baseFee: 0 };
    if (feeCurrency === base) return { fee: cost * (t.price ?? 0) * fxRate, baseFee: cost };
    // Paid in a third asset (BNB): valued at its market if we follow one, else left at zero.
    const viaMarket = mark(venueSymbol(deps.config().venue, `${feeCurrency}/${currency()}`));
    return { fee: viaMarket ? cost * viaMarket : 0, baseFee: 0 };
  };

  const applyTrade = async (t: Trade, events: BrokerEvent[]): Promise<Fill | undefined> => {
    const fillId = fillIdOf(t);
    if (seenFills.has(fillId)) return undefined;
    const symbol = symbolOf(t.symbol ?? undefined);
    const inst = symbol ? deps.instrument(symbol) : undefined;
    if (!symbol || !inst || !finite(t.price) || !finite(t.amount) || t.amount <= 0 || t.price <= 0 || (t.side !== 'buy' && t.side !== 'sell')) {
      counters.malformed++;
      return undefined;
    }
    const clientOrderId = typeof t.info?.c === 'string' ? (t.info.c as string) : undefined;
    let order = localOrder(t.order ?? undefined, clientOrderId);
    if (!order && t.order) {
      // A fill of an order placed elsewhere: adopt the order first, a fill needs one.
      const fetched = await deps.retry(`order ${t.order}`, () => exchange.fetchOrder(t.order!, t.symbol ?? undefined));
      if (seenFills.has(fillId)) return undefined;
      applyOrder(fetched, events);
      order = localOrder(t.order, fetched.clientOrderId ?? undefined);
    }
    if (!order) {
      counters.malformed++;
      return undefined;
    }
    seenFills.set(fillId, true);
    const time = finite(t.timestamp) ? t.timestamp : clock.now();
    const fxRate = rate(inst.quoteCurrency) ?? 1;
    const { fee, baseFee } = feeOf(t, inst, fxRate);
    const round = roundQty(symbol);
    // Commission taken in the bought asset leaves less of it: the lots hold what the account holds.
    const held = t.side === 'buy' ? round(t.amount - baseFee) : t.amount;
    const prev = positions.get(symbol) ?? flatPosition(symbol, time);
    const after = applyFillToPosition(prev, { side: t.side, qty: held, price: t.price, fxRate, fee, time }, round);
    positions.set(symbol, after.position);
    fillSeq++;
    realizedPnl += after.realizedPnl - fee;
    lastFillTime = Math.max(lastFillTime ?? 0, time);
    const fill: Fill = {
      id: fillId,
      seq: fillSeq,
      accountId,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      symbol,
      side: t.side,
      qty: t.amount,
      price: t.price,
      fee,
      liquidity: t.takerOrMaker === 'maker' ? 'maker' : 'taker',
      fxRate,
      realizedPnl: after.realizedPnl,
      time,
    };
    // The order stream may lag its fills: the order shows at least what has filled.
    const filledQty = round(Math.max(order.filledQty, 0) + t.amount);
    if (isWorking(order.status) && filledQty > order.filledQty && filledQty <= order.qty) {
      const avg = ((order.avgFillPrice ?? 0) * order.filledQty + t.price * t.amount) / filledQty;
      const updated: Order = { ...order, filledQty, avgFillPrice: avg, status: filledQty >= order.qty ? 'filled' : 'partially_filled', updatedAt: Math.max(order.updatedAt, time) };
      index(updated);
      events.push({ type: 'order', order: updated });
    } else if (!events.some((e) => e.type === 'order' && e.order.id === order.id)) {
      // The fill row refers to its order: make sure the order row is written in the same batch.
      events.push({ type: 'order', order });
    }
    events.push({ type: 'fill', fill }, { type: 'position', position: after.position }, accountEvent());
    return fill;
  };

  const setBalances = (next: Balances): void => {
    balances = next;
    const total = (next.total as unknown as Record<string, number | undefined> | undefined)?.[currency()];
    if (finite(total)) balance = total;
  };

  const money = (): AccountMoney => {
    let marketValue = 0;
    let cost = 0;
    for (const p of positions.values()) {
      const inst = deps.instrument(p.symbol);
      const q = inst ? lotsQty(p.lots, roundQty(p.symbol)) : 0;
      const c = lotsCost(p.lots);
      const px = mark(p.symbol);
      const r = inst ? rate(inst.quoteCurrency) : undefined;
      cost += c;
      marketValue += px !== undefined && r !== undefined ? q * px * r : c;
    }
    const free = (balances?.free as unknown as Record<string, number | undefined> | undefined)?.[currency()];
    return { balance, equity: balance + marketValue, unrealizedPnl: marketValue - cost, realizedPnl, marginUsed: 0, buyingPower: finite(free) ? free : balance };
  };

  /** Asks the exchange for the order with this client id: the order, or undefined if it never arrived. */
  const lookUp = async (request: PlaceOrder, ex: string): Promise<CcxtOrder | undefined> => {
    try {
      return await deps.retry(`order ${request.clientOrderId}`, () => exchange.fetchOrder('', ex, { clientOrderId: request.clientOrderId }), { attempts: 2 });
    } catch (error) {
      if (isCcxtError(error, 'OrderNotFound')) return undefined;
      throw error;
    }
  };

  const reject = (order: Order, reason: string): Order => {
    const rejected: Order = { ...order, status: 'rejected', reason, updatedAt: clock.now() };
    index(rejected);
    emit([{ type: 'order', order: rejected }]);
    return rejected;
  };

  const send = async (request: PlaceOrder, ex: string): Promise<CcxtOrder> => {
    const params: Record<string, unknown> = { clientOrderId: request.clientOrderId };
    if (request.type === 'limit') params['timeInForce'] = request.tif;
    return deps.retry(`placing ${request.clientOrderId}`, () => exchange.createOrder(ex, request.type, request.side, request.qty, request.type === 'limit' ? request.price : undefined, params), {
      idempotent: false,
      attempts: 3,
    });
  };

  const placeOrder = async (request: PlaceOrder): Promise<Order> => {
    const inst = deps.instrument(request.symbol);
    const ex = exchangeSymbolOf(deps.config().venue, request.symbol);
    if (!inst || !ex) throw new InvalidOrderError(`${request.symbol} is not traded at this account's exchange`);
    if (!CAPABILITIES.orderTypes.includes(request.type)) throw new InvalidOrderError(`${deps.config().venue} spot takes market and limit orders here; a ${request.type.replace('_', '-')} order is not supported`);
    if (!CAPABILITIES.tifs.includes(request.tif)) throw new InvalidOrderError(`${request.tif} is not supported by ${deps.config().venue}; use GTC, IOC or FOK`);
    if (request.bracket) throw new InvalidOrderError('Brackets are not supported on live spot accounts yet');
    if (request.reduceOnly || request.side === 'sell') {
      // Spot cannot go short: a sell (and any reduce-only order) is limited to what is held.
      const held = lotsQty(positions.get(request.symbol)?.lots ?? [], roundQty(request.symbol));
      if (request.side === 'sell' && request.qty > held + 1e-12) throw new InvalidOrderError(`Sells ${request.qty} but the account holds ${held}: spot accounts cannot sell short`);
      if (request.reduceOnly && request.side === 'buy') throw new InvalidOrderError('Nothing to reduce: a spot account holds no short position');
    }
    let order = newOrder(request, { id: deps.newId(), accountId }, clock.now(), null);
    index(order);
    // Recorded before it is sent: if the app dies now, the next reconciliation finds it by its id.
    emit([{ type: 'order', order }]);
    const resolveUntil = clock.now() + (deps.resolveForMs ?? 30_000);
    let resent = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await send(request, ex);
        const events: BrokerEvent[] = [];
        order = applyOrder(response, events) ?? localOrder(response.id ?? undefined, request.clientOrderId) ?? order;
        emit(events);
        return order;
      } catch (error) {
        if (!isUnknownOutcome(error)) {
          const mapped = toBrokerError(error);
          if (mapped instanceof OrderRejectedError) throw new OrderRejectedError(mapped.message, reject(order, mapped.message));
          reject(order, `Not sent: ${mapped.message}`);
          throw mapped;
        }
        log.warn({ clientOrderId: request.clientOrderId, err: exchangeMessage(error) }, 'placement outcome unknown; asking the exchange by client order id');
      }
      // The exchange may or may not have the order: ask for it by its client order id, and only
      // when it certainly does not have it, send it once more (with the same id).
      for (let ask = 0; ; ask++) {
        try {
          const found = await lookUp(request, ex);
          if (found) {
            const events: BrokerEvent[] = [];
            order = applyOrder(found, events) ?? localOrder(found.id ?? undefined, request.clientOrderId) ?? order;
            emit(events);
            log.info({ clientOrderId: request.clientOrderId, venueOrderId: found.id }, 'placement with a lost answer found at the exchange');
            return order;
          }
          break;
        } catch (error) {
          if (clock.now() >= resolveUntil) {
            order = { ...order, reason: 'Outcome unknown: the exchange did not answer; it will be reconciled when the connection is back' };
            index(order);
            emit([{ type: 'order', order }]);
            throw new BrokerNetworkError(`The exchange did not confirm the order and cannot be asked now (${exchangeMessage(error)}); it will be reconciled when the connection is back`);
          }
          await new Promise((resolve) => setTimeout(resolve, backoffDelay(ask, deps.backoff)).unref());
        }
      }
      if (resent || attempt >= 1) {
        throw new OrderRejectedError('The exchange did not take the order', reject(order, 'The exchange did not take the order (sent twice, not found by its client order id)'));
      }
      resent = true;
    }
  };

  const cancelOrder = async (orderId: string): Promise<Order> => {
    const order = orders.get(orderId) ?? finals.get(orderId) ?? deps.history.order(orderId);
    if (!order) throw new OrderNotFoundError(`No order ${orderId}`);
    if (!isWorking(order.status)) throw new OrderFinalError(`The order is already ${order.status}`);
    const ex = exchangeSymbolOf(deps.config().venue, order.symbol)!;
    const events: BrokerEvent[] = [];
    try {
      const response = await deps.retry(`cancelling ${order.clientOrderId}`, () => exchange.cancelOrder(order.venueOrderId ?? '', ex, order.venueOrderId ? {} : { clientOrderId: order.clientOrderId }));
      applyOrder(response.status ? response : { ...response, status: 'canceled' }, events);
    } catch (error) {
      if (!(isCcxtError(error, 'OrderNotFound'))) throw toBrokerError(error);
      // Gone already (filled or cancelled meanwhile): learn how it ended.
      const final = await deps.retry(`order ${order.clientOrderId}`, () => exchange.fetchOrder(order.venueOrderId ?? '', ex, order.venueOrderId ? {} : { clientOrderId: order.clientOrderId }));
      const applied = applyOrder(final, events);
      emit(events);
      throw new OrderFinalError(`The order is already ${(applied ?? order).status}`);
    }
    emit(events);
    return orders.get(orderId) ?? finals.get(orderId) ?? order;
  };

  /** One user-data stream: waits while disconnected, reports failures to the connection. */
  const loop = async (name: string, step: () => Promise<void>): Promise<void> => {
    while (!closed) {
      await deps.connection.whenUp();
      if (closed) return;
      try {
        await step();
        deps.connection.activity();
      } catch (error) {
        if (closed) return;
        log.warn({ stream: name, err: exchangeMessage(error) }, 'account stream failed');
        deps.connection.failed(`${name} stream: ${exchangeMessage(error)}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  const api: CcxtBroker = {
    accountId,
    capabilities: CAPABILITIES,
    instruments: () => [],
    account: money,
    positions: () => [...positions.values()].filter((p) => p.lots.length > 0),
    mark,
    fxRate: rate,
    openOrders: () => [...orders.values()],
    async orderByClientId(clientOrderId) {
      return localOrder(undefined, clientOrderId);
    },
    placeOrder,
    cancelOrder,
    async modifyOrder() {
      throw new InvalidOrderError('Live spot orders cannot be modified in place: cancel and place again');
    },
    async fillsSince(cursor, limit) {
      return deps.history.fillsSince(cursor, limit);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    balances: () => balances,
    setBalances,
    applyOrder,
    applyTrade,
    knownWorking: () => [...orders.values()],
    localOrder,
    setPosition(position, events) {
      positions.set(position.symbol, position);
      events.push({ type: 'position', position });
    },
    setOrder(order, events) {
      index(order);
      events.push({ type: 'order', order });
    },
    accountEvent,
    emit,
    lastFillTime: () => lastFillTime,
    startStreams() {
      if (streaming) return;
      streaming = true;
      void loop('orders', async () => {
        const updates = await exchange.watchOrders();
        const events: BrokerEvent[] = [];
        for (const o of updates) applyOrder(o, events);
        emit(events);
      });
      void loop('fills', async () => {
        const trades = await exchange.watchMyTrades();
        const events: BrokerEvent[] = [];
        for (const t of trades) await applyTrade(t, events);
        emit(events);
      });
      void loop('balances', async () => {
        setBalances(await exchange.watchBalance());
        emit([accountEvent()]);
      });
    },
    housekeeping() {
      // Nothing expires locally: the exchange runs its own time in force.
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
  return api;
}

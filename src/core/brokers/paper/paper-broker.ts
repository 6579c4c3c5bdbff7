import { LRUCache } from 'lru-cache';
import type { Quote } from '../../../shared/contract';
import type { Instrument } from '../../../shared/market/instrument';
import { isMarketOpen, tradingDayEnd } from '../../../shared/market/trading-hours';
import { gridFloor, gridRounder } from '../../../shared/numbers/steps';
import type { Fill } from '../../../shared/trading/fill';
import { isWorking, opposite, sideSign, type Order, type OrderChanges, type Side } from '../../../shared/trading/order';
import type { Clock } from '../../ports';
import { formatMoney } from '../../trading/format-money';
import type { FxRates, QuoteSource } from '../../trading/fx-rates';
import { newOrder } from '../../trading/new-order';
import { whenQuoted, withTimeout } from '../../trading/when-quoted';
import type { AccountMoney, Broker, BrokerCapabilities, BrokerEvent, PlaceOrder } from '../broker';
import { BrokerUnavailableError, InsufficientFundsError, InvalidOrderError, MarketClosedError, OrderFinalError, OrderNotFoundError } from '../broker-errors';
import { walkBook, walkedPrice, walkedQty, type BookFill } from './book-model';
import { createPaperLedger, type LedgerState, type PaperAccountConfig } from './paper-ledger';

export const PAPER_CAPABILITIES: BrokerCapabilities = {
  orderTypes: ['market', 'limit', 'stop', 'stop_limit'],
  tifs: ['GTC', 'IOC', 'FOK', 'DAY'],
  brackets: true,
  reduceOnly: true,
  modify: true,
  shorting: true,
};

export interface PaperBrokerDeps {
  accountId: string;
  config: () => PaperAccountConfig;
  instruments: readonly Instrument[];
  quotes: QuoteSource;
  fx: FxRates;
  clock: Clock;
  newId: () => string;
  /** Persisted state to resume from: money, positions and the orders still working. */
  initial: LedgerState & { workingOrders: readonly Order[] };
  /** The persisted history, for what is no longer in memory. */
  history: { orderByClientId(clientOrderId: string): Order | undefined; order(orderId: string): Order | undefined; fillsSince(cursor: number, limit: number): Fill[] };
  /** How long a placement waits for a first quote of a symbol not followed yet. */
  quoteTimeoutMs?: number;
  /** How long quotes of a symbol stay followed after its last order or position (default 60 s). */
  lingerMs?: number;
  /** Ended orders answered from memory before history is asked (default 10,000). */
  recentEnded?: number;
}

export interface PaperBroker extends Broker {
  /** Expires DAY orders whose session has ended. */
  housekeeping(now: number): void;
  /** Cancels everything working and starts over with `balance` and no positions. */
  reset(balance: number): void;
}

/** What a position of signed size `pos` lets an order on `side` reduce: all of it, or nothing. */
const reducibleQty = (pos: number, side: Side): number => (Math.sign(pos) === -sideSign(side) ? Math.abs(pos) : 0);

/** A quote can be traded against: the venue is in session and the quote shows size. */
const tradable = (inst: Instrument, quote: Quote, time: number): boolean => isMarketOpen(inst.tradingHours, time) && quote.bidSize + quote.askSize > 0;

/**
 * A simulated broker for one account: orders match against the live quotes of the market feed —
 * market orders walk a modelled book, limits fill at their price when the quote reaches them, stops
 * trigger on the quote — with fees, margin, FIFO positions and brackets as OCO pairs.
 */
export function createPaperBroker(deps: PaperBrokerDeps): PaperBroker {
  const { accountId, clock, fx, quotes } = deps;
  const instruments = new Map(deps.instruments.map((i) => [i.symbol, i]));
  const working = new Map<string, Order>();
  const bySymbol = new Map<string, Set<Order>>();
  /** Working orders by client order id. */
  const byClientId = new Map<string, Order>();
  /**
   * Orders that ended lately, by client order id: a retried placement is answered from here until
   * the trading service has stored the order (on the next turn); older ones are read from history.
   * Bounded, so a broker that runs for months does not hold every order it ever took.
   */
  const ended = new LRUCache<string, Order>({ max: deps.recentEnded ?? 10_000 });
  const knownOrder = (clientOrderId: string): Order | undefined => byClientId.get(clientOrderId) ?? ended.get(clientOrderId);
  const watches = new Map<string, () => void>();
  const listeners = new Set<(events: readonly BrokerEvent[]) => void>();
  // Each instrument's rounders, made once: matching calls them on every quote.
  const grids = new Map(deps.instruments.map((i) => [i.symbol, { qty: gridRounder(i.lotStep), px: gridRounder(i.tickSize), floorQty: gridFloor(i.lotStep) }]));
  const rq = (symbol: string): ((q: number) => number) => grids.get(symbol)!.qty;
  const rp = (symbol: string): ((p: number) => number) => grids.get(symbol)!.px;
  const fq = (symbol: string): ((q: number) => number) => grids.get(symbol)!.floorQty;

  const currency = (): string => deps.config().currency;
  const rate = (quoteCurrency: string): number | undefined => fx.rate(quoteCurrency, currency());
  const mark = (symbol: string): number | undefined => quotes.lastQuote(symbol)?.last;
  const ledger = createPaperLedger(deps.config, deps.initial, instruments, rq, mark, rate);

  let batch: BrokerEvent[] | undefined;
  const emit = (event: BrokerEvent): void => {
    if (batch) batch.push(event);
    else for (const l of listeners) l([event]);
  };
  /** Runs one operation and delivers everything it changed as one batch, even when it throws. */
  const atomically = <T>(fn: () => T): T => {
    if (batch) return fn();
    batch = [];
    try {
      return fn();
    } finally {
      const events = batch;
      batch = undefined;
      if (events.length > 0) for (const l of listeners) l(events);
    }
  };

  const snapshot = (o: Order): Order => ({ ...o, bracket: o.bracket ? { ...o.bracket } : null });
  const emitOrder = (o: Order): void => emit({ type: 'order', order: snapshot(o) });
  const emitAccount = (): void => {
    const s = ledger.state();
    emit({ type: 'account', balance: s.balance, realizedPnl: s.realizedPnl, fillSeq: s.fillSeq });
  };

  // ---- following quotes: a symbol is watched while it has working orders or a position

  const onQuote = (quote: Quote): void => {
    const inst = instruments.get(quote.symbol);
    if (!inst) return;
    atomically(() => {
      const open = tradable(inst, quote, quote.time);
      // Resting orders share what the quote shows: the first in line take it first.
      const shown = { bid: quote.bidSize, ask: quote.askSize };
      for (const o of [...(bySymbol.get(quote.symbol) ?? [])]) {
        if (!isWorking(o.status)) continue;
        // An order past its DAY end never trades, even if housekeeping has not run yet.
        if (o.expiresAt !== null && o.expiresAt <= quote.time) finish(o, 'expired', 'DAY order: the trading day ended');
        else if (open) matchResting(o, inst, quote, shown);
      }
      if (ledger.qty(quote.symbol) !== 0) emit({ type: 'marks' });
    });
  };

  const lingering = new Map<string, NodeJS.Timeout>();
  const watch = (symbol: string): void => {
    const pending = lingering.get(symbol);
    if (pending) {
      clearTimeout(pending);
      lingering.delete(symbol);
    }
    if (!watches.has(symbol)) watches.set(symbol, quotes.watchQuotes(symbol, onQuote));
  };
  const idle = (symbol: string): boolean => (bySymbol.get(symbol)?.size ?? 0) === 0 && ledger.qty(symbol) === 0;
  /** A symbol traded a moment ago is likely traded again: keep its quotes for a while, then let go. */
  const unwatchIfIdle = (symbol: string): void => {
    if (!idle(symbol) || lingering.has(symbol) || !watches.has(symbol)) return;
    const timer = setTimeout(() => {
      lingering.delete(symbol);
      if (!idle(symbol)) return;
      watches.get(symbol)?.();
      watches.delete(symbol);
    }, deps.lingerMs ?? 60_000);
    timer.unref();
    lingering.set(symbol, timer);
  };

  /** The latest quote of a symbol, and its currency rate, waiting for them after it starts being followed. */
  const quoteFor = async (inst: Instrument): Promise<Quote> => {
    watch(inst.symbol);
    if (!fx.follow(inst.quoteCurrency, currency())) throw new InvalidOrderError(`No conversion from ${inst.quoteCurrency} to ${currency()} on this market`);
    const known = quotes.lastQuote(inst.symbol);
    if (known && rate(inst.quoteCurrency) !== undefined) return known;
    const timeoutMs = deps.quoteTimeoutMs ?? 5000;
    const [quote, rated] = await Promise.all([whenQuoted(quotes, inst.symbol, timeoutMs), withTimeout(fx.ready(inst.quoteCurrency, currency()), timeoutMs)]);
    if (!quote) throw new BrokerUnavailableError(`No quote for ${inst.symbol} yet: the feed may be unavailable`);
    if (!rated) throw new BrokerUnavailableError(`No ${inst.quoteCurrency}/${currency()} rate yet to value ${inst.symbol}`);
    return quotes.lastQuote(inst.symbol) ?? quote;
  };

  // ---- order book of this account

  const track = (o: Order): void => {
    working.set(o.id, o);
    byClientId.set(o.clientOrderId, o);
    let set = bySymbol.get(o.symbol);
    if (!set) {
      set = new Set();
      bySymbol.set(o.symbol, set);
    }
    set.add(o);
    watch(o.symbol);
  };
  const untrack = (o: Order): void => {
    working.delete(o.id);
    byClientId.delete(o.clientOrderId);
    ended.set(o.clientOrderId, o);
    bySymbol.get(o.symbol)?.delete(o);
  };
  /** The first working order of `symbol` (in placement order) that matches. */
  const findWorking = (symbol: string, match: (o: Order) => boolean): Order | undefined => {
    for (const o of bySymbol.get(symbol) ?? []) if (match(o)) return o;
    return undefined;
  };
  const finish = (o: Order, status: 'cancelled' | 'expired' | 'filled', reason: string | null): void => {
    o.status = status;
    if (reason !== null) o.reason = reason;
    o.updatedAt = clock.now();
    untrack(o);
    emitOrder(o);
    unwatchIfIdle(o.symbol);
  };
  const remaining = (o: Order): number => rq(o.symbol)(o.qty - o.filledQty);

  // ---- fills

  /**
   * Books a fill of up to `qtyIn`, less what the order may not take: a reduce-only order no more
   * than the position, a cash account no short and no more than its cash buys. An order cut back
   * that way is cancelled with the reason. Returns the quantity filled.
   */
  const fill = (o: Order, inst: Instrument, qtyIn: number, price: number, liquidity: 'maker' | 'taker'): number => {
    const fxRate = rate(inst.quoteCurrency);
    // No conversion rate yet (just restarted): wait for it rather than fill at an invented one.
    if (fxRate === undefined) return 0;
    const cfg = deps.config();
    const pos = ledger.qty(o.symbol);
    let qty = qtyIn;
    let cut: string | null = null;
    if (o.reduceOnly) {
      const reducible = reducibleQty(pos, o.side);
      if (reducible < qty) [qty, cut] = [reducible, `Reduce-only: the ${o.symbol} position left only ${reducible} to reduce`];
    }
    if (cfg.type === 'cash') {
      if (o.side === 'sell' && Math.max(0, pos) < qty) [qty, cut] = [Math.max(0, pos), `A cash account cannot sell short: it held ${Math.max(0, pos)} ${o.symbol}`];
      if (o.side === 'buy') {
        const fee = Math.max(cfg.takerFeeBps, cfg.makerFeeBps, 0) / 10_000;
        const affordable = fq(o.symbol)(Math.max(0, ledger.state().balance) / (price * fxRate * (1 + fee)));
        if (affordable < qty) [qty, cut] = [affordable, `Insufficient cash for the rest at ${price}`];
      }
    }
    qty = fq(o.symbol)(qty);
    if (qty > 0) {
      const time = clock.now();
      const booked = ledger.applyFill(inst, o.side, qty, price, liquidity, fxRate, time);
      const prevFilled = o.filledQty;
      o.filledQty = rq(o.symbol)(prevFilled + qty);
      o.avgFillPrice = ((o.avgFillPrice ?? 0) * prevFilled + price * qty) / o.filledQty;
      o.status = remaining(o) <= 0 ? 'filled' : 'partially_filled';
      o.updatedAt = time;
      const f: Fill = {
        id: deps.newId(),
        seq: booked.seq,
        accountId,
        orderId: o.id,
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        qty,
        price,
        fee: booked.fee,
        liquidity,
        fxRate,
        realizedPnl: booked.realizedPnl,
        time,
      };
      emit({ type: 'fill', fill: f });
      emit({ type: 'position', position: booked.position });
      emitAccount();
      if (o.status === 'filled') finish(o, 'filled', null);
      else emitOrder(o);
      afterFill(o, qty, booked.openedQty, booked.seq);
    }
    if (cut !== null && isWorking(o.status)) finish(o, 'cancelled', cut);
    return qty;
  };

  /**
   * Brackets: what an entry's fills open grows its protective pair; a child's fills shrink its
   * sibling (OCO). Then reduce-only orders left with nothing to reduce are cancelled.
   */
  const afterFill = (o: Order, qty: number, openedQty: number, fillSeq: number): void => {
    if (o.role === 'entry' && o.bracket && openedQty > 0) {
      for (const role of ['stop_loss', 'take_profit'] as const) {
        const price = role === 'stop_loss' ? o.bracket.stopLoss : o.bracket.takeProfit;
        if (price === null) continue;
        const child = findWorking(o.symbol, (c) => c.parentId === o.id && c.role === role);
        if (child) {
          child.qty = rq(o.symbol)(child.qty + openedQty);
          child.updatedAt = clock.now();
          emitOrder(child);
        } else {
          const created = createOrder({
            // '/' is not allowed in callers' ids, and the fill's seq is never reused: unique for ever.
            clientOrderId: `${o.clientOrderId}/${role === 'stop_loss' ? 'sl' : 'tp'}${fillSeq}`,
            symbol: o.symbol,
            side: opposite(o.side),
            type: role === 'stop_loss' ? 'stop' : 'limit',
            qty: openedQty,
            ...(role === 'stop_loss' ? { stopPrice: price } : { price }),
            tif: 'GTC',
            reduceOnly: true,
          });
          created.role = role;
          created.parentId = o.id;
          track(created);
          emitOrder(created);
        }
      }
    } else if (o.parentId !== null && (o.role === 'stop_loss' || o.role === 'take_profit')) {
      const sibling = findWorking(o.symbol, (c) => c.parentId === o.parentId && c !== o);
      if (sibling) {
        sibling.qty = rq(o.symbol)(Math.max(sibling.filledQty, sibling.qty - qty));
        if (remaining(sibling) <= 0) finish(sibling, sibling.filledQty > 0 ? 'filled' : 'cancelled', `OCO: the ${o.role === 'stop_loss' ? 'stop-loss' : 'take-profit'} filled`);
        else {
          sibling.updatedAt = clock.now();
          emitOrder(sibling);
        }
      }
    }
    // Reduce-only orders whose position is closed or flipped have nothing left to do.
    const pos = ledger.qty(o.symbol);
    for (const other of [...(bySymbol.get(o.symbol) ?? [])]) {
      if (other.reduceOnly && isWorking(other.status) && reducibleQty(pos, other.side) === 0) finish(other, 'cancelled', pos === 0 ? 'The position is closed' : 'The position it protected was reversed');
    }
    unwatchIfIdle(o.symbol);
  };

  /** The modelled book's levels `qty` of an order would take, up to `limit`. */
  const walk = (o: Order, inst: Instrument, quote: Quote, qty: number, limit: number | undefined): BookFill[] => walkBook(quote, o.side, qty, limit, inst.tickSize, fq(o.symbol), rp(o.symbol));

  /** Takes liquidity from the modelled book, level by level. */
  const take = (o: Order, inst: Instrument, levels: readonly BookFill[]): void => {
    for (const level of levels) {
      if (!isWorking(o.status)) break;
      if (fill(o, inst, Math.min(level.qty, remaining(o)), level.price, 'taker') === 0) break;
    }
  };

  const marketable = (o: Order, quote: Quote): boolean => o.price !== null && (o.side === 'buy' ? quote.ask <= o.price : quote.bid >= o.price);
  const stopReached = (o: Order, quote: Quote): boolean => o.stopPrice !== null && (o.side === 'buy' ? quote.ask >= o.stopPrice : quote.bid <= o.stopPrice);
  const acts = (o: Order): 'market' | 'limit' | 'waiting' => (o.type === 'market' || (o.type === 'stop' && o.triggered) ? 'market' : o.type === 'limit' || (o.type === 'stop_limit' && o.triggered) ? 'limit' : 'waiting');

  /** What an order does on arrival (or on its trigger): takes liquidity, then rests or is cancelled per its TIF. */
  const execute = (o: Order, inst: Instrument, quote: Quote): void => {
    const mode = acts(o);
    if (mode === 'waiting') return;
    const limit = mode === 'limit' ? o.price! : undefined;
    // Walked once: a fill-or-kill checks the same levels it then takes.
    let levels: BookFill[] | undefined;
    if (o.tif === 'FOK') {
      levels = walk(o, inst, quote, remaining(o), limit);
      const inBook = walkedQty(levels, rq(o.symbol));
      const available = o.reduceOnly ? Math.min(inBook, reducibleQty(ledger.qty(o.symbol), o.side)) : inBook;
      if (available < remaining(o)) return finish(o, 'cancelled', `Fill-or-kill: only ${available} of ${remaining(o)} ${o.reduceOnly && available < inBook ? 'can be reduced' : `available${limit === undefined ? '' : ` at ${limit} or better`}`}`);
    }
    if (mode === 'market' || marketable(o, quote)) take(o, inst, levels ?? walk(o, inst, quote, remaining(o), limit));
    if (!isWorking(o.status)) return;
    if (mode === 'market') finish(o, 'cancelled', o.filledQty > 0 ? 'Market order: the rest found no liquidity in the book' : 'Market order: no liquidity in the book');
    else if (o.tif === 'IOC' || o.tif === 'FOK') finish(o, 'cancelled', 'Immediate-or-cancel: the rest was cancelled');
  };

  /** A working order meeting a new quote: stops trigger; resting limits fill at their price (maker). */
  const matchResting = (o: Order, inst: Instrument, quote: Quote, shown: { bid: number; ask: number }): void => {
    if ((o.type === 'stop' || o.type === 'stop_limit') && !o.triggered) {
      if (!stopReached(o, quote)) return;
      o.triggered = true;
      o.updatedAt = clock.now();
      emitOrder(o);
      return execute(o, inst, quote);
    }
    if (acts(o) !== 'limit' || !marketable(o, quote)) return;
    const side = o.side === 'buy' ? 'ask' : 'bid';
    const qty = Math.min(remaining(o), fq(o.symbol)(shown[side]));
    if (qty > 0) shown[side] -= fill(o, inst, qty, o.price!, 'maker');
  };

  // ---- placing

  const createOrder = (r: PlaceOrder): Order => {
    const now = clock.now();
    const inst = instruments.get(r.symbol)!;
    return newOrder(r, { id: deps.newId(), accountId }, now, r.tif === 'DAY' ? tradingDayEnd(inst.tradingHours, now) : null);
  };

  /** The price an order is expected to trade at, for margin and bracket checks. */
  const referencePrice = (o: Order, quote: Quote): number => o.price ?? o.stopPrice ?? (o.side === 'buy' ? quote.ask : quote.bid);

  /** Margin held by working orders that would open exposure. */
  const reservedMargin = (except?: Order): number => {
    let total = 0;
    for (const o of working.values()) {
      if (o === except || o.reduceOnly) continue;
      const q = quotes.lastQuote(o.symbol);
      const inst = instruments.get(o.symbol)!;
      const r = rate(inst.quoteCurrency);
      if (!q || r === undefined) continue;
      total += ledger.margin(openingQty(o.symbol, o.side, remaining(o)), referencePrice(o, q), r);
    }
    return total;
  };
  const openingQty = (symbol: string, side: 'buy' | 'sell', qty: number): number => {
    const pos = ledger.qty(symbol);
    return Math.max(0, Math.abs(pos + sideSign(side) * qty) - Math.abs(pos));
  };
  /** Margin (cash, for a cash account) still free for new exposure, working orders reserved. */
  const freeMargin = (): number => ledger.money(reservedMargin()).buyingPower / ledger.leverage();

  /** Why the broker refuses an order, or null. */
  const refusal = (o: Order, inst: Instrument, quote: Quote): { reason: string; kind: 'funds' | 'closed' | 'invalid' } | null => {
    if (o.type === 'market' && !tradable(inst, quote, clock.now())) return { kind: 'closed', reason: `${inst.symbol} is closed now (${inst.venue} hours): market orders wait for the open — use a limit or stop order` };
    const pos = ledger.qty(o.symbol);
    if (o.reduceOnly && reducibleQty(pos, o.side) === 0) return { kind: 'invalid', reason: `Reduce-only: there is no ${o.side === 'buy' ? 'short' : 'long'} ${o.symbol} position to reduce` };
    const config = deps.config();
    if (config.type === 'cash' && o.side === 'sell' && !o.reduceOnly) {
      // What working sells would already take out of the holding counts too.
      let selling = o.qty;
      for (const w of bySymbol.get(o.symbol) ?? []) if (w.side === 'sell' && !w.reduceOnly && isWorking(w.status)) selling += remaining(w);
      if (rq(o.symbol)(pos - selling) < 0) return { kind: 'funds', reason: `A cash account cannot sell short: it holds ${Math.max(0, pos)} ${o.symbol}${selling > o.qty ? `, ${rq(o.symbol)(selling - o.qty)} of it already offered` : ''}` };
    }
    if (o.stopPrice !== null && o.role === 'entry' && stopReached(o, quote)) {
      return { kind: 'invalid', reason: `A ${o.side} stop must be ${o.side === 'buy' ? 'above the ask' : 'below the bid'} (${o.side === 'buy' ? quote.ask : quote.bid}); ${o.stopPrice} would trigger at once` };
    }
    if (o.bracket) {
      const ref = referencePrice(o, quote);
      const { stopLoss, takeProfit } = o.bracket;
      const below = (p: number | null): boolean => p === null || p < ref;
      const above = (p: number | null): boolean => p === null || p > ref;
      const ok = o.side === 'buy' ? below(stopLoss) && above(takeProfit) : above(stopLoss) && below(takeProfit);
      if (!ok) return { kind: 'invalid', reason: `Bracket: for a ${o.side} near ${ref} the stop-loss must be ${o.side === 'buy' ? 'below' : 'above'} and the take-profit ${o.side === 'buy' ? 'above' : 'below'} it` };
    }
    const opening = openingQty(o.symbol, o.side, o.qty);
    if (opening > 0) {
      const r = rate(inst.quoteCurrency) ?? 1;
      // A market order pays what walking the book costs, not the top of book.
      const price = o.type === 'market' ? (walkedPrice(walk(o, inst, quote, o.qty, undefined)) ?? referencePrice(o, quote)) : referencePrice(o, quote);
      const fees = (opening * price * r * Math.max(config.takerFeeBps, config.makerFeeBps, 0)) / 10_000;
      const needed = ledger.margin(opening, price, r) + fees;
      const available = freeMargin();
      if (needed > available + 1e-9) {
        const what = config.type === 'cash' ? 'cash' : 'margin';
        return { kind: 'funds', reason: `Insufficient buying power: this order needs ${formatMoney(needed, config.currency)} of ${what}; ${formatMoney(available, config.currency)} is available` };
      }
    }
    return null;
  };

  const place = (request: PlaceOrder, inst: Instrument, quote: Quote): Order => {
    const o = createOrder(request);
    const refused = refusal(o, inst, quote);
    if (refused) {
      o.status = 'rejected';
      o.reason = refused.reason;
      ended.set(o.clientOrderId, o);
      emitOrder(o);
      unwatchIfIdle(o.symbol);
      const Err = refused.kind === 'funds' ? InsufficientFundsError : refused.kind === 'closed' ? MarketClosedError : InvalidOrderError;
      throw new Err(refused.reason, snapshot(o));
    }
    track(o);
    emitOrder(o);
    if (tradable(inst, quote, clock.now())) execute(o, inst, quote);
    else if (o.tif === 'IOC' || o.tif === 'FOK') finish(o, 'cancelled', `${inst.symbol} is closed now: nothing to match an immediate order against`);
    return snapshot(o);
  };

  const mustBeWorking = (orderId: string): Order => {
    const o = working.get(orderId);
    if (o) return o;
    const past = deps.history.order(orderId);
    if (past && past.accountId === accountId) throw new OrderFinalError(`Order ${orderId} is ${past.status}: it can no longer change`);
    throw new OrderNotFoundError(`No order ${orderId} in this account`);
  };

  // Restored orders and positions need their quotes, and their currency's rate, from the start.
  const follow = (symbol: string): void => {
    const inst = instruments.get(symbol);
    if (inst) fx.follow(inst.quoteCurrency, currency());
  };
  for (const o of deps.initial.workingOrders) {
    track({ ...o, bracket: o.bracket ? { ...o.bracket } : null });
    follow(o.symbol);
  }
  for (const p of deps.initial.positions) {
    if (p.lots.length === 0) continue;
    watch(p.symbol);
    follow(p.symbol);
  }

  return {
    accountId,
    capabilities: PAPER_CAPABILITIES,
    instruments: () => deps.instruments,
    account: (): AccountMoney => ledger.money(reservedMargin()),
    positions: () => ledger.positions().filter((p) => p.lots.length > 0),
    mark,
    fxRate: rate,
    openOrders: () => [...working.values()].map(snapshot),
    orderByClientId: (clientOrderId) => {
      const o = knownOrder(clientOrderId);
      return Promise.resolve(o ? snapshot(o) : deps.history.orderByClientId(clientOrderId));
    },
    async placeOrder(request) {
      const known = knownOrder(request.clientOrderId) ?? deps.history.orderByClientId(request.clientOrderId);
      if (known) return snapshot(known);
      const inst = instruments.get(request.symbol);
      if (!inst) throw new InvalidOrderError(`Unknown symbol ${request.symbol}`);
      let quote: Quote;
      try {
        quote = await quoteFor(inst);
      } catch (error) {
        unwatchIfIdle(inst.symbol);
        throw error;
      }
      // Another placement with this id may have completed while we waited.
      const raced = knownOrder(request.clientOrderId);
      if (raced) return snapshot(raced);
      return atomically(() => place(request, inst, quote));
    },
    async cancelOrder(orderId) {
      return atomically(() => {
        const o = mustBeWorking(orderId);
        finish(o, 'cancelled', 'Cancelled by you');
        return snapshot(o);
      });
    },
    async modifyOrder(orderId, changes: OrderChanges) {
      return atomically(() => {
        const o = mustBeWorking(orderId);
        const inst = instruments.get(o.symbol)!;
        if (changes.price !== undefined && o.price === null) throw new InvalidOrderError(`A ${o.type} order has no limit price to change`);
        if (changes.stopPrice !== undefined && o.stopPrice === null) throw new InvalidOrderError(`A ${o.type} order has no stop price to change`);
        if (changes.stopPrice !== undefined && o.triggered) throw new InvalidOrderError('The stop has triggered already');
        if (changes.qty !== undefined && changes.qty <= o.filledQty) throw new InvalidOrderError(`The quantity must stay above what has filled (${o.filledQty}); cancel the order instead`);
        const quote = quotes.lastQuote(o.symbol);
        const next: Order = { ...o, qty: changes.qty ?? o.qty, price: changes.price ?? o.price, stopPrice: changes.stopPrice ?? o.stopPrice };
        if (quote && next.stopPrice !== null && !next.triggered && next.role === 'entry' && stopReached(next, quote)) {
          throw new InvalidOrderError(`A ${o.side} stop must be ${o.side === 'buy' ? 'above the ask' : 'below the bid'}; ${next.stopPrice} would trigger at once`);
        }
        if (quote && !next.reduceOnly) {
          // A higher price ties up more margin as surely as a larger quantity does.
          const r = rate(inst.quoteCurrency) ?? 1;
          const extra = ledger.margin(openingQty(o.symbol, o.side, remaining(next)), referencePrice(next, quote), r) - ledger.margin(openingQty(o.symbol, o.side, remaining(o)), referencePrice(o, quote), r);
          const available = freeMargin();
          if (extra > 0 && extra > available + 1e-9) throw new InsufficientFundsError(`Insufficient buying power for the change: it needs ${formatMoney(extra, currency())} more; ${formatMoney(available, currency())} is available`);
        }
        o.qty = next.qty;
        o.price = next.price;
        o.stopPrice = next.stopPrice;
        o.updatedAt = clock.now();
        emitOrder(o);
        // A limit moved through the market trades at once, as on a real venue.
        if (quote && isMarketOpen(inst.tradingHours, clock.now()) && acts(o) === 'limit' && marketable(o, quote)) take(o, inst, walk(o, inst, quote, remaining(o), o.price!));
        return snapshot(o);
      });
    },
    fillsSince: (cursor, limit) => Promise.resolve(deps.history.fillsSince(cursor, limit)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    housekeeping(now) {
      atomically(() => {
        for (const o of [...working.values()]) if (o.expiresAt !== null && o.expiresAt <= now) finish(o, 'expired', 'DAY order: the trading day ended');
      });
    },
    reset(balance) {
      atomically(() => {
        for (const o of [...working.values()]) finish(o, 'cancelled', 'The account was reset');
        for (const position of ledger.reset(balance, clock.now())) {
          emit({ type: 'position', position });
          unwatchIfIdle(position.symbol);
        }
        emitAccount();
      });
    },
    close() {
      for (const timer of lingering.values()) clearTimeout(timer);
      lingering.clear();
      for (const off of watches.values()) off();
      watches.clear();
      listeners.clear();
    },
  };
}


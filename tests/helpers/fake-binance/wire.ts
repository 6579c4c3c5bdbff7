/**
 * Binance's JSON shapes, field for field: REST replies and stream events. Kept apart from the
 * state so the matching model never worries about spelling.
 */
import { type Amount, format } from './decimal';
import type { Bar, RollingStats } from './klines';
import type { AccountTrade, Balance, Execution, Order, PublicTrade } from './matching-engine';
import type { BookLevel } from './order-book';

type Json = Record<string, unknown>;

export type ResponseType = 'ACK' | 'RESULT' | 'FULL';

/** GET /api/v3/order, /openOrders, /allOrders. */
export function orderJson(order: Order): Json {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: format(order.price),
    origQty: format(order.origQty),
    executedQty: format(order.executedQty),
    cummulativeQuoteQty: format(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    stopPrice: format(0n),
    icebergQty: format(0n),
    time: order.time,
    updateTime: order.updateTime,
    isWorking: true,
    workingTime: order.workingTime,
    origQuoteOrderQty: format(order.origQuoteOrderQty),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order in the requested `newOrderRespType`. */
export function newOrderJson(order: Order, fills: readonly AccountTrade[], type: ResponseType): Json {
  const ack = { symbol: order.symbol, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.time };
  if (type === 'ACK') return ack;
  const result = { ...ack, ...orderState(order), workingTime: order.workingTime };
  if (type === 'RESULT') return result;
  return {
    ...result,
    fills: fills.map((f) => ({ price: format(f.price), qty: format(f.qty), commission: format(f.commission), commissionAsset: f.commissionAsset, tradeId: f.id })),
  };
}

/** DELETE /api/v3/order (and each element of DELETE /api/v3/openOrders). */
export function cancelJson(order: Order, cancelClientOrderId: string): Json {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime: order.updateTime,
    ...orderState(order),
  };
}

/** The fields an order's answers share: its prices, quantities and state. */
function orderState(order: Order): Json {
  return {
    price: format(order.price),
    origQty: format(order.origQty),
    executedQty: format(order.executedQty),
    origQuoteOrderQty: format(order.origQuoteOrderQty),
    cummulativeQuoteQty: format(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** GET /api/v3/myTrades. */
export function accountTradeJson(trade: AccountTrade): Json {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: format(trade.price),
    qty: format(trade.qty),
    quoteQty: format(trade.quoteQty),
    commission: format(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}

/** GET /api/v3/trades. */
export function publicTradeJson(trade: PublicTrade): Json {
  return { id: trade.id, price: format(trade.price), qty: format(trade.qty), quoteQty: format((trade.price * trade.qty) / 100_000_000n), time: trade.time, isBuyerMaker: trade.buyerIsMaker, isBestMatch: true };
}

/** GET /api/v3/aggTrades: each print is its own aggregate (the fake never splits one). */
export function aggTradeJson(trade: PublicTrade, aggId: number): Json {
  return { a: aggId, p: format(trade.price), q: format(trade.qty), f: trade.id, l: trade.id, T: trade.time, m: trade.buyerIsMaker, M: true };
}

export function klineRow(bar: Bar): unknown[] {
  return [
    bar.openTime,
    format(bar.open),
    format(bar.high),
    format(bar.low),
    format(bar.close),
    format(bar.volume),
    bar.closeTime,
    format(bar.quoteVolume),
    bar.trades,
    format(bar.takerBuyBase),
    format(bar.takerBuyQuote),
    '0',
  ];
}

export function balancesJson(balances: ReadonlyMap<string, Balance>, omitZero: boolean): Json[] {
  return [...balances]
    .filter(([, b]) => !omitZero || b.free + b.locked > 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([asset, b]) => ({ asset, free: format(b.free), locked: format(b.locked) }));
}

export interface TickerInput {
  symbol: string;
  last: Amount;
  lastQty: Amount;
  bid: BookLevel;
  ask: BookLevel;
  stats: RollingStats;
  firstId: number;
  lastId: number;
  closeTime: number;
}

/** GET /api/v3/ticker/24hr (FULL). */
export function ticker24hJson(t: TickerInput): Json {
  const change = t.last - t.stats.open;
  const percent = t.stats.open === 0n ? 0 : (Number(change) / Number(t.stats.open)) * 100;
  const weighted = t.stats.volume === 0n ? t.last : (t.stats.quoteVolume * 100_000_000n) / t.stats.volume;
  return {
    symbol: t.symbol,
    priceChange: format(change),
    priceChangePercent: percent.toFixed(3),
    weightedAvgPrice: format(weighted),
    prevClosePrice: format(t.stats.open),
    lastPrice: format(t.last),
    lastQty: format(t.lastQty),
    bidPrice: format(t.bid.price),
    bidQty: format(t.bid.qty),
    askPrice: format(t.ask.price),
    askQty: format(t.ask.qty),
    openPrice: format(t.stats.open),
    highPrice: format(t.stats.high),
    lowPrice: format(t.stats.low),
    volume: format(t.stats.volume),
    quoteVolume: format(t.stats.quoteVolume),
    openTime: t.stats.openTime,
    closeTime: t.closeTime,
    firstId: t.firstId,
    lastId: t.lastId,
    count: t.stats.trades,
  };
}

export function bookTickerJson(symbol: string, bid: BookLevel, ask: BookLevel): Json {
  return { symbol, bidPrice: format(bid.price), bidQty: format(bid.qty), askPrice: format(ask.price), askQty: format(ask.qty) };
}

// ---- stream events ------------------------------------------------------------------------

export function tradeEvent(trade: PublicTrade, eventTime: number): Json {
  return {
    e: 'trade',
    E: eventTime,
    s: trade.symbol,
    t: trade.id,
    p: format(trade.price),
    q: format(trade.qty),
    T: trade.time,
    m: trade.buyerIsMaker,
    M: true,
  };
}

export function aggTradeEvent(trade: PublicTrade, aggId: number, eventTime: number): Json {
  return { e: 'aggTrade', E: eventTime, s: trade.symbol, a: aggId, p: format(trade.price), q: format(trade.qty), f: trade.id, l: trade.id, T: trade.time, m: trade.buyerIsMaker, M: true };
}

/** Spot's bookTicker event has no `e` or `E`: just the update id and the top of book. */
export function bookTickerEvent(symbol: string, updateId: number, bid: BookLevel, ask: BookLevel): Json {
  return { u: updateId, s: symbol, b: format(bid.price), B: format(bid.qty), a: format(ask.price), A: format(ask.qty) };
}

export function klineEvent(symbol: string, interval: string, bar: Bar, closed: boolean, eventTime: number, firstTradeId: number, lastTradeId: number): Json {
  return {
    e: 'kline',
    E: eventTime,
    s: symbol,
    k: {
      t: bar.openTime,
      T: bar.closeTime,
      s: symbol,
      i: interval,
      f: bar.trades > 0 ? firstTradeId : -1,
      L: bar.trades > 0 ? lastTradeId : -1,
      o: format(bar.open),
      c: format(bar.close),
      h: format(bar.high),
      l: format(bar.low),
      v: format(bar.volume),
      n: bar.trades,
      x: closed,
      q: format(bar.quoteVolume),
      V: format(bar.takerBuyBase),
      Q: format(bar.takerBuyQuote),
      B: '0',
    },
  };
}

export function tickerEvent(t: TickerInput, eventTime: number): Json {
  const rest = ticker24hJson(t);
  return {
    e: '24hrTicker',
    E: eventTime,
    s: t.symbol,
    p: rest['priceChange'],
    P: rest['priceChangePercent'],
    w: rest['weightedAvgPrice'],
    x: rest['prevClosePrice'],
    c: rest['lastPrice'],
    Q: rest['lastQty'],
    b: rest['bidPrice'],
    B: rest['bidQty'],
    a: rest['askPrice'],
    A: rest['askQty'],
    o: rest['openPrice'],
    h: rest['highPrice'],
    l: rest['lowPrice'],
    v: rest['volume'],
    q: rest['quoteVolume'],
    O: t.stats.openTime,
    C: t.closeTime,
    F: t.firstId,
    L: t.lastId,
    n: t.stats.trades,
  };
}

export function miniTickerEvent(t: TickerInput, eventTime: number): Json {
  return {
    e: '24hrMiniTicker',
    E: eventTime,
    s: t.symbol,
    c: format(t.last),
    o: format(t.stats.open),
    h: format(t.stats.high),
    l: format(t.stats.low),
    v: format(t.stats.volume),
    q: format(t.stats.quoteVolume),
  };
}

/** The user data stream's order event. */
export function executionReport(x: Execution, eventTime: number): Json {
  const o = x.order;
  const canceled = x.cancelClientOrderId !== undefined;
  return {
    e: 'executionReport',
    E: eventTime,
    s: o.symbol,
    // On a cancel, `c` is the cancel request's client id and `C` the order's own.
    c: canceled ? x.cancelClientOrderId : o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: format(o.origQty),
    p: format(o.price),
    P: format(0n),
    F: format(0n),
    g: -1,
    C: canceled ? o.clientOrderId : '',
    x: x.executionType,
    X: o.status,
    r: 'NONE',
    i: o.orderId,
    l: format(x.lastQty),
    z: format(o.executedQty),
    L: format(x.lastPrice),
    n: format(x.commission),
    N: x.commissionAsset,
    T: x.time,
    t: x.tradeId,
    I: x.tradeId > 0 ? x.tradeId * 2 : o.orderId * 2 + 1,
    w: o.status === 'NEW' || o.status === 'PARTIALLY_FILLED',
    m: x.isMaker,
    M: false,
    O: o.time,
    Z: format(o.cummulativeQuoteQty),
    Y: format(x.lastQuoteQty),
    Q: format(o.origQuoteOrderQty),
    W: o.workingTime,
    V: 'EXPIRE_MAKER',
  };
}

export function outboundAccountPosition(balances: ReadonlyMap<string, Balance>, assets: readonly string[], eventTime: number, updateTime: number): Json {
  return {
    e: 'outboundAccountPosition',
    E: eventTime,
    u: updateTime,
    B: assets.map((asset) => {
      const b = balances.get(asset) ?? { free: 0n, locked: 0n };
      return { a: asset, f: format(b.free), l: format(b.locked) };
    }),
  };
}

export function balanceUpdate(asset: string, delta: Amount, eventTime: number, time: number): Json {
  return { e: 'balanceUpdate', E: eventTime, a: asset, d: format(delta), T: time };
}

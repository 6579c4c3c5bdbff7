import { format } from './decimal';
import { errors } from './errors';
import { isInterval } from './klines';
import type { NewOrder, OrderRef } from './matching-engine';
import { wireLevels } from './order-book';
import { limitParam, onlyKnown, optionalDecimal, optionalEnum, optionalInt, optionalString, type Params, requiredString, symbolsParam } from './params';
import { requireTrading } from './signing';
import { exchangeInfoSymbol, RATE_LIMITS } from './symbols';
import type { Venue } from './venue';
import {
  accountTradeJson,
  aggTradeJson,
  balancesJson,
  bookTickerJson,
  cancelJson,
  klineRow,
  newOrderJson,
  orderJson,
  publicTradeJson,
  type ResponseType,
  ticker24hJson,
} from './wire';

/**
 * How Binance guards an endpoint: public, API key only (MARKET_DATA), signed (USER_DATA), or
 * signed and needing the key's trading permission (TRADE).
 */
export type Security = 'NONE' | 'KEY' | 'SIGNED' | 'TRADE';

export interface Route {
  security: Security;
  handle(params: Params, venue: Venue): unknown;
}

const DAY = 24 * 60 * 60 * 1000;
const CLIENT_ORDER_ID = /^[a-zA-Z0-9-_]{1,36}$/;

function symbolOf(params: Params, venue: Venue): string {
  const symbol = requiredString(params, 'symbol');
  if (!venue.spec(symbol)) throw errors.invalidSymbol();
  return symbol;
}

/** `symbol`, `symbols` or neither: the markets a ticker endpoint reports, and whether to answer with an array. */
function selectSymbols(params: Params, venue: Venue): { symbols: string[]; single: boolean } {
  const one = optionalString(params, 'symbol');
  const many = symbolsParam(params);
  if (one !== undefined && many !== undefined) throw errors.invalidCombination();
  if (one !== undefined) {
    if (!venue.spec(one)) throw errors.invalidSymbol();
    return { symbols: [one], single: true };
  }
  if (many !== undefined) {
    for (const s of many) if (!venue.spec(s)) throw errors.invalidSymbol();
    return { symbols: many, single: false };
  }
  return { symbols: venue.specs.map((s) => s.symbol), single: false };
}

function answer<T>(selection: { symbols: string[]; single: boolean }, make: (symbol: string) => T): T | T[] {
  const rows = selection.symbols.map(make);
  return selection.single ? rows[0]! : rows;
}

function orderRef(params: Params): OrderRef {
  const orderId = optionalInt(params, 'orderId');
  if (orderId !== undefined) return { orderId };
  const clientId = optionalString(params, 'origClientOrderId');
  if (clientId !== undefined) return { origClientOrderId: clientId };
  throw errors.eitherMandatory('orderId', 'origClientOrderId');
}

/** startTime/endTime with Binance's 24-hour cap on account-history endpoints. */
function timeWindow(params: Params): { start?: number | undefined; end?: number | undefined } {
  const start = optionalInt(params, 'startTime');
  const end = optionalInt(params, 'endTime');
  if (start !== undefined && end !== undefined && end - start > DAY) throw errors.moreThan24h();
  return { start, end: end ?? (start !== undefined ? start + DAY : undefined) };
}

function newOrderRequest(params: Params, venue: Venue): { request: NewOrder; responseType: ResponseType } {
  onlyKnown(params, ['symbol', 'side', 'type', 'timeInForce', 'quantity', 'quoteOrderQty', 'price', 'newClientOrderId', 'newOrderRespType', 'selfTradePreventionMode', 'strategyId', 'strategyType', 'icebergQty', 'computeCommissionRates']);
  const symbol = symbolOf(params, venue);
  const side = optionalEnum(params, 'side', ['BUY', 'SELL'] as const, errors.invalidSide);
  if (side === undefined) throw errors.mandatory('side');
  const type = optionalEnum(params, 'type', ['LIMIT', 'LIMIT_MAKER', 'MARKET'] as const, errors.invalidOrderType);
  if (type === undefined) throw errors.mandatory('type');
  const clientOrderId = params['newClientOrderId'];
  if (clientOrderId !== undefined) {
    if (clientOrderId === '') throw errors.emptyClientOrderId();
    if (!CLIENT_ORDER_ID.test(clientOrderId)) throw errors.illegalChars('newClientOrderId', '^[a-zA-Z0-9-_]{1,36}$');
  }
  const responseType = optionalEnum(params, 'newOrderRespType', ['ACK', 'RESULT', 'FULL'] as const) ?? (type === 'LIMIT' || type === 'MARKET' || type === 'LIMIT_MAKER' ? 'FULL' : 'ACK');
  return {
    responseType,
    request: {
      symbol,
      side,
      type,
      timeInForce: optionalEnum(params, 'timeInForce', ['GTC', 'IOC', 'FOK'] as const, errors.invalidTimeInForce),
      quantity: optionalDecimal(params, 'quantity'),
      quoteOrderQty: optionalDecimal(params, 'quoteOrderQty'),
      price: optionalDecimal(params, 'price'),
      newClientOrderId: clientOrderId,
    },
  };
}

function ascendingBy<T>(items: T[], key: (item: T) => number): T[] {
  return items.sort((a, b) => key(a) - key(b));
}

/** The endpoints, keyed `METHOD /path`, with Binance's parameters, replies and errors. */
export const routes: Readonly<Record<string, Route>> = {
  'GET /api/v3/ping': { security: 'NONE', handle: () => ({}) },

  'GET /api/v3/time': { security: 'NONE', handle: (_p, venue) => ({ serverTime: venue.clock.now() }) },

  'GET /api/v3/exchangeInfo': {
    security: 'NONE',
    handle: (params, venue) => {
      const selection = optionalString(params, 'symbol') !== undefined || optionalString(params, 'symbols') !== undefined ? selectSymbols(params, venue).symbols : venue.specs.map((s) => s.symbol);
      return {
        timezone: 'UTC',
        serverTime: venue.clock.now(),
        rateLimits: RATE_LIMITS,
        exchangeFilters: [],
        symbols: selection.map((symbol) => exchangeInfoSymbol(venue.spec(symbol)!)),
      };
    },
  },

  'GET /api/v3/depth': {
    security: 'NONE',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const snapshot = venue.depthSnapshot(symbol, limitParam(params, 100, 5000));
      return { lastUpdateId: snapshot.lastUpdateId, bids: wireLevels(snapshot.bids), asks: wireLevels(snapshot.asks) };
    },
  },

  'GET /api/v3/trades': {
    security: 'NONE',
    handle: (params, venue) => {
      const tape = venue.engine.publicTrades(symbolOf(params, venue));
      return tape.slice(-limitParam(params, 500, 1000)).map(publicTradeJson);
    },
  },

  'GET /api/v3/aggTrades': {
    security: 'NONE',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const limit = limitParam(params, 500, 1000);
      const fromId = optionalInt(params, 'fromId');
      const start = optionalInt(params, 'startTime');
      const end = optionalInt(params, 'endTime');
      let tape = venue.engine.publicTrades(symbol).map((t) => ({ t, a: venue.aggId(t) }));
      if (fromId !== undefined) tape = tape.filter((x) => x.a >= fromId).slice(0, limit);
      else if (start !== undefined || end !== undefined) tape = tape.filter((x) => x.t.time >= (start ?? 0) && x.t.time <= (end ?? Infinity)).slice(0, limit);
      else tape = tape.slice(-limit);
      return tape.map((x) => aggTradeJson(x.t, x.a));
    },
  },

  'GET /api/v3/klines': { security: 'NONE', handle: (params, venue) => klines(params, venue) },
  'GET /api/v3/uiKlines': { security: 'NONE', handle: (params, venue) => klines(params, venue) },

  'GET /api/v3/avgPrice': {
    security: 'NONE',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const bars = venue.klines.klines(symbol, '1m', { limit: 5 });
      const sum = bars.reduce((acc, b) => acc + b.close, 0n);
      return { mins: 5, price: format(sum / BigInt(Math.max(1, bars.length))), closeTime: venue.clock.now() };
    },
  },

  'GET /api/v3/ticker/24hr': {
    security: 'NONE',
    handle: (params, venue) => {
      const mini = optionalEnum(params, 'type', ['FULL', 'MINI'] as const) === 'MINI';
      return answer(selectSymbols(params, venue), (symbol) => {
        const full = ticker24hJson(venue.tickerInput(symbol));
        if (!mini) return full;
        const { symbol: s, openPrice, highPrice, lowPrice, lastPrice, volume, quoteVolume, openTime, closeTime, firstId, lastId, count } = full;
        return { symbol: s, openPrice, highPrice, lowPrice, lastPrice, volume, quoteVolume, openTime, closeTime, firstId, lastId, count };
      });
    },
  },

  'GET /api/v3/ticker/price': {
    security: 'NONE',
    handle: (params, venue) => answer(selectSymbols(params, venue), (symbol) => ({ symbol, price: format(venue.engine.lastPrice(symbol)) })),
  },

  'GET /api/v3/ticker/bookTicker': {
    security: 'NONE',
    handle: (params, venue) => answer(selectSymbols(params, venue), (symbol) => bookTickerJson(symbol, venue.engine.bestBid(symbol), venue.engine.bestAsk(symbol))),
  },

  'POST /api/v3/order': {
    security: 'TRADE',
    handle: (params, venue) => {
      const { request, responseType } = newOrderRequest(params, venue);
      const placed = venue.engine.place(request);
      return newOrderJson(placed.order, placed.fills, responseType);
    },
  },

  'POST /api/v3/order/test': {
    security: 'TRADE',
    handle: (params, venue) => {
      newOrderRequest(params, venue);
      return {};
    },
  },

  'DELETE /api/v3/order': {
    security: 'TRADE',
    handle: (params, venue) => {
      onlyKnown(params, ['symbol', 'orderId', 'origClientOrderId', 'newClientOrderId', 'cancelRestrictions']);
      const symbol = symbolOf(params, venue);
      const canceled = venue.engine.cancel(symbol, orderRef(params), optionalString(params, 'newClientOrderId'));
      return cancelJson(canceled.order, canceled.cancelClientOrderId);
    },
  },

  'DELETE /api/v3/openOrders': {
    security: 'TRADE',
    handle: (params, venue) => venue.engine.cancelAll(symbolOf(params, venue)).map((c) => cancelJson(c.order, c.cancelClientOrderId)),
  },

  'GET /api/v3/order': {
    security: 'SIGNED',
    handle: (params, venue) => {
      onlyKnown(params, ['symbol', 'orderId', 'origClientOrderId']);
      const symbol = symbolOf(params, venue);
      const order = venue.engine.findOrder(symbol, orderRef(params));
      if (!order) throw errors.orderDoesNotExist();
      return orderJson(order);
    },
  },

  'GET /api/v3/openOrders': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const symbol = optionalString(params, 'symbol');
      if (symbol !== undefined && !venue.spec(symbol)) throw errors.invalidSymbol();
      return venue.engine.openOrders(symbol).map(orderJson);
    },
  },

  'GET /api/v3/allOrders': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const limit = limitParam(params, 500, 1000);
      const fromOrderId = optionalInt(params, 'orderId');
      const { start, end } = timeWindow(params);
      let orders = ascendingBy(venue.engine.orders(symbol), (o) => o.orderId);
      if (fromOrderId !== undefined) orders = orders.filter((o) => o.orderId >= fromOrderId).slice(0, limit);
      else if (start !== undefined) orders = orders.filter((o) => o.time >= start && o.time <= end!).slice(0, limit);
      else orders = orders.filter((o) => end === undefined || o.time <= end).slice(-limit);
      return orders.map(orderJson);
    },
  },

  'GET /api/v3/myTrades': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const limit = limitParam(params, 500, 1000);
      const fromId = optionalInt(params, 'fromId');
      const orderId = optionalInt(params, 'orderId');
      const { start, end } = timeWindow(params);
      if (fromId !== undefined && start !== undefined) throw errors.invalidCombination();
      let trades = ascendingBy(venue.engine.trades(symbol), (t) => t.id);
      if (orderId !== undefined) trades = trades.filter((t) => t.orderId === orderId);
      if (fromId !== undefined) trades = trades.filter((t) => t.id >= fromId).slice(0, limit);
      else if (start !== undefined) trades = trades.filter((t) => t.time >= start && t.time <= end!).slice(0, limit);
      else trades = trades.filter((t) => end === undefined || t.time <= end).slice(-limit);
      return trades.map(accountTradeJson);
    },
  },

  'GET /api/v3/account': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const omitZero = optionalEnum(params, 'omitZeroBalances', ['true', 'false'] as const) === 'true';
      const canTrade = venue.credentials.canTrade;
      return {
        makerCommission: 10,
        takerCommission: 10,
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
        canTrade,
        canWithdraw: false,
        canDeposit: true,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: venue.clock.now(),
        accountType: 'SPOT',
        balances: balancesJson(venue.engine.allBalances(), omitZero),
        permissions: ['SPOT'],
        uid: 354937868,
      };
    },
  },

  'GET /api/v3/account/commission': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const symbol = symbolOf(params, venue);
      const rates = { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' };
      const none = { maker: '0.00000000', taker: '0.00000000', buyer: '0.00000000', seller: '0.00000000' };
      return { symbol, standardCommission: rates, specialCommission: none, taxCommission: none, discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: '0.75000000' } };
    },
  },

  'GET /api/v3/rateLimit/order': {
    security: 'SIGNED',
    handle: () => [
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100, count: 0 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000, count: 0 },
    ],
  },

  // ccxt's loadMarkets asks for margin pairs whenever keys are set (options.fetchMargins).
  'GET /sapi/v1/margin/allPairs': {
    security: 'KEY',
    handle: (_p, venue) => venue.specs.map((s, i) => ({ id: 351_637_150 + i, symbol: s.symbol, base: s.baseAsset, quote: s.quoteAsset, isMarginTrade: true, isBuyAllowed: true, isSellAllowed: true })),
  },

  'GET /sapi/v1/margin/isolated/allPairs': {
    security: 'SIGNED',
    handle: (_p, venue) => venue.specs.map((s) => ({ symbol: s.symbol, base: s.baseAsset, quote: s.quoteAsset, isMarginTrade: true, isBuyAllowed: true, isSellAllowed: true })),
  },

  'GET /sapi/v1/asset/tradeFee': {
    security: 'SIGNED',
    handle: (params, venue) => {
      const symbol = optionalString(params, 'symbol');
      return venue.specs.filter((s) => symbol === undefined || s.symbol === symbol).map((s) => ({ symbol: s.symbol, makerCommission: '0.001', takerCommission: '0.001' }));
    },
  },

  'GET /sapi/v1/account/apiRestrictions': {
    security: 'SIGNED',
    handle: (_p, venue) => ({
      ipRestrict: false,
      createTime: venue.klines.liveFrom,
      enableReading: true,
      enableSpotAndMarginTrading: venue.credentials.canTrade,
      enableWithdrawals: false,
      enableInternalTransfer: false,
      enableMargin: false,
      enableFutures: false,
      permitsUniversalTransfer: false,
      enableVanillaOptions: false,
      enableFixApiTrade: false,
      enableFixReadOnly: false,
      enablePortfolioMarginTrading: false,
    }),
  },

  'GET /sapi/v1/system/status': { security: 'NONE', handle: () => ({ status: 0, msg: 'normal' }) },
};

function klines(params: Params, venue: Venue): unknown[] {
  const symbol = symbolOf(params, venue);
  const interval = requiredString(params, 'interval');
  if (!isInterval(interval)) throw errors.invalidInterval();
  const startTime = optionalInt(params, 'startTime');
  const endTime = optionalInt(params, 'endTime');
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) throw errors.invalidCombination();
  return venue.klines.klines(symbol, interval, { startTime, endTime, limit: limitParam(params, 500, 1000) }).map(klineRow);
}

export function requiresTrading(route: Route, venue: Venue): void {
  if (route.security === 'TRADE') requireTrading(venue.credentials);
}

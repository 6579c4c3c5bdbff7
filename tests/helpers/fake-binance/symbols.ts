import { type Amount, format, parseDecimal } from './decimal';

/** One spot market of the fake exchange, with the filters Binance publishes for it. */
export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: Amount;
  minPrice: Amount;
  maxPrice: Amount;
  stepSize: Amount;
  minQty: Amount;
  maxQty: Amount;
  /** MARKET_LOT_SIZE maxQty: market orders are capped lower than limit orders, as on Binance. */
  marketMaxQty: Amount;
  minNotional: Amount;
  maxNotional: Amount;
  /** Where the history model centres the price (the walk wanders around it). */
  basePrice: number;
  /** Typical daily volatility of the history model (log-return standard deviation). */
  dailyVolatility: number;
  /** Typical size of one synthetic book level. */
  levelSize: Amount;
  /** Size of a print when a test or the ticker does not give one. */
  defaultTradeQty: Amount;
  /** Typical traded base volume per minute in the history model. */
  volumePerMinute: number;
  /** First ids, so they look like Binance's (large and increasing per symbol). */
  firstOrderId: number;
  firstTradeId: number;
  /** No bars before the listing, as on Binance. */
  listedAt: number;
}

function amount(text: string): Amount {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(`bad amount literal ${text}`);
  return parsed.value;
}

export const DEFAULT_SYMBOLS: readonly SymbolSpec[] = [
  {
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    quoteAsset: 'USDT',
    tickSize: amount('0.01'),
    minPrice: amount('0.01'),
    maxPrice: amount('1000000'),
    stepSize: amount('0.00001'),
    minQty: amount('0.00001'),
    maxQty: amount('9000'),
    marketMaxQty: amount('120'),
    minNotional: amount('5'),
    maxNotional: amount('9000000'),
    basePrice: 65_000,
    dailyVolatility: 0.03,
    levelSize: amount('0.4'),
    defaultTradeQty: amount('0.01'),
    volumePerMinute: 12,
    firstOrderId: 41_000_000_000,
    firstTradeId: 4_900_000_000,
    listedAt: Date.UTC(2017, 7, 17),
  },
  {
    symbol: 'ETHUSDT',
    baseAsset: 'ETH',
    quoteAsset: 'USDT',
    tickSize: amount('0.01'),
    minPrice: amount('0.01'),
    maxPrice: amount('1000000'),
    stepSize: amount('0.0001'),
    minQty: amount('0.0001'),
    maxQty: amount('9000'),
    marketMaxQty: amount('2500'),
    minNotional: amount('5'),
    maxNotional: amount('9000000'),
    basePrice: 3_200,
    dailyVolatility: 0.04,
    levelSize: amount('6'),
    defaultTradeQty: amount('0.2'),
    volumePerMinute: 180,
    firstOrderId: 29_000_000_000,
    firstTradeId: 2_400_000_000,
    listedAt: Date.UTC(2017, 7, 17),
  },
  {
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    quoteAsset: 'USDT',
    tickSize: amount('0.01'),
    minPrice: amount('0.01'),
    maxPrice: amount('100000'),
    stepSize: amount('0.001'),
    minQty: amount('0.001'),
    maxQty: amount('90000'),
    marketMaxQty: amount('40000'),
    minNotional: amount('5'),
    maxNotional: amount('9000000'),
    basePrice: 150,
    dailyVolatility: 0.05,
    levelSize: amount('120'),
    defaultTradeQty: amount('3'),
    volumePerMinute: 2_500,
    firstOrderId: 13_000_000_000,
    firstTradeId: 1_100_000_000,
    listedAt: Date.UTC(2020, 7, 11),
  },
];

export const MAX_OPEN_ORDERS = 200;

/** Only what the fake executes: ccxt checks a type against this list before sending. */
export const ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET'] as const;

/** The `symbols[]` entry of /api/v3/exchangeInfo, in Binance's exact shape. */
export function exchangeInfoSymbol(spec: SymbolSpec): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.baseAsset,
    baseAssetPrecision: 8,
    quoteAsset: spec.quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: [...ORDER_TYPES],
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    amendAllowed: false,
    pegInstructionsAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: true,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: format(spec.minPrice), maxPrice: format(spec.maxPrice), tickSize: format(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: format(spec.minQty), maxQty: format(spec.maxQty), stepSize: format(spec.stepSize) },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: format(spec.marketMaxQty), stepSize: '0.00000000' },
      { filterType: 'TRAILING_DELTA', minTrailingAboveDelta: 10, maxTrailingAboveDelta: 2000, minTrailingBelowDelta: 10, maxTrailingBelowDelta: 2000 },
      { filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '5', bidMultiplierDown: '0.2', askMultiplierUp: '5', askMultiplierDown: '0.2', avgPriceMins: 5 },
      { filterType: 'NOTIONAL', minNotional: format(spec.minNotional), applyMinToMarket: true, maxNotional: format(spec.maxNotional), applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: MAX_OPEN_ORDERS },
      { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
    ],
    permissions: [],
    permissionSets: [['SPOT', 'MARGIN', 'TRD_GRP_004', 'TRD_GRP_005', 'TRD_GRP_006']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'DECREMENT'],
  };
}

/** The `rateLimits` Binance publishes (and repeats in WebSocket API replies). */
export const RATE_LIMITS = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];

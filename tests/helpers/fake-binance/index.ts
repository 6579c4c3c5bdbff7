/**
 * A fake Binance spot exchange for integration and end-to-end tests: REST, market streams and
 * the WebSocket API user data stream, close enough to the real protocol that unmodified ccxt
 * talks to it, backed by a small matching model (book, balances, orders, fills).
 */
export { startFakeBinance, type FakeBinance, type FakeBinanceOptions, type OrderView, type TradeView } from './server';
export type { FakeBinanceEmitter, FakeBinanceEvents, RequestLogEntry, StreamKind } from './events';
export type { FailureSpec, FailureStatus, RequestMatcher } from './scenarios';
export { DEFAULT_SYMBOLS, type SymbolSpec } from './symbols';

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/shared/market/bar';
import type { Instrument } from '../../../src/shared/market/instrument';
import { endpointProblem } from '../../../src/renderer/src/features/accounts/endpoint-check';
import { filterExchanges, type Exchange } from '../../../src/renderer/src/features/accounts/exchange-list';
import { historyTouches, mergeReloaded } from '../../../src/renderer/src/features/charts/history-reload';
import { matchInstruments } from '../../../src/renderer/src/features/market/instrument-matches';
import { symbolParts } from '../../../src/renderer/src/features/market/symbol-parts';

const x = (id: string, name: string): Exchange => ({ id, name, needsPassphrase: false, hasTestnet: false });
const inst = (symbol: string, name = symbol): Instrument => ({
  symbol, name, assetClass: 'crypto', venue: symbol.includes(':') ? symbol.split(':')[0]! : 'SIM', quoteCurrency: 'USDT', tickSize: 0.01, lotStep: 0.0001, minQty: 0.0001, pricePrecision: 2, tradingHours: { kind: 'always' },
});
const bar = (time: number, close = time): Bar => ({ time, open: close, high: close, low: close, close, volume: 1 });

describe('exchange picker order', () => {
  const all = [x('ascendex', 'AscendEX'), x('kraken', 'Kraken'), x('binanceus', 'Binance US'), x('binance', 'Binance'), x('okx', 'OKX'), x('bitmart', 'BitMart')];
  it('puts Binance first among the popular ones, the rest by name', () => {
    expect(filterExchanges(all, '').map((e) => e.id)).toEqual(['binance', 'kraken', 'okx', 'ascendex', 'binanceus', 'bitmart']);
  });
  it('filters on name or id, starts-with first', () => {
    expect(filterExchanges(all, 'bin').map((e) => e.id)).toEqual(['binance', 'binanceus']);
    expect(filterExchanges(all, 'mart').map((e) => e.id)).toEqual(['bitmart']);
    expect(filterExchanges(all, 'zzz')).toEqual([]);
  });
});

describe('custom endpoint check', () => {
  it('takes base URLs of the right scheme and says what is wrong with others', () => {
    expect(endpointProblem('', ['http:', 'https:'])).toBeNull();
    expect(endpointProblem('http://127.0.0.1:8080', ['http:', 'https:'])).toBeNull();
    expect(endpointProblem('wss://stream.example/ws', ['ws:', 'wss:'])).toBeNull();
    expect(endpointProblem('ws://127.0.0.1', ['http:', 'https:'])).toMatch(/^Expected http:\/\/ or https:\/\//);
    expect(endpointProblem('https://x.example/?key=1', ['http:', 'https:'])).toMatch(/no query/);
    expect(endpointProblem('testnet.binance.vision', ['http:', 'https:'])).toMatch(/^Not a URL/);
  });
});

describe('symbols of live venues', () => {
  it('splits the venue prefix', () => {
    expect(symbolParts('BINANCE:BTC/USDT')).toEqual({ venue: 'BINANCE', local: 'BTC/USDT' });
    expect(symbolParts('BTC/USDT')).toEqual({ venue: null, local: 'BTC/USDT' });
  });
  it('finds a venue’s symbol by its pair, the simulated one first, and the venue by its prefix', () => {
    const list = [inst('BINANCE:ETH/USDT'), inst('BINANCE:BTC/USDT'), inst('BTC/USDT', 'Bitcoin'), inst('AAPL', 'Apple')];
    expect(matchInstruments(list, 'btc', 10).map((i) => i.symbol)).toEqual(['BTC/USDT', 'BINANCE:BTC/USDT']);
    expect(matchInstruments(list, 'btcusdt', 10).map((i) => i.symbol)).toEqual(['BTC/USDT', 'BINANCE:BTC/USDT']);
    expect(matchInstruments(list, 'binance:', 10).map((i) => i.symbol)).toEqual(['BINANCE:BTC/USDT', 'BINANCE:ETH/USDT']);
    expect(matchInstruments(list, 'BINANCE:BTC/USDT', 10).map((i) => i.symbol)).toEqual(['BINANCE:BTC/USDT']);
    expect(matchInstruments(list, 'apple', 10).map((i) => i.symbol)).toEqual(['AAPL']);
    expect(matchInstruments(list, 'usdt', 2)).toHaveLength(2);
  });
});

describe('reloading replaced history', () => {
  it('reloads only when the span reaches the bars shown', () => {
    expect(historyTouches([bar(100), bar(200)], { from: 0, to: 100 })).toBe(false);
    expect(historyTouches([bar(100), bar(200)], { from: 0, to: 101 })).toBe(true);
    expect(historyTouches([], { from: 0, to: 1 })).toBe(true);
  });
  it('keeps older paged-in bars and puts live bars that came meanwhile on top', () => {
    const current = [bar(1), bar(2), bar(3, 30), bar(4, 40)];
    const fresh = [bar(3, 33), bar(4, 44)];
    expect(mergeReloaded(current, fresh, [bar(4, 45), bar(5, 50), bar(2, 0)]).map((b) => [b.time, b.close])).toEqual([
      [1, 1],
      [2, 2],
      [3, 33],
      [4, 45],
      [5, 50],
    ]);
  });
});

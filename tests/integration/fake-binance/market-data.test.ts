import type { Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeBinance, startFakeBinance } from '../../helpers/fake-binance';
import { connectCcxt } from './support';

const MINUTE = 60_000;

describe('fake Binance market data through ccxt', () => {
  let fake: FakeBinance;
  let exchange: Exchange;

  beforeAll(async () => {
    fake = await startFakeBinance({ prices: { BTCUSDT: 65_000, ETHUSDT: 3_200 } });
    exchange = await connectCcxt(fake);
  });

  afterAll(async () => {
    await exchange.close();
    await fake.close();
  });

  test('loadMarkets reads exchangeInfo: spot BTC/USDT with Binance precision and limits', () => {
    const market = exchange.market('BTC/USDT');
    expect(market).toMatchObject({ id: 'BTCUSDT', base: 'BTC', quote: 'USDT', spot: true, active: true, type: 'spot' });
    expect(market.precision).toMatchObject({ price: 0.01, amount: 0.00001 });
    expect(market.limits.amount).toEqual({ min: 0.00001, max: 9000 });
    expect(market.limits.price).toEqual({ min: 0.01, max: 1_000_000 });
    expect(market.limits.cost).toMatchObject({ min: 5 });
    expect(exchange.market('ETH/USDT').precision.amount).toBe(0.0001);
    expect(exchange.market('SOL/USDT').precision.amount).toBe(0.001);
    // ccxt's loadMarkets reads exchangeInfo (and, with options.fetchMargins, the signed sapi margin pairs).
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v3/exchangeInfo', status: 200 });
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
  });

  test('fetchTime is the server clock', async () => {
    const serverTime = await exchange.fetchTime();
    expect(Math.abs((serverTime ?? 0) - fake.serverTime())).toBeLessThan(1000);
  });

  test('fetchOHLCV pages forward without gaps and repeats itself exactly', async () => {
    const since = Math.floor((Date.now() - 5 * 60 * MINUTE) / MINUTE) * MINUTE;
    const first = await exchange.fetchOHLCV('BTC/USDT', '1m', since, 100);
    expect(first).toHaveLength(100);
    expect(first[0]![0]).toBe(since);
    const last = first[first.length - 1]!;
    const second = await exchange.fetchOHLCV('BTC/USDT', '1m', last[0]! + MINUTE, 100);
    expect(second[0]![0]).toBe(last[0]! + MINUTE);
    // A walk: each bar opens where the previous one closed, and high/low bound open/close.
    expect(second[0]![1]).toBe(last[4]);
    for (const [, open, high, low, close, volume] of [...first, ...second]) {
      expect(high).toBeGreaterThanOrEqual(Math.max(open!, close!));
      expect(low).toBeLessThanOrEqual(Math.min(open!, close!));
      expect(volume).toBeGreaterThanOrEqual(0);
    }
    expect(await exchange.fetchOHLCV('BTC/USDT', '1m', since, 100)).toEqual(first);
  });

  test('history ends at the live price and the current bar follows live trades', async () => {
    const [, , , , lastClose] = (await exchange.fetchOHLCV('BTC/USDT', '1m', undefined, 2)).at(-1)!;
    expect(lastClose).toBe(fake.price('BTCUSDT'));
    const target = fake.price('BTCUSDT') + 42.5;
    fake.trade('BTCUSDT', target, 0.25);
    const bar = (await exchange.fetchOHLCV('BTC/USDT', '1m', undefined, 1)).at(-1)!;
    expect(bar[4]).toBe(target);
    expect(bar[2]).toBeGreaterThanOrEqual(target);
    expect(bar[5]).toBeGreaterThanOrEqual(0.25);
  });

  test('5m bars are exact aggregates of 1m bars', async () => {
    const start = Math.floor((Date.now() - 3 * 60 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
    const [five] = await exchange.fetchOHLCV('BTC/USDT', '5m', start, 1);
    const ones = await exchange.fetchOHLCV('BTC/USDT', '1m', start, 5);
    expect(five![1]).toBe(ones[0]![1]);
    expect(five![4]).toBe(ones[4]![4]);
    expect(five![2]).toBe(Math.max(...ones.map((b) => b[2]!)));
    expect(five![3]).toBe(Math.min(...ones.map((b) => b[3]!)));
    expect(five![5]).toBeCloseTo(ones.reduce((sum, b) => sum + b[5]!, 0), 5);
  });

  test('daily bars page backwards from `until`, and every Binance interval answers', async () => {
    const until = Date.UTC(2025, 0, 31);
    const days = await exchange.fetchOHLCV('BTC/USDT', '1d', undefined, 30, { until });
    expect(days).toHaveLength(30);
    expect(days.at(-1)![0]).toBe(Date.UTC(2025, 0, 31));
    expect(days[1]![0]! - days[0]![0]!).toBe(24 * 60 * MINUTE);
    for (const timeframe of ['1s', '3m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '3d', '1w', '1M']) {
      const bars = await exchange.fetchOHLCV('ETH/USDT', timeframe, undefined, 5);
      expect(bars, timeframe).toHaveLength(5);
    }
    const weeks = await exchange.fetchOHLCV('BTC/USDT', '1w', undefined, 3);
    expect(new Date(weeks[0]![0]!).getUTCDay()).toBe(1);
  });

  test('tickers, bids/asks, order book and recent trades agree with the live price', async () => {
    fake.trade('ETHUSDT', 3_210.37, 1.5);
    const ticker = await exchange.fetchTicker('ETH/USDT');
    expect(ticker.last).toBe(3_210.37);
    expect(ticker.bid).toBe(3_210.36);
    expect(ticker.ask).toBe(3_210.38);
    expect(ticker.baseVolume).toBeGreaterThan(0);

    const quotes = await exchange.fetchBidsAsks(['BTC/USDT', 'ETH/USDT']);
    expect(Object.keys(quotes).sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(quotes['ETH/USDT']).toMatchObject({ bid: 3_210.36, ask: 3_210.38 });

    const book = await exchange.fetchOrderBook('ETH/USDT', 10);
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(book.bids[0]![0]).toBe(3_210.36);
    expect(book.asks[0]![0]).toBe(3_210.38);
    expect(book.nonce).toBeGreaterThan(0);

    const trades = await exchange.fetchTrades('ETH/USDT');
    expect(trades.at(-1)).toMatchObject({ price: 3_210.37, amount: 1.5, side: 'buy' });
  });
});

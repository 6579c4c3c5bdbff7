import type { Balances, Exchange, Order } from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FakeBinance, startFakeBinance } from '../../helpers/fake-binance';
import { cachedBalance, cachedOrders, connectCcxt, watchUntil } from './support';

describe('fake Binance streams through ccxt pro', () => {
  let fake: FakeBinance;
  let exchange: Exchange;

  beforeEach(async () => {
    fake = await startFakeBinance({ prices: { BTCUSDT: 60_000, ETHUSDT: 3_000 } });
    exchange = await connectCcxt(fake);
  });

  afterEach(async () => {
    await exchange.close();
    await fake.close();
  });

  /**
   * Starts a watch and resolves once the server has accepted the subscription it sends, with
   * the pending watch wrapped (an async function would otherwise wait for it to settle too).
   */
  async function subscribed<T>(stream: string, watch: () => Promise<T>): Promise<{ update: Promise<T> }> {
    const accepted = fake.events.waitFor('subscribe', ({ streams }) => streams.includes(stream));
    const update = watch();
    await accepted;
    return { update };
  }

  test('watchTrades: market streams live on /ws/<n> with SUBSCRIBE, and get trade events', async () => {
    const connected = fake.events.waitFor('connection', ({ kind }) => kind === 'market');
    const { update: watching } = await subscribed('btcusdt@trade', () => exchange.watchTrades('BTC/USDT'));
    expect((await connected).path).toMatch(/^\/ws\/\d+$/);
    fake.trade('BTCUSDT', 60_012.34, 0.3);
    const [trade] = await watching;
    expect(trade).toMatchObject({ symbol: 'BTC/USDT', price: 60_012.34, amount: 0.3, side: 'buy' });

    fake.trade('BTCUSDT', 59_990, 0.1);
    const next = await exchange.watchTrades('BTC/USDT');
    expect(next.at(-1)).toMatchObject({ price: 59_990, side: 'sell' });
  });

  test('watchBidsAsks follows the top of book (bookTicker)', async () => {
    const { update: watching } = await subscribed('ethusdt@bookTicker', () => exchange.watchBidsAsks(['ETH/USDT']));
    fake.trade('ETHUSDT', 3_001.5);
    const quotes = await watching;
    expect(quotes['ETH/USDT']).toMatchObject({ bid: 3_001.49, ask: 3_001.51 });
  });

  test('watchTicker gets 24h ticker events', async () => {
    const { update: watching } = await subscribed('btcusdt@miniTicker', () => exchange.watchTicker('BTC/USDT'));
    fake.trade('BTCUSDT', 60_100, 0.5);
    const ticker = await watching;
    expect(ticker).toMatchObject({ symbol: 'BTC/USDT', last: 60_100 });
    expect(ticker.baseVolume).toBeGreaterThan(0);
  });

  test('watchOHLCV gets kline events whose current bar carries the live trade', async () => {
    const accepted = fake.events.waitFor('subscribe', ({ streams }) => streams.includes('btcusdt@kline_1m'));
    // Binance also pushes the open bar every second without trades; wait for the one with ours.
    const withTrade = watchUntil(
      () => exchange.watchOHLCV('BTC/USDT', '1m'),
      (bars) => bars.at(-1)?.[4] === 60_250,
    );
    await accepted;
    fake.trade('BTCUSDT', 60_250, 0.2);
    const candles = await withTrade;
    const [openTime, , high, , close, volume] = candles.at(-1)!;
    expect(openTime).toBe(Math.floor(fake.serverTime() / 60_000) * 60_000);
    expect(close).toBe(60_250);
    expect(high).toBeGreaterThanOrEqual(60_250);
    expect(volume).toBeGreaterThanOrEqual(0.2);
  });

  test('watchOrderBook: REST snapshot plus depth diffs that line up', async () => {
    const book = await exchange.watchOrderBook('BTC/USDT');
    expect(book.bids[0]![0]).toBe(59_999.99);
    expect(book.asks[0]![0]).toBe(60_000.01);
    fake.trade('BTCUSDT', 60_010);
    const updated = await watchUntil(
      () => exchange.watchOrderBook('BTC/USDT'),
      (b) => b.asks[0]![0] === 60_010.01,
    );
    expect(updated.bids[0]![0]).toBe(60_009.99);
    expect(fake.requests.some((r) => r.path === '/api/v3/depth' && r.params['limit'] === '1000')).toBe(true);
  });

  test('watchOrders, watchMyTrades and watchBalance get the user data stream over the WebSocket API', async () => {
    const authenticated = fake.events.waitFor('userSubscribe');
    const connected = fake.events.waitFor('connection', ({ kind }) => kind === 'user');
    // Each watch resolves on the next message, so every watch starts before the action it reports.
    const orders = exchange.watchOrders('BTC/USDT');
    const balance = exchange.watchBalance();
    expect((await connected).path).toBe('/ws-api/v3');
    await authenticated;

    const resting = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59_500, { clientOrderId: 'watched-1' });
    const [seen] = await orders;
    expect(seen).toMatchObject({ id: resting.id, clientOrderId: 'watched-1', status: 'open', price: 59_500, amount: 0.01 });
    expect((await balance)['USDT']).toMatchObject({ free: 9_405, used: 595 });

    const filled = exchange.watchOrders('BTC/USDT');
    const myTrades = exchange.watchMyTrades('BTC/USDT');
    const funds = watchUntil(() => exchange.watchBalance(), (b: Balances) => b['BTC']?.free === 0.50999, () => cachedBalance(exchange));
    fake.trade('BTCUSDT', 59_400);
    expect((await filled).find((o) => o.id === resting.id)).toMatchObject({ status: 'closed', filled: 0.01, average: 59_500 });
    const [fill] = await myTrades;
    expect(fill).toMatchObject({ order: resting.id, price: 59_500, amount: 0.01, takerOrMaker: 'maker', fee: { currency: 'BTC', cost: 0.00001 } });
    expect((await funds)['USDT']).toMatchObject({ free: 9_405, used: 0 });
  });

  test('the user stream also reports market orders, cancels and deposits', async () => {
    const authenticated = fake.events.waitFor('userSubscribe');
    const ready = exchange.watchOrders();
    await authenticated;
    const closed = watchUntil(
      () => exchange.watchOrders(),
      (list: Order[]) => list.some((o) => o.clientOrderId === 'mkt-1' && o.status === 'closed'),
      () => cachedOrders(exchange),
    );
    const market = await exchange.createOrder('ETH/USDT', 'market', 'sell', 1, undefined, { clientOrderId: 'mkt-1' });
    await ready;
    expect((await closed).find((o) => o.id === market.id)).toMatchObject({ clientOrderId: 'mkt-1', filled: 1, side: 'sell' });

    const limit = await exchange.createOrder('ETH/USDT', 'limit', 'sell', 1, 3_100, { clientOrderId: 'to-cancel' });
    const canceled = watchUntil(
      () => exchange.watchOrders(),
      (list: Order[]) => list.some((o) => o.id === limit.id && o.status === 'canceled'),
      () => cachedOrders(exchange),
    );
    await exchange.cancelOrder(limit.id!, 'ETH/USDT');
    // On a cancel the executionReport's `C` is the order's own client id, and ccxt prefers it over `c`.
    expect((await canceled).find((o) => o.id === limit.id)!.clientOrderId).toBe('to-cancel');

    const deposited = watchUntil(() => exchange.watchBalance(), (b: Balances) => b['SOL']?.free === 12.5, () => cachedBalance(exchange));
    fake.deposit('SOL', 12.5);
    expect((await deposited)['SOL']!.free).toBe(12.5);
  });
});

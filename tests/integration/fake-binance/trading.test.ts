import ccxt, { type Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FakeBinance, startFakeBinance } from '../../helpers/fake-binance';
import { caught, connectCcxt } from './support';

describe('fake Binance trading through ccxt REST', () => {
  let fake: FakeBinance;
  let exchange: Exchange;

  beforeEach(async () => {
    fake = await startFakeBinance({ prices: { BTCUSDT: 60_000, ETHUSDT: 3_000, SOLUSDT: 150 }, balances: { USDT: 10_000, BTC: 0.5, ETH: 5, SOL: 20 } });
    exchange = await connectCcxt(fake);
  });

  afterEach(async () => {
    await exchange.close();
    await fake.close();
  });

  test('fetchBalance reports the start balances; trading fees come from sapi asset/tradeFee', async () => {
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toMatchObject({ free: 10_000, used: 0, total: 10_000 });
    expect(balance['BTC']).toMatchObject({ free: 0.5, used: 0, total: 0.5 });
    expect(balance['ETH']).toMatchObject({ free: 5, used: 0, total: 5 });
    expect(await exchange.fetchTradingFee('BTC/USDT')).toMatchObject({ symbol: 'BTC/USDT', maker: 0.001, taker: 0.001 });
    expect(Object.keys(await exchange.fetchTradingFees()).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(fake.requests.filter((r) => r.path === '/sapi/v1/asset/tradeFee')).toHaveLength(2);
  });

  test('a market buy fills at the ask with 0.1% commission in the base asset, keeping our client order id', async () => {
    const order = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'ist-market-1' });
    const sent = fake.requests.find((r) => r.method === 'POST' && r.path === '/api/v3/order')!;
    // ccxt maps the unified clientOrderId to Binance's newClientOrderId and asks for the FULL response.
    expect(sent.params).toMatchObject({ newClientOrderId: 'ist-market-1', newOrderRespType: 'FULL', type: 'MARKET', quantity: '0.01' });
    expect(order).toMatchObject({ clientOrderId: 'ist-market-1', status: 'closed', filled: 0.01, average: 60_000.01, side: 'buy', type: 'market' });
    expect(order.fee).toEqual({ currency: 'BTC', cost: 0.00001 });

    const balance = await exchange.fetchBalance();
    expect(balance['BTC']!.free).toBeCloseTo(0.5 + 0.01 - 0.00001, 8);
    expect(balance['USDT']!.free).toBeCloseTo(10_000 - 600.0001, 6);

    const [trade] = await exchange.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: order.id, price: 60_000.01, amount: 0.01, side: 'buy', takerOrMaker: 'taker', fee: { currency: 'BTC', cost: 0.00001 } });
  });

  test('a large market sell walks down the book', async () => {
    fake.deposit('BTC', 4.5);
    const order = await exchange.createOrder('BTC/USDT', 'market', 'sell', 5);
    expect(order.status).toBe('closed');
    expect(order.trades.length).toBeGreaterThan(1);
    expect(order.average!).toBeLessThan(59_999.99);
    expect(fake.price('BTCUSDT')).toBeLessThan(59_999.99);
    const balance = await exchange.fetchBalance();
    expect(balance['BTC']!.total).toBe(0);
    // Sell commission is charged in the quote asset received.
    expect(balance['USDT']!.free).toBeCloseTo(10_000 + order.cost! * 0.999, 4);
    expect(balance['USDT']!.free).toBeLessThan(10_000 + 5 * 60_000 * 0.999);
  });

  test('a resting limit order locks funds, fills as maker when the market trades through it, partially first', async () => {
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.02, 59_000, { clientOrderId: 'ist-limit-1' });
    expect(order).toMatchObject({ status: 'open', filled: 0, price: 59_000, clientOrderId: 'ist-limit-1' });
    expect((await exchange.fetchBalance())['USDT']).toMatchObject({ free: 10_000 - 1_180, used: 1_180 });

    const byId = await exchange.fetchOrder(order.id!, 'BTC/USDT');
    expect(byId).toMatchObject({ id: order.id, status: 'open' });
    // Fetching by client id: the unified `clientOrderId` param becomes Binance's origClientOrderId.
    const byClientId = await exchange.fetchOrder('', 'BTC/USDT', { clientOrderId: 'ist-limit-1' });
    expect(byClientId.id).toBe(order.id);
    expect(fake.requests.filter((r) => r.path === '/api/v3/order' && r.method === 'GET').map((r) => r.params)).toEqual([
      expect.objectContaining({ orderId: order.id }),
      expect.objectContaining({ origClientOrderId: 'ist-limit-1' }),
    ]);

    fake.trade('BTCUSDT', 58_990, 0.005);
    const partial = await exchange.fetchOrder(order.id!, 'BTC/USDT');
    expect(partial).toMatchObject({ status: 'open', filled: 0.005, remaining: 0.015, average: 59_000 });

    fake.trade('BTCUSDT', 58_950);
    const filled = await exchange.fetchOrder(order.id!, 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.02 });
    const trades = await exchange.fetchMyTrades('BTC/USDT');
    expect(trades.map((t) => [t.amount, t.price, t.takerOrMaker])).toEqual([
      [0.005, 59_000, 'maker'],
      [0.015, 59_000, 'maker'],
    ]);
    const balance = await exchange.fetchBalance();
    expect(balance['USDT']).toMatchObject({ free: 10_000 - 1_180, used: 0 });
    expect(balance['BTC']!.free).toBeCloseTo(0.5 + 0.02 * 0.999, 8);
  });

  test('a crossing limit order fills at once as taker at the better price; IOC and FOK expire what they cannot fill', async () => {
    const taker = await exchange.createOrder('ETH/USDT', 'limit', 'buy', 0.5, 3_005);
    expect(taker).toMatchObject({ status: 'closed', filled: 0.5, average: 3_000.01 });

    const ioc = await exchange.createOrder('ETH/USDT', 'limit', 'sell', 1, 2_900, { timeInForce: 'IOC' });
    expect(ioc.status).toBe('closed');
    const away = await exchange.createOrder('ETH/USDT', 'limit', 'buy', 0.5, 2_990, { timeInForce: 'IOC' });
    expect(away).toMatchObject({ status: 'expired', filled: 0 });
    fake.deposit('USDT', 200_000);
    // Two ask levels within the limit hold far less than 50 ETH: fill-or-kill fills nothing.
    const fok = await exchange.createOrder('ETH/USDT', 'limit', 'buy', 50, fake.price('ETHUSDT') + 0.02, { timeInForce: 'FOK' });
    expect(fok).toMatchObject({ status: 'expired', filled: 0 });
  });

  test('fetchOpenOrders, cancelOrder by id and by client id, and fetchOrder after the cancel', async () => {
    const a = await exchange.createOrder('SOL/USDT', 'limit', 'buy', 1, 140, { clientOrderId: 'sol-a' });
    const b = await exchange.createOrder('SOL/USDT', 'limit', 'sell', 2, 160, { clientOrderId: 'sol-b' });
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50_000);
    expect((await exchange.fetchOpenOrders('SOL/USDT')).map((o) => o.clientOrderId).sort()).toEqual(['sol-a', 'sol-b']);

    const canceled = await exchange.cancelOrder(a.id!, 'SOL/USDT');
    expect(canceled).toMatchObject({ id: a.id, status: 'canceled' });
    // Binance answers a cancel with the cancel request's own client id; the order's is in origClientOrderId.
    expect((canceled.info as Record<string, unknown>)['origClientOrderId']).toBe('sol-a');

    await exchange.cancelOrder('', 'SOL/USDT', { clientOrderId: 'sol-b' });
    expect(await exchange.fetchOpenOrders('SOL/USDT')).toEqual([]);
    expect((await exchange.fetchOrders('SOL/USDT')).map((o) => [o.clientOrderId, o.status])).toEqual([
      ['sol-a', 'canceled'],
      ['sol-b', 'canceled'],
    ]);
    expect((await exchange.fetchOrder(b.id!, 'SOL/USDT')).status).toBe('canceled');
    expect(fake.balances()['SOL']).toEqual({ free: 20, locked: 0 });
    expect(fake.orders('SOLUSDT').map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
  });

  test('Binance errors map to ccxt errors: filters, balance, duplicates, unknown orders', async () => {
    const lot = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 9_001, 50_000, { clientOrderId: 'too-big' }));
    expect(lot).toBeInstanceOf(ccxt.InvalidOrder);
    expect(lot.message).toContain('Filter failure: LOT_SIZE');

    const notional = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.00005, 50_000));
    expect(notional.message).toContain('Filter failure: NOTIONAL');
    // ccxt special-cases LOT_SIZE and PRICE_FILTER in the text; other filter failures are -1013, a BadRequest.
    expect(notional).toBeInstanceOf(ccxt.BadRequest);

    const broke = await caught(exchange.createOrder('BTC/USDT', 'market', 'buy', 1));
    expect(broke).toBeInstanceOf(ccxt.InsufficientFunds);

    await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50_000, { clientOrderId: 'dup-1' });
    const duplicate = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50_000, { clientOrderId: 'dup-1' }));
    expect(duplicate).toBeInstanceOf(ccxt.InvalidOrder);
    expect(duplicate.message).toContain('Duplicate order sent.');

    // postOnly becomes LIMIT_MAKER; a crossing one is refused with Binance's -2010 message.
    const maker = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 60_100, { postOnly: true }));
    expect(maker).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    expect(fake.requests.at(-1)!.params).toMatchObject({ type: 'LIMIT_MAKER' });

    expect(await caught(exchange.cancelOrder('123', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    const missing = await caught(exchange.fetchOrder('123', 'BTC/USDT'));
    expect(missing).toBeInstanceOf(ccxt.OrderNotFound);
    expect(missing.message).toContain('-2013');
    expect(fake.orders().filter((o) => o.status === 'NEW')).toHaveLength(1);
  });

  test('a read-only key can read but not trade', async () => {
    await exchange.close();
    await fake.close();
    fake = await startFakeBinance({ canTrade: false });
    exchange = await connectCcxt(fake);
    expect((await exchange.fetchBalance())['USDT']!.free).toBe(10_000);
    const refused = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50_000));
    expect(refused.message).toContain('-2015');
    // ccxt reads -2015 after an earlier successful private call as a temporary ban, not bad credentials.
    expect(refused).toBeInstanceOf(ccxt.DDoSProtection);
    expect(fake.orders()).toEqual([]);
  });
});

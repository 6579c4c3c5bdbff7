import ccxt, { type Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FakeBinance, startFakeBinance } from '../../helpers/fake-binance';
import { absorbAuthenticationFlight, caught, connectCcxt } from './support';

describe('fake Binance failure modes as ccxt reports them', () => {
  let fake: FakeBinance;
  const exchanges: Exchange[] = [];

  async function connect(overrides: Parameters<typeof connectCcxt>[1] = {}): Promise<Exchange> {
    const exchange = await connectCcxt(fake, overrides);
    exchanges.push(exchange);
    return exchange;
  }

  beforeEach(async () => {
    fake = await startFakeBinance({ prices: { BTCUSDT: 60_000 } });
  });

  afterEach(async () => {
    for (const exchange of exchanges.splice(0)) await exchange.close();
    await fake.close();
  });

  test('a wrong secret is an AuthenticationError (-1022) on REST and on the user data stream', async () => {
    const exchange = await connect({ secret: 'not-the-secret', loadMarkets: false });
    const rest = await caught(exchange.fetchBalance());
    expect(rest).toBeInstanceOf(ccxt.AuthenticationError);
    expect(rest.message).toContain('Signature for this request is not valid.');

    const good = await connect();
    good.secret = 'not-the-secret';
    const watching = good.watchOrders();
    absorbAuthenticationFlight(good);
    const stream = await caught(watching);
    expect(stream).toBeInstanceOf(ccxt.AuthenticationError);
    expect(stream.message).toContain('-1022');
  });

  test('an unknown API key is an AuthenticationError (-2015)', async () => {
    const exchange = await connect({ apiKey: 'unknown-key', loadMarkets: false });
    const error = await caught(exchange.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error.message).toContain('-2015');
  });

  test('a server clock ahead of ours is InvalidNonce (-1021) until ccxt learns the offset', async () => {
    const exchange = await connect();
    fake.setClockSkew(60_000);
    const skewed = await caught(exchange.fetchBalance());
    expect(skewed).toBeInstanceOf(ccxt.InvalidNonce);
    expect(skewed.message).toContain('outside of the recvWindow');

    // ccxt signs with `timestamp = now - options.timeDifference`; loadTimeDifference sets it from /api/v3/time.
    const difference = await exchange.loadTimeDifference();
    expect(difference).toBeLessThan(-59_000);
    expect((await exchange.fetchBalance())['USDT']!.free).toBe(10_000);

    // The other way round, and ccxt's adjustForTimeDifference: it loads the offset inside
    // fetchMarkets, but only after the signed margin-pair requests of the same load, which fail.
    fake.setClockSkew(-30_000);
    expect(await caught(exchange.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
    exchange.options['adjustForTimeDifference'] = true;
    exchange.options['fetchMargins'] = true;
    expect(await caught(exchange.loadMarkets(true))).toBeInstanceOf(ccxt.InvalidNonce);
    exchange.options['fetchMargins'] = false;
    await exchange.loadMarkets(true);
    expect(exchange.options['timeDifference']).toBeGreaterThan(29_000);
    expect((await exchange.fetchBalance())['BTC']!.free).toBe(0.5);
  });

  test('429 with Retry-After is a DDoSProtection (Binance handles 418/429 before anything else)', async () => {
    const exchange = await connect();
    fake.failNext({ method: 'GET', path: '/api/v3/account' }, { status: 429, retryAfterSeconds: 7 });
    const limited = await caught(exchange.fetchBalance());
    expect(limited).toBeInstanceOf(ccxt.DDoSProtection);
    expect(limited).toBeInstanceOf(ccxt.NetworkError);
    expect(limited.message).toContain('-1003');
    // ccxt does not act on Retry-After itself, but keeps the headers of the last response.
    expect(exchange.last_response_headers?.['Retry-After']).toBe('7');
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v3/account', status: 429 });
    // One failure only: the retry goes through.
    expect((await exchange.fetchBalance())['USDT']!.free).toBe(10_000);

    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 418, retryAfterSeconds: 60 });
    expect(await caught(exchange.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.DDoSProtection);
  });

  test('5xx: 503 from the gateway is ExchangeNotAvailable, a maintenance message is OnMaintenance', async () => {
    const exchange = await connect();
    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 503 });
    const unavailable = await caught(exchange.fetchTicker('BTC/USDT'));
    expect(unavailable).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(unavailable).not.toBeInstanceOf(ccxt.OnMaintenance);

    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 503, code: 1, msg: 'System is under maintenance.' });
    expect(await caught(exchange.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.OnMaintenance);

    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 502 });
    expect(await caught(exchange.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.ExchangeNotAvailable);

    // Binance's own JSON bodies win over the status: -1001 (500) is OperationFailed, an unmapped -1008 (503) a plain ExchangeError.
    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 500 });
    const internal = await caught(exchange.fetchTicker('BTC/USDT'));
    expect(internal).toBeInstanceOf(ccxt.OperationFailed);
    expect(internal).not.toBeInstanceOf(ccxt.NetworkError);
    fake.failNext({ path: '/api/v3/ticker/24hr' }, { status: 503, code: -1008, msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.' });
    const overloaded = await caught(exchange.fetchTicker('BTC/USDT'));
    expect(overloaded).toBeInstanceOf(ccxt.ExchangeError);
    expect(overloaded).not.toBeInstanceOf(ccxt.NetworkError);

    expect((await exchange.fetchTicker('BTC/USDT')).last).toBe(60_000);
  });

  test('a dropped order response is a NetworkError, yet the order exists and can be found by client id', async () => {
    const exchange = await connect();
    fake.dropResponseOfNext({ method: 'POST', path: '/api/v3/order' });
    const dropped = await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 59_000, { clientOrderId: 'lost-reply-1' }));
    expect(dropped).toBeInstanceOf(ccxt.NetworkError);
    expect(dropped).not.toBeInstanceOf(ccxt.RequestTimeout);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v3/order', status: 0 });
    expect(fake.orders('BTCUSDT')).toEqual([expect.objectContaining({ clientOrderId: 'lost-reply-1', status: 'NEW' })]);

    const recovered = await exchange.fetchOrder('', 'BTC/USDT', { clientOrderId: 'lost-reply-1' });
    expect(recovered).toMatchObject({ status: 'open', price: 59_000, amount: 0.001 });
    // Sending it again with the same client id is refused while the first is open: no double order.
    expect((await caught(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 59_000, { clientOrderId: 'lost-reply-1' }))).message).toContain('Duplicate order sent.');
  });

  test('refused connections are NetworkErrors until the server takes them again', async () => {
    const exchange = await connect();
    fake.refuseConnections(60_000);
    const refused = await caught(exchange.fetchBalance());
    expect(refused).toBeInstanceOf(ccxt.NetworkError);
    fake.refuseConnections(0);
    expect((await exchange.fetchBalance())['USDT']!.free).toBe(10_000);
  });

  test('dropped streams reject the pending watches with NetworkError; watching again reconnects and resubscribes', async () => {
    const exchange = await connect();
    // ccxt redials with exponential backoff (1 s, 2 s, … up to 60 s, reset after 30 s of a
    // healthy connection); a short base keeps this test quick.
    exchange.options['ws'] = { ...(exchange.options['ws'] as object), backoff: { base: 20 } };
    const subscribed = fake.events.waitFor('subscribe', ({ streams }) => streams.includes('btcusdt@trade'));
    const authenticated = fake.events.waitFor('userSubscribe');
    const trades = exchange.watchTrades('BTC/USDT');
    const orders = exchange.watchOrders('BTC/USDT');
    await Promise.all([subscribed, authenticated]);
    expect(fake.connections()).toEqual({ market: 1, user: 1 });

    fake.dropStreams();
    const [lostTrades, lostOrders] = await Promise.all([caught(trades), caught(orders)]);
    expect(lostTrades).toBeInstanceOf(ccxt.NetworkError);
    expect(lostTrades.message).toContain('connection closed by remote server');
    expect(lostOrders).toBeInstanceOf(ccxt.NetworkError);

    const resubscribed = fake.events.waitFor('subscribe', ({ streams }) => streams.includes('btcusdt@trade'));
    const reauthenticated = fake.events.waitFor('userSubscribe');
    const nextTrades = exchange.watchTrades('BTC/USDT');
    const nextOrders = exchange.watchOrders('BTC/USDT');
    await Promise.all([resubscribed, reauthenticated]);
    fake.trade('BTCUSDT', 60_123.45, 0.01);
    expect((await nextTrades).at(-1)).toMatchObject({ price: 60_123.45 });
    await exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.001, 61_000, { clientOrderId: 'after-reconnect' });
    expect((await nextOrders).at(-1)).toMatchObject({ clientOrderId: 'after-reconnect', status: 'open' });
  });

  test('malformed and unknown frames do not break a stream', async () => {
    const exchange = await connect();
    const subscribed = fake.events.waitFor('subscribe', ({ streams }) => streams.includes('btcusdt@trade'));
    const trades = exchange.watchTrades('BTC/USDT');
    await subscribed;
    fake.sendRaw('{"e":"somethingNew","E":1}', 'market');
    fake.sendRaw('[1,2,3]', 'market');
    fake.trade('BTCUSDT', 60_050, 0.02);
    expect((await trades).at(-1)).toMatchObject({ price: 60_050 });

    // Text that is not JSON reaches ccxt's handler as a string, which throws there: ccxt rejects
    // every pending watch on that connection with the TypeError, but keeps the connection.
    const pending = exchange.watchTrades('BTC/USDT');
    fake.sendRaw('this is not json', 'market');
    expect(await caught(pending)).toBeInstanceOf(TypeError);
    const again = exchange.watchTrades('BTC/USDT');
    fake.trade('BTCUSDT', 60_060, 0.02);
    expect((await again).at(-1)).toMatchObject({ price: 60_060 });
    expect(fake.connections().market).toBe(1);
  });
});

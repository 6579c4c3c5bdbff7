import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeBinance, startFakeBinance } from '../../helpers/fake-binance';

/** A WebSocket client that hands out its messages in order (no sleeping: each read awaits the next frame). */
async function openSocket(url: string): Promise<{ ws: WebSocket; next: () => Promise<unknown>; close: () => void }> {
  const ws = new WebSocket(url);
  const queue: unknown[] = [];
  const waiting: Array<(value: unknown) => void> = [];
  ws.on('message', (data) => {
    const value: unknown = JSON.parse(data.toString());
    const resolve = waiting.shift();
    if (resolve) resolve(value);
    else queue.push(value);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve))),
    close: () => ws.terminate(),
  };
}

describe('fake Binance protocol details', () => {
  let fake: FakeBinance;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    fake = await startFakeBinance({ apiKey: 'key-1', secret: 'secret-1', prices: { BTCUSDT: 50_000, ETHUSDT: 2_500, SOLUSDT: 100 } });
  });

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await fake.close();
  });

  const sign = (query: string) => createHmac('sha256', 'secret-1').update(query).digest('hex');

  async function signed(method: string, path: string, params: Record<string, string>, where: 'query' | 'body' = method === 'GET' || method === 'DELETE' ? 'query' : 'body') {
    const query = new URLSearchParams({ ...params, timestamp: String(Date.now()), recvWindow: '5000' }).toString();
    const payload = `${query}&signature=${sign(query)}`;
    const url = `${fake.restUrl}${path}${where === 'query' ? `?${payload}` : ''}`;
    const response = await fetch(url, {
      method,
      headers: { 'X-MBX-APIKEY': 'key-1', ...(where === 'body' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      ...(where === 'body' ? { body: payload } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
  }

  test('signatures cover the exact query or form body; errors carry Binance codes and statuses', async () => {
    expect((await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '49000' })).status).toBe(200);
    expect((await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '49000' }, 'query')).status).toBe(200);

    const tampered = new URLSearchParams({ symbol: 'BTCUSDT', timestamp: String(Date.now()) }).toString();
    const badSignature = await fetch(`${fake.restUrl}/api/v3/openOrders?${tampered}&signature=${sign(tampered.replace('BTC', 'ETH'))}`, { headers: { 'X-MBX-APIKEY': 'key-1' } });
    expect(badSignature.status).toBe(400);
    expect(await badSignature.json()).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });

    const noKey = await fetch(`${fake.restUrl}/api/v3/account?timestamp=1&signature=x`);
    expect([noKey.status, await noKey.json()]).toEqual([401, { code: -2014, msg: 'API-key format invalid.' }]);

    expect((await signed('GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: '1' })).body).toEqual({ code: -2013, msg: 'Order does not exist.' });
    expect((await signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'nope' })).body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    expect((await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '49000' })).body).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
    });
    expect((await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '49000.001' })).body).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    expect((await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001', bogus: '1' })).body).toMatchObject({ code: -1104 });
    expect((await signed('POST', '/api/v3/order', { symbol: 'DOGEUSDT', side: 'BUY', type: 'MARKET', quantity: '1' })).body).toEqual({ code: -1121, msg: 'Invalid symbol.' });

    const unknownPath = await fetch(`${fake.restUrl}/api/v3/nothing-here`);
    expect(unknownPath.status).toBe(404);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 400, 401, 400, 400, 400, 400, 400, 400, 404]);
    expect(fake.requests[0]!.params).not.toHaveProperty('signature');
  });

  test('newOrderRespType ACK / RESULT / FULL, quote-sized market orders, and the balance bookkeeping', async () => {
    const ack = await signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1', newOrderRespType: 'ACK' });
    expect(Object.keys(ack.body).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime']);
    const result = await signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quantity: '0.1', newOrderRespType: 'RESULT' });
    expect(result.body).toMatchObject({ status: 'FILLED', executedQty: '0.10000000' });
    expect(result.body).not.toHaveProperty('fills');
    const quote = await signed('POST', '/api/v3/order', { symbol: 'ETHUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' });
    expect(quote.body).toMatchObject({ status: 'FILLED', origQuoteOrderQty: '100.00000000' });
    expect(Number(quote.body['cummulativeQuoteQty'])).toBeLessThanOrEqual(100);
    expect((quote.body['fills'] as unknown[]).length).toBeGreaterThan(0);
    expect((ack.body['orderId'] as number) < (result.body['orderId'] as number)).toBe(true);

    // Whatever was paid plus what is left equals what was there; commissions went out in ETH.
    const trades = fake.trades('ETHUSDT');
    const spent = trades.reduce((sum, t) => sum + t.quoteQty, 0);
    const bought = trades.reduce((sum, t) => sum + t.qty - t.commission, 0);
    expect(trades.every((t) => t.commissionAsset === 'ETH' && Math.abs(t.commission - t.qty * 0.001) < 1e-8)).toBe(true);
    expect(fake.balances()['USDT']!.free).toBeCloseTo(10_000 - spent, 6);
    expect(fake.balances()['ETH']!.free).toBeCloseTo(5 + bought, 8);
    const ids = trades.map((t) => t.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  test('self-trade prevention: a taker order reaching our own resting order expires that order', async () => {
    await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '50000.01', newClientOrderId: 'maker' });
    await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' });
    const maker = fake.orders('BTCUSDT').find((o) => o.clientOrderId === 'maker')!;
    expect(maker.status).toBe('EXPIRED_IN_MATCH');
    // The expired sell released its 0.01 BTC; the buy filled against other participants.
    expect(fake.balances()['BTC']!.free).toBeCloseTo(0.5 + 0.01 * 0.999, 8);
    expect(fake.balances()['BTC']!.locked).toBe(0);
  });

  test('combined /stream wraps events; SUBSCRIBE, LIST_SUBSCRIPTIONS and bad requests answer like Binance', async () => {
    const stream = await openSocket(`${fake.wsUrl}/stream?streams=btcusdt@trade/btcusdt@bookTicker`);
    sockets.push(stream.ws);
    stream.ws.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 1 }));
    expect(await stream.next()).toEqual({ result: ['btcusdt@trade', 'btcusdt@bookTicker'], id: 1 });
    stream.ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['nosuchcoin@trade'], id: 2 }));
    expect(await stream.next()).toMatchObject({ error: { code: 2 }, id: 2 });
    stream.ws.send('not json');
    expect(await stream.next()).toMatchObject({ error: { code: 3 }, id: null });
    stream.ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@kline_5m', 'btcusdt@aggTrade'], id: 3 }));
    expect(await stream.next()).toEqual({ result: null, id: 3 });

    fake.trade('BTCUSDT', 50_100, 0.5);
    const seen = new Map<string, Record<string, unknown>>();
    while (seen.size < 4) {
      const { stream: name, data } = (await stream.next()) as { stream: string; data: Record<string, unknown> };
      seen.set(name, data);
    }
    expect(seen.get('btcusdt@trade')).toMatchObject({ e: 'trade', s: 'BTCUSDT', p: '50100.00000000', q: '0.50000000', m: false });
    expect(seen.get('btcusdt@aggTrade')).toMatchObject({ e: 'aggTrade', p: '50100.00000000' });
    expect(seen.get('btcusdt@bookTicker')).toMatchObject({ s: 'BTCUSDT', b: '50099.99000000', a: '50100.01000000' });
    expect(seen.get('btcusdt@bookTicker')).not.toHaveProperty('e');
    expect(seen.get('btcusdt@kline_5m')).toMatchObject({ e: 'kline', k: { i: '5m', c: '50100.00000000', x: false } });
  });

  test('the WebSocket API signs sorted params; events arrive as {subscriptionId, event}', async () => {
    const api = await openSocket(`${fake.wsUrl}/ws-api/v3`);
    sockets.push(api.ws);
    const params: Record<string, string | number> = { apiKey: 'key-1', timestamp: Date.now() };
    const query = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    api.ws.send(JSON.stringify({ id: 'bad', method: 'userDataStream.subscribe.signature', params: { ...params, signature: sign(`${query}x`) } }));
    expect(await api.next()).toMatchObject({ id: 'bad', status: 400, error: { code: -1022 } });
    api.ws.send(JSON.stringify({ id: 'ok', method: 'userDataStream.subscribe.signature', params: { ...params, signature: sign(query) } }));
    expect(await api.next()).toMatchObject({ id: 'ok', status: 200, result: { subscriptionId: 0 } });

    await signed('POST', '/api/v3/order', { symbol: 'SOLUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '99', newClientOrderId: 'sol-1' });
    expect(await api.next()).toMatchObject({ subscriptionId: 0, event: { e: 'executionReport', s: 'SOLUSDT', c: 'sol-1', x: 'NEW', X: 'NEW', p: '99.00000000', q: '1.00000000' } });
    expect(await api.next()).toMatchObject({ subscriptionId: 0, event: { e: 'outboundAccountPosition', B: [{ a: 'USDT', f: '9901.00000000', l: '99.00000000' }] } });

    fake.trade('SOLUSDT', 98.5, 0.4);
    expect(await api.next()).toMatchObject({ event: { e: 'executionReport', x: 'TRADE', X: 'PARTIALLY_FILLED', l: '0.40000000', L: '99.00000000', z: '0.40000000', m: true, n: '0.00040000', N: 'SOL' } });
    expect(await api.next()).toMatchObject({ event: { e: 'outboundAccountPosition' } });
  });

  test('ticking prints a random walk that fills resting orders; klines and the tape follow it', async () => {
    const fills = fake.events.waitFor('execution', (x) => x.executionType === 'TRADE');
    // One tick either side of the price: whichever way the walk goes first, one of them fills.
    await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '49999.99' });
    await signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '50000.01' });
    let prints = 0;
    const enough = fake.events.waitFor('trade', () => ++prints >= 30);
    fake.startTicking(5);
    await enough;
    await fills;
    fake.stopTicking();
    const start = 50_000;
    expect(fake.price('BTCUSDT')).not.toBe(start);
    const bars = (await (await fetch(`${fake.restUrl}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=2`)).json()) as string[][];
    expect(Number(bars.at(-1)![4])).toBe(fake.price('BTCUSDT'));
  });
});

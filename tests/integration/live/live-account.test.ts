import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/create-core';
import type { Result } from '../../../src/shared/contract';
import { startFakeBinance, type FakeBinance } from '../../helpers/fake-binance';
import { collect, connectedBinanceAccount, createLiveTestCore, nextEvent, type Account } from '../../helpers/live-harness';
import { tempDir } from '../../helpers/temp-dir';

type Order = Result<'orders.place'>;
type Fills = Result<'fills.list'>;

const BTC = 'BINANCE:BTC/USDT';

describe('a live Binance account against the fake exchange', () => {
  let dir: string;
  let fake: FakeBinance;
  let core: Core;

  beforeEach(async () => {
    dir = tempDir('ist-live-');
    fake = await startFakeBinance({ balances: { USDT: 10_000 } });
    core = createLiveTestCore(dir);
  });
  afterEach(async () => {
    await core.close();
    await fake.close();
  });

  const fills = async (accountId: string): Promise<Fills['fills']> => ((await core.call('fills.list', { accountId })) as Fills).fills;

  it('happy path: instruments, history, live bars, market and limit orders, fills, balances', async () => {
    const instrumentsEvent = nextEvent(core, 'market.instruments', (e) => e.venue === 'BINANCE' && e.count > 0);
    const account = await connectedBinanceAccount(core, fake);
    expect(account).toMatchObject({ kind: 'ccxt', exchange: 'binance', venue: 'BINANCE', hasCredentials: true, connection: { state: 'live' } });
    // Fee estimates use the exchange's schedule.
    expect([account.makerFeeBps, account.takerFeeBps]).toEqual([10, 10]);
    expect((await instrumentsEvent).count).toBeGreaterThanOrEqual(3);

    // Instruments from exchangeInfo, sized from its filters.
    const btc = ((await core.call('market.instruments', { query: 'BINANCE:BTC' })) as Array<{ symbol: string; tickSize: number; lotStep: number; quoteCurrency: string }>).find((i) => i.symbol === BTC)!;
    expect(btc).toMatchObject({ tickSize: 0.01, quoteCurrency: 'USDT' });
    expect(btc.lotStep).toBeGreaterThan(0);

    // History from klines.
    const bars = (await core.call('market.bars', { symbol: BTC, timeframe: '1m', limit: 50 })) as Array<{ time: number; close: number }>;
    expect(bars.length).toBeGreaterThanOrEqual(49);
    expect(bars.every((b, i) => i === 0 || b.time - bars[i - 1]!.time === 60_000)).toBe(true);

    // Live bars from the trade stream.
    const session = core.openSession(() => undefined);
    await core.call('market.subscribe', { symbols: [BTC], timeframes: ['1m'] }, session.handlers);
    await fake.events.waitFor('subscribe', (s) => s.streams.some((x) => x.includes('@trade')));
    const bar = nextEvent(core, 'market.bar', (e) => e.symbol === BTC && e.bar.close === 61_234.56);
    fake.trade('BTCUSDT', 61_234.56, 0.5);
    expect((await bar).bar.volume).toBeGreaterThan(0);

    // A market buy fills at once; the fill, the position and the balances follow.
    const filled = nextEvent(core, 'fills.new', (f) => f.accountId === account.id);
    const buy = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'market', qty: 0.01 })) as Order;
    expect(buy.venueOrderId).not.toBeNull();
    const fill = await filled;
    expect(fill).toMatchObject({ symbol: BTC, side: 'buy', qty: 0.01 });
    const positions = (await core.call('positions.list', { accountId: account.id })) as Array<{ symbol: string; qty: number }>;
    // The commission was taken in BTC: the account holds what the exchange says it holds.
    expect(positions.find((p) => p.symbol === BTC)?.qty).toBeCloseTo(0.01 * 0.999, 8);

    // A resting limit fills when the market trades through it.
    const limit = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.02, price: 60_000 })) as Order;
    expect(limit.status).toBe('new');
    const limitFilled = nextEvent(core, 'orders.update', (o) => o.id === limit.id && o.status === 'filled');
    fake.trade('BTCUSDT', 59_990, 1);
    expect((await limitFilled).avgFillPrice).toBe(60_000);

    // A limit can be cancelled.
    const away = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 50_000 })) as Order;
    const cancelled = (await core.call('orders.cancel', { accountId: account.id, orderId: away.id })) as Order;
    expect(cancelled.status).toBe('cancelled');
    expect(fake.orders('BTCUSDT').find((o) => o.clientOrderId === away.clientOrderId)?.status).toBe('CANCELED');

    // Balances stream from the exchange: the account's cash is the exchange's USDT.
    const usdt = fake.balances().USDT!;
    const expected = usdt.free + usdt.locked;
    const current = ((await core.call('accounts.list', {})) as Account[]).find((a) => a.id === account.id)!;
    if (Math.abs(current.balance - expected) > 1e-6) await nextEvent(core, 'accounts.update', (a) => a.id === account.id && Math.abs(a.balance - expected) < 1e-6);
    expect(expected).toBeLessThan(10_000);
    expect((await fills(account.id)).length).toBe(fake.trades('BTCUSDT').length);

    const test = (await core.call('accounts.testConnection', { accountId: account.id })) as Result<'accounts.testConnection'>;
    expect(test).toMatchObject({ ok: true, authenticated: true, balancesRead: true, canTrade: true });
    expect(test.summary).toMatch(/^authenticated; balances read; trading permission: yes/);
    session.close();
  });

  it('the WebSocket drops mid-stream: it reconnects, backfills and misses no fill', async () => {
    const account = await connectedBinanceAccount(core, fake);
    const session = core.openSession(() => undefined);
    await core.call('market.subscribe', { symbols: [BTC], timeframes: ['1m'] }, session.handlers);
    await fake.events.waitFor('subscribe', (s) => s.streams.some((x) => x.includes('@trade')));
    const resting = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.03, price: 60_000 })) as Order;

    const reconciled = nextEvent(core, 'accounts.reconciliation', (r) => r.accountId === account.id && r.trigger === 'reconnect');
    const history = nextEvent(core, 'market.history', (h) => h.symbol === BTC);
    const states = collect(core, 'accounts.connection');
    const resubscribed = fake.events.waitFor('subscribe', (s) => s.streams.some((x) => x.includes('@trade')), 20_000);
    // The order fills while nobody is listening.
    fake.refuseConnections(300);
    fake.dropStreams();
    fake.trade('BTCUSDT', 59_950, 1);
    const reconciliation = await reconciled;
    expect(states.map((s) => s.state)).toContain('reconnecting');
    expect(reconciliation.differences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'fill_recovered', orderId: resting.id })]));
    const [order] = (await core.call('orders.list', { accountId: account.id, status: 'filled' })) as Order[];
    expect(order).toMatchObject({ id: resting.id, status: 'filled', filledQty: 0.03 });
    expect((await fills(account.id)).filter((f) => f.orderId === resting.id)).toHaveLength(1);
    await history;

    // Streams are back, resubscribed: a new trade reaches the market and a new order fills.
    await resubscribed;
    const quote = nextEvent(core, 'market.quote', (q) => q.symbol === BTC && q.last === 60_500.5);
    fake.trade('BTCUSDT', 60_500.5, 0.1);
    await quote;
    const streamed = nextEvent(core, 'fills.new', (f) => f.accountId === account.id);
    await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'sell', type: 'market', qty: 0.01 });
    expect((await streamed).side).toBe('sell');
    expect((await fills(account.id)).length).toBe(fake.trades('BTCUSDT').length);
    const after = ((await core.call('accounts.list', {})) as Account[]).find((a) => a.id === account.id)!;
    expect(after.connection).toMatchObject({ state: 'live', stats: { reconnects: 1 } });
    session.close();
  });

  it('HTTP 429 and 5xx with Retry-After: backs off as told and recovers', async () => {
    const account = (await core.call('accounts.create', { name: 'B', kind: 'ccxt', exchange: 'binance', endpoints: { rest: fake.restUrl, ws: fake.wsUrl } })) as Account;
    fake.failNext({ method: 'GET', path: '/api/v3/exchangeInfo' }, { status: 429, retryAfterSeconds: 1 });
    fake.failNext({ method: 'GET', path: '/api/v3/account' }, { status: 503, retryAfterSeconds: 1 });
    const live = nextEvent(core, 'accounts.connection', (c) => c.accountId === account.id && c.state === 'live');
    await core.call('accounts.setCredentials', { accountId: account.id, apiKey: fake.apiKey, secret: fake.secret });
    await live;
    const log = fake.requests;
    for (const path of ['/api/v3/exchangeInfo', '/api/v3/account']) {
      const calls = log.filter((r) => r.path === path);
      const refused = calls.findIndex((r) => r.status === 429 || r.status === 503);
      expect(refused).toBeGreaterThanOrEqual(0);
      const retry = calls[refused + 1]!;
      expect(retry.status).toBe(200);
      // Never sooner than the exchange asked.
      expect(retry.time - calls[refused]!.time).toBeGreaterThanOrEqual(1000);
    }
  });

  it('an order POST accepted but never answered is resolved by client order id: exactly one order', async () => {
    const account = await connectedBinanceAccount(core, fake);
    fake.dropResponseOfNext({ method: 'POST', path: '/api/v3/order' });
    const order = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 55_000, clientOrderId: 'lost-answer-1' })) as Order;
    expect(order).toMatchObject({ clientOrderId: 'lost-answer-1', status: 'new' });
    expect(order.venueOrderId).not.toBeNull();
    expect(fake.orders('BTCUSDT').filter((o) => o.clientOrderId === 'lost-answer-1')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order')).toHaveLength(1);
    // Placing it again returns the same order.
    const again = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 55_000, clientOrderId: 'lost-answer-1' })) as Order;
    expect(again.id).toBe(order.id);
    expect(fake.orders('BTCUSDT').filter((o) => o.clientOrderId === 'lost-answer-1')).toHaveLength(1);
  });

  it('an order POST refused with a 5xx is looked up by client order id, then sent once more: exactly one order', async () => {
    const account = await connectedBinanceAccount(core, fake);
    fake.failNext({ method: 'POST', path: '/api/v3/order' }, { status: 500 });
    const order = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 55_000, clientOrderId: 'five-hundred-1' })) as Order;
    expect(order.status).toBe('new');
    const calls = fake.requests.filter((r) => r.path === '/api/v3/order' && (r.method === 'POST' || r.params['origClientOrderId'] === 'five-hundred-1'));
    // Sent, refused with an unknown outcome, looked up (not there), sent again.
    expect(calls.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500', 'GET 400', 'POST 200']);
    expect(fake.orders('BTCUSDT').filter((o) => o.clientOrderId === 'five-hundred-1')).toHaveLength(1);
  });

  it('malformed and out-of-order frames are dropped and counted; the connection survives', async () => {
    const account = await connectedBinanceAccount(core, fake);
    const session = core.openSession(() => undefined);
    await core.call('market.subscribe', { symbols: [BTC], timeframes: ['1m'] }, session.handlers);
    await fake.events.waitFor('subscribe', (s) => s.streams.some((x) => x.includes('@trade')));
    const first = nextEvent(core, 'market.quote', (q) => q.symbol === BTC && q.last === 61_000);
    fake.trade('BTCUSDT', 61_000, 0.1);
    await first;
    const states = collect(core, 'accounts.connection');
    fake.sendRaw('{not json');
    fake.sendRaw('[1,2,');
    fake.sendRaw(JSON.stringify({ e: 'trade', E: 1, s: 'BTCUSDT', t: 1, p: '1.00', q: '1', T: 1, m: false }));
    const next = nextEvent(core, 'market.quote', (q) => q.symbol === BTC && q.last === 61_100);
    fake.trade('BTCUSDT', 61_100, 0.1);
    await next;
    expect(states.filter((s) => s.accountId === account.id && s.state !== 'live')).toEqual([]);
    const after = ((await core.call('accounts.list', {})) as Account[]).find((a) => a.id === account.id)!;
    expect(after.connection?.state).toBe('live');
    expect(after.connection?.stats?.malformedFrames).toBeGreaterThanOrEqual(2);
    expect(after.connection?.stats?.outOfOrder).toBeGreaterThanOrEqual(1);
    expect(after.connection?.stats?.reconnects).toBe(0);
    session.close();
  });

  it('clock skew: a recvWindow error corrects the time offset and the request goes through once', async () => {
    const account = await connectedBinanceAccount(core, fake);
    // The exchange's clock runs 30 s ahead: our timestamps look stale to it.
    fake.setClockSkew(30_000);
    const order = (await core.call('orders.place', { accountId: account.id, symbol: BTC, side: 'buy', type: 'limit', qty: 0.01, price: 50_000, clientOrderId: 'skewed-1' })) as Order;
    expect(order.status).toBe('new');
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
    expect(posts.map((p) => p.status)).toEqual([400, 200]);
    expect(fake.orders('BTCUSDT').filter((o) => o.clientOrderId === 'skewed-1')).toHaveLength(1);
  });

  it('refuses wrong keys with a clear reason and keeps them out of every answer', async () => {
    const account = (await core.call('accounts.create', { name: 'B', kind: 'ccxt', exchange: 'binance', endpoints: { rest: fake.restUrl, ws: fake.wsUrl } })) as Account;
    const down = nextEvent(core, 'accounts.connection', (c) => c.accountId === account.id && c.state === 'down' && /refused/.test(c.detail));
    await core.call('accounts.setCredentials', { accountId: account.id, apiKey: fake.apiKey, secret: 'not-the-secret' });
    expect((await down).detail).toMatch(/refused the API keys/);
    const test = (await core.call('accounts.testConnection', { accountId: account.id })) as Result<'accounts.testConnection'>;
    expect(test).toMatchObject({ ok: false, authenticated: false });
    expect(test.summary).toMatch(/refused the API keys/);
    const listed = JSON.stringify(await core.call('accounts.list', {}));
    expect(listed).not.toContain('not-the-secret');
    expect(listed).not.toContain(fake.apiKey);
  });
});

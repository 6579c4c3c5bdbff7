import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptHolding } from '../../../src/core/brokers/live/adopt-holding';
import { backoffDelay } from '../../../src/core/brokers/live/backoff';
import { overrideEndpoints } from '../../../src/core/brokers/ccxt/endpoint-override';
import { applyExchangeOrder, adoptExchangeOrder, statusOf } from '../../../src/core/brokers/ccxt/ccxt-orders';
import { createExchange } from '../../../src/core/brokers/ccxt/create-exchange';
import { newOrder } from '../../../src/core/trading/new-order';
import { gridRounder } from '../../../src/shared/numbers/steps';
import type { Order as CcxtOrder } from 'ccxt';

const ccxtOrder = (o: Partial<CcxtOrder>): CcxtOrder => ({ id: '7', clientOrderId: 'c1', status: 'open', filled: 0, amount: 1, side: 'buy', type: 'limit', symbol: 'BTC/USDT', ...o }) as CcxtOrder;

describe('backoff', () => {
  it('stays within [base, min(max, base·2^n)] and never undercuts Retry-After', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.option(fc.nat(100_000), { nil: undefined }), (attempt, r, retryAfter) => {
        const policy = { baseMs: 500, maxMs: 60_000 };
        const d = backoffDelay(attempt, policy, () => r, retryAfter);
        expect(d).toBeGreaterThanOrEqual(Math.max(500, retryAfter ?? 0));
        expect(d).toBeLessThanOrEqual(Math.max(Math.min(60_000, 500 * 2 ** attempt), retryAfter ?? 0));
      }),
    );
  });
  it('spreads attempts: different random draws give different delays', () => {
    expect(backoffDelay(5, { baseMs: 500, maxMs: 60_000 }, () => 0)).toBe(500);
    expect(backoffDelay(5, { baseMs: 500, maxMs: 60_000 }, () => 0.5)).toBe(8250);
  });
});

describe('custom endpoints', () => {
  it('rebases every REST and WebSocket URL, keeping paths, including templated hosts', () => {
    const api = { public: 'https://api.binance.com/api/v3', ws: { spot: 'wss://stream.binance.com:9443/ws', 'ws-api': { spot: 'wss://ws-api.binance.com:443/ws-api/v3' } }, rest: 'https://api.{hostname}/v5', list: ['https://a.b/c'] };
    expect(overrideEndpoints(api, { rest: 'http://127.0.0.1:9/gw/', ws: 'ws://127.0.0.1:9' })).toEqual({
      public: 'http://127.0.0.1:9/gw/api/v3',
      ws: { spot: 'ws://127.0.0.1:9/ws', 'ws-api': { spot: 'ws://127.0.0.1:9/ws-api/v3' } },
      rest: 'http://127.0.0.1:9/gw/v5',
      list: ['http://127.0.0.1:9/gw/c'],
    });
  });
  it('leaves what is not given alone', () => {
    expect(overrideEndpoints({ a: 'https://x.y/z', b: 'wss://x.y/w' }, { ws: 'ws://h' })).toEqual({ a: 'https://x.y/z', b: 'ws://h/w' });
  });
  it('is applied to a real ccxt exchange', async () => {
    const ex = await createExchange({ exchange: 'binance', endpoints: { rest: 'http://127.0.0.1:1', ws: 'ws://127.0.0.1:1' } });
    const urls = JSON.stringify(ex.urls['api']);
    expect(urls).not.toMatch(/binance\.com/);
    expect(urls).toContain('http://127.0.0.1:1/api/v3');
    await ex.close();
  });
  it('refuses an exchange ccxt cannot stream from', async () => {
    await expect(createExchange({ exchange: 'nosuchexchange' })).rejects.toThrow(/no streaming support/);
  });
});

describe('exchange orders', () => {
  const local = newOrder({ clientOrderId: 'c1', symbol: 'BINANCE:BTC/USDT', side: 'buy', type: 'limit', qty: 1, price: 100, tif: 'GTC', reduceOnly: false }, { id: 'o1', accountId: 'a' }, 1000, null);

  it('maps statuses; an IOC cancelled by the exchange expired', () => {
    expect(statusOf(ccxtOrder({ status: 'open', filled: 0.5 }))).toBe('partially_filled');
    expect(statusOf(ccxtOrder({ status: 'closed' }))).toBe('filled');
    expect(statusOf(ccxtOrder({ status: 'canceled', timeInForce: 'IOC' }))).toBe('expired');
    expect(statusOf(ccxtOrder({ status: 'canceled', timeInForce: 'GTC' }))).toBe('cancelled');
    expect(statusOf(ccxtOrder({ status: 'weird' }))).toBeUndefined();
  });
  it('applies a newer report and drops an older one', () => {
    const partly = applyExchangeOrder(local, ccxtOrder({ filled: 0.5, average: 100, lastUpdateTimestamp: 2000 }), 2000)!;
    expect(partly).toMatchObject({ status: 'partially_filled', filledQty: 0.5, venueOrderId: '7' });
    // Late: fewer fills than we know.
    expect(applyExchangeOrder(partly, ccxtOrder({ filled: 0.2 }), 2100)).toBeUndefined();
    const done = applyExchangeOrder(partly, ccxtOrder({ status: 'closed', filled: 1, average: 100 }), 2200)!;
    // Late: a working report after the final one.
    expect(applyExchangeOrder(done, ccxtOrder({ status: 'open', filled: 1 }), 2300)).toBeUndefined();
  });
  it('adopts an order placed elsewhere', () => {
    const o = adoptExchangeOrder(ccxtOrder({ clientOrderId: 'web_1', price: 99, amount: 2, timestamp: 5 }), { id: 'n1', accountId: 'a', symbol: 'BINANCE:BTC/USDT' }, 10)!;
    expect(o).toMatchObject({ id: 'n1', clientOrderId: 'web_1', qty: 2, price: 99, status: 'new', venueOrderId: '7', createdAt: 5 });
  });
});

describe('adopting holdings', () => {
  const round = gridRounder(0.00001);
  const lots = [
    { qty: 1, price: 100, fxRate: 1, time: 1 },
    { qty: 2, price: 110, fxRate: 1, time: 2 },
  ];
  it('adds what the exchange holds beyond the lots as a new lot', () => {
    expect(adoptHolding(lots, 3.5, 120, 1, 9, round)).toEqual([...lots, { qty: 0.5, price: 120, fxRate: 1, time: 9 }]);
  });
  it('takes what it lacks from the oldest lots first', () => {
    expect(adoptHolding(lots, 1.5, 120, 1, 9, round)).toEqual([{ qty: 1.5, price: 110, fxRate: 1, time: 2 }]);
    expect(adoptHolding(lots, 0, 120, 1, 9, round)).toEqual([]);
  });
  it('always ends with the target quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (units) => {
        const target = units / 100_000;
        const after = adoptHolding(lots, target, 120, 1, 9, round);
        expect(round(after.reduce((s, l) => s + l.qty, 0))).toBe(round(target));
      }),
    );
  });
});

/**
 * The copy API (CopyService through the real dispatcher): partial updates, stopped follows, what-if
 * with unknown symbols, copying open positions at start, concurrent allocation.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/core/api/dispatcher';
import { createCopyHandlers } from '../../../src/core/copytrade/copy-handlers';
import { createCopyRepository } from '../../../src/core/copytrade/copy-repository';
import { createCopyService, type CopyService } from '../../../src/core/copytrade/copy-service';
import { migration006 } from '../../../src/core/store/migrations/006-copytrade';
import { ApiError } from '../../../src/shared/contract';
import type { Follow } from '../../../src/shared/contract/copy';
import type { FillBody, StrategyEvent } from '../../../src/shared/social/strategy-event';
import { ACCOUNT, BTC, FakeTrading, STRATEGY } from './copy-world';

const noopLog = { debug() {}, info() {}, warn() {}, error() {}, child() { return noopLog; } };
const DOGE = 'DOGE/USDT';

function setup() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = OFF');
  migration006.up(db);
  const clock = { now: () => Date.UTC(2026, 0, 5, 12) };
  const prices = new Map([[BTC, 50_000]]);
  const trading = new FakeTrading(prices, clock.now);
  const events: StrategyEvent[] = [];
  const btc = { symbol: BTC, name: 'Bitcoin', assetClass: 'crypto', venue: 'sim', quoteCurrency: 'USDT', tickSize: 0.01, lotStep: 0.001, minQty: 0.001, pricePrecision: 2, tradingHours: {} };
  const market = {
    instruments: () => [btc],
    instrument: (s: string) => {
      if (s === BTC) return btc;
      throw new ApiError('INVALID_PARAMS', `Unknown symbol "${s}"`, { fields: [{ path: 'symbol', message: `unknown symbol "${s}"` }] });
    },
    lastQuote: (s: string) => (prices.has(s) ? { symbol: s, time: clock.now(), bid: prices.get(s)!, ask: prices.get(s)!, bidSize: 1, askSize: 1, last: prices.get(s)!, prevClose: null } : undefined),
    watchQuotes: () => () => undefined,
    bars: async (s: string) => {
      market.instrument(s);
      return [];
    },
  };
  const service = createCopyService({
    db,
    trading: { ...trading, account: (id: string) => trading.account(id), place: trading.place.bind(trading), orderByClientId: trading.orderByClientId.bind(trading), fills: trading.fillsPage.bind(trading) } as never,
    market: market as never,
    streams: {
      events: (id, after, limit = 1000) => events.filter((e) => e.strategyId === id && e.seq > after).slice(0, limit),
      onVerified: () => () => undefined,
      watch: () => () => undefined,
      sync: async () => undefined,
      head: () => ({ seq: events.length, problem: null }),
    },
    hub: { strategyName: async () => 'Leader', report: () => undefined },
    clock,
    log: noopLog,
    emit: () => undefined,
    on: (topic, l) => trading.on(topic, l as never),
  });
  const handlers = createCopyHandlers(service);
  const call = <T>(method: string, params: unknown) => dispatch(handlers, method, params, noopLog) as Promise<T>;
  const publish = (body: FillBody | { type: 'mark'; time: number; equity: number; grossExposure: number }) => events.push({ strategyId: STRATEGY, seq: events.length + 1, prevHash: '0'.repeat(64), ts: body.time, body, sig: 'x'.repeat(86) } as StrategyEvent);
  return { db, service, call, publish, clock, trading, prices, repo: createCopyRepository(db) };
}

let service: CopyService | undefined;
afterEach(() => service?.close());

describe('copy.update with a partial `guards`', () => {
  it('changes only the guards given; every other guard keeps its value', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    const { followId } = await s.call<{ followId: string }>('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 10_000, guards: { reverse: true, stopLoss: null, blockedSymbols: [DOGE], signalTtlSeconds: 600 } });

    const updated = await s.call<Follow>('copy.update', { followId, guards: { maxLeverage: 2 } });
    expect(updated.guards.maxLeverage).toBe(2);
    expect({ reverse: updated.guards.reverse, stopLoss: updated.guards.stopLoss, blockedSymbols: updated.guards.blockedSymbols, signalTtlSeconds: updated.guards.signalTtlSeconds }).toEqual({
      reverse: true,
      stopLoss: null,
      blockedSymbols: [DOGE],
      signalTtlSeconds: 600,
    });
  });
});

describe('copy.update on a stopped follow', () => {
  it('is refused with CONFLICT and leaves no allocation flow behind in the copy ledger', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    const { followId } = await s.call<{ followId: string }>('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 10_000 });
    await s.call('copy.stop', { followId, closePositions: false });

    await expect(s.call('copy.update', { followId, allocation: 20_000 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(s.repo.flows(followId), 'a +10,000 flow was recorded for an update that was refused').toEqual([]);
  });
});

describe('copy.whatIf on a leader who trades a symbol I do not have', () => {
  it('skips those trades with the reason instead of failing the whole request', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    const t = s.clock.now() - 10 * 86_400_000;
    const fill = (symbol: string, qty: number, positionQty: number, dt: number): FillBody => ({ type: 'fill', fillId: `x${dt}`, symbol, assetClass: 'crypto', side: qty > 0 ? 'buy' : 'sell', qty: Math.abs(qty), price: symbol === BTC ? 50_000 : 0.1, fee: 0, fxRate: 1, lotStep: 0.001, time: t + dt, positionQty, equity: 100_000 });
    s.publish(fill(BTC, 1, 1, 0));
    s.publish(fill(DOGE, 1000, 1000, 1000));
    const result = s.call<{ reasons: Array<{ reason: string }> }>('copy.whatIf', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 10_000, months: 1 });
    await expect(result).resolves.toMatchObject({ copied: 1 });
  });
});

describe('copy.follow with copyOpenPositions', () => {
  const leaderHoldsBtc = (s: ReturnType<typeof setup>) => {
    const t = s.clock.now() - 3_600_000;
    // Bought 1 BTC at 20,000 (equity 100,000); BTC has since risen to 60,000 and the last mark says 140,000.
    s.publish({ type: 'fill', fillId: 'old', symbol: BTC, assetClass: 'crypto', side: 'buy', qty: 1, price: 20_000, fee: 0, fxRate: 1, lotStep: 0.001, time: t, positionQty: 1, equity: 100_000 });
    s.publish({ type: 'mark', time: t + 1000, equity: 140_000, grossExposure: 60_000 });
    s.prices.set(BTC, 60_000);
  };

  it('respects the guards: a blocked symbol is not opened', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    leaderHoldsBtc(s);
    await s.call('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 10_000, guards: { copyOpenPositions: true, blockedSymbols: [BTC] } });
    await s.service.idle();
    expect(s.trading.placed, 'BTC is on the blocked list').toEqual([]);
  });

  it('sizes the open position by its value now (42.9 % of the leader’s equity → 0.0714 BTC of 10,000 at 60,000)', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    leaderHoldsBtc(s);
    await s.call('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 10_000, guards: { copyOpenPositions: true } });
    await s.service.idle();
    expect(s.trading.placed[0]?.qty).toBeCloseTo((60_000 / 140_000) * 10_000 / 60_000, 3);
  });
});

describe('copy.follow allocation check', () => {
  it('two concurrent follows cannot together allocate more than the account’s equity', async () => {
    const s = setup();
    service = s.service;
    await s.service.start();
    // The fake account has 1,000,000 of equity.
    const results = await Promise.allSettled([
      s.call('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 600_000 }),
      s.call('copy.follow', { strategyId: STRATEGY, accountId: ACCOUNT, allocation: 600_000 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

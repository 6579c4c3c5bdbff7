/**
 * The pure parts of copying: guards on a flip, reconciliation's expected quantity, the what-if.
 */
import { describe, expect, it } from 'vitest';
import { planSignal, type PlanInput } from '../../../src/core/copytrade/copy-plan';
import { reconcileFollow, type ReconcileInput } from '../../../src/core/copytrade/copy-reconcile';
import type { FollowRecord } from '../../../src/core/copytrade/copy-repository';
import { simulateCopy } from '../../../src/core/copytrade/copy-simulation';
import { emptyLeaderState } from '../../../src/core/copytrade/leader-state';
import { guardsSchema, type GuardsIn } from '../../../src/shared/copy/copy-settings';
import { dayIndex } from '../../../src/shared/metrics';

const btc = { symbol: 'BTC/USD', lotStep: 0.001, minQty: 0.001, tickSize: 0.5 };

/** Leader equity 100,000; my allocation 10,000; I hold 0.1 BTC copied from the leader's 1 BTC long; the leader flips. */
function flip(guards: GuardsIn, after: number): PlanInput {
  return {
    sizing: { mode: 'proportional' },
    guards: guardsSchema.parse(guards),
    state: 'active',
    leaderSymbol: 'BTC/USD',
    trade: { before: 1, after, price: 50_000, fxRate: 1, equity: 100_000 },
    signedAt: 1_000_000,
    now: 1_000_100,
    instrument: btc,
    me: { allocationEquity: 10_000, price: 50_000, fxRate: 1, riskScale: 1 },
    // BTC is my only open symbol; its 0.1 × 50,000 is all my gross exposure.
    book: { ideal: 0.1, actual: 0.1, openSymbols: 1, grossExposure: 5_000 },
  };
}

/** Reconciles my books (by default 0.1 BTC bought at 50,000, ideal 0.1) against `leader`, BTC now at `price`. */
function reconcileMyBtc(leader: ReturnType<typeof emptyLeaderState>, o: { leaderSeq: number; startSeq: number; allocationEquity: number; price: number; books?: ReconcileInput['books'] }) {
  const follow = { id: 'f_x', strategyId: 'st_x', accountId: 'a', state: 'active', createdAt: 0, leaderSeq: o.leaderSeq, startSeq: o.startSeq, settings: { allocation: 10_000, sizing: { mode: 'proportional' }, guards: guardsSchema.parse({}), strategyName: 'L', stateReason: null } } as FollowRecord;
  return reconcileFollow({
    follow,
    books: o.books ?? new Map([['BTC/USD', { symbol: 'BTC/USD', ideal: 0.1, qty: 0.1, lots: [{ qty: 0.1, price: 50_000, fxRate: 1, time: 0 }], realized: 0, fees: 0 }]]),
    leader,
    allocationEquity: o.allocationEquity,
    instrument: () => ({ symbol: 'BTC/USD', name: 'BTC', assetClass: 'crypto', venue: 'x', quoteCurrency: 'USD', tickSize: 0.5, lotStep: 0.001, minQty: 0.001, pricePrecision: 1, tradingHours: {} as never }),
    price: () => o.price,
    fxRate: () => 1,
    riskScale: 1,
  });
}

describe('guards on a flip count the position the flip closes', () => {
  it('maxOpenPositions 1: a flip of my only position is copied in full (it closes one symbol and reopens the same one)', () => {
    const plan = planSignal(flip({ maxOpenPositions: 1 }, -0.5));
    expect(plan.outcome).toBe('copied');
    expect(plan.outcome === 'copied' && plan.orders.map((o) => [o.side, o.qty])).toEqual([
      ['sell', 0.1],
      ['sell', 0.05],
    ]);
  });
  it('maxLeverage 0.6: a flip to the same size short keeps gross exposure at 0.5× and is allowed', () => {
    const plan = planSignal(flip({ maxLeverage: 0.6 }, -1));
    expect(plan.outcome === 'copied' ? (plan.blockedPart?.message ?? 'ok') : plan.message).toBe('ok');
  });
});

describe('reconcile: expected quantity', () => {
  it('a copy that is exactly proportional shows no drift after the price moved', () => {
    // Leader: bought 1 BTC at 50,000 with 100,000 equity; BTC is now 60,000 and its last mark says 110,000.
    const leader = emptyLeaderState();
    leader.seq = 6;
    leader.equity = 110_000;
    leader.positions.set('BTC/USD', { qty: 1, price: 50_000, fxRate: 1, lotStep: 0.001, openedSeq: 5 });
    // Me: copied 0.1 BTC at 50,000 on 10,000 → now worth 11,000 (the same 54.5 % in BTC as the leader).
    const items = reconcileMyBtc(leader, { leaderSeq: 6, startSeq: 1, allocationEquity: 11_000, price: 60_000 });
    expect(items).toEqual([]);
  });
});

describe('reconcile: what a pause left over', () => {
  it('shows drift when the leader reduced while the copy was paused, with the sell that fixes it', () => {
    // The leader halved its 1 BTC while I was paused: my ideal went to 0.05, I still hold 0.1.
    const leader = emptyLeaderState();
    leader.seq = 7;
    leader.equity = 100_000;
    leader.positions.set('BTC/USD', { qty: 0.5, price: 50_000, fxRate: 1, lotStep: 0.001, openedSeq: 6 });
    const plan = planSignal({ ...flip({}, 0.5), state: 'paused', book: { ideal: 0.1, actual: 0.1, openSymbols: 1, grossExposure: 5_000 } });
    const books = new Map([['BTC/USD', { symbol: 'BTC/USD', ideal: plan.ideal, qty: 0.1, lots: [{ qty: 0.1, price: 50_000, fxRate: 1, time: 0 }], realized: 0, fees: 0 }]]);
    const items = reconcileMyBtc(leader, { leaderSeq: 7, startSeq: 5, allocationEquity: 10_000, price: 50_000, books });
    expect(items).toEqual([{ symbol: 'BTC/USD', kind: 'drift', mine: 0.1, expected: 0.05, fix: { side: 'sell', qty: 0.05 }, note: null }]);
  });
});

describe('what-if: copying the leader’s open positions at the start', () => {
  it('fills them at the price of the window’s start, not at the leader’s old fill price', () => {
    const now = Date.UTC(2026, 0, 31, 12);
    const fromMs = (dayIndex(now) - 30) * 86_400_000;
    const sim = simulateCopy({
      fills: [],
      // Bought a year ago at 20,000; BTC has been at 60,000 for the whole window.
      openAtStart: new Map([['BTC/USD', { qty: 1, price: 20_000, fxRate: 1, lotStep: 0.001 }]]),
      leaderEquityAtStart: 100_000,
      sizing: { mode: 'proportional' },
      guards: guardsSchema.parse({ copyOpenPositions: true, stopLoss: null }),
      allocation: 10_000,
      takerFeeBps: 0,
      instrument: () => btc,
      fxRate: () => 1,
      close: () => 60_000,
      riskScale: 1,
      fromMs,
      toMs: now,
    });
    // The price never moved inside the window: the copy can have made nothing.
    expect(sim.finalEquity).toBeCloseTo(10_000, 6);
  });
});

describe('reconcile: a position the leader opened before the follow began', () => {
  it('the copied later add of a leader who was in before the follow is not an orphan', () => {
    // The leader opened 1 BTC at seq 3 (before the follow's start at seq 5) and added 1 BTC at seq 7.
    const leader = emptyLeaderState();
    leader.seq = 7;
    leader.equity = 100_000;
    leader.positions.set('BTC/USD', { qty: 2, price: 50_000, fxRate: 1, lotStep: 0.001, openedSeq: 3 });
    // The executor copied the add (nextIdeal: ideal 0 + openSize(1 BTC) = 0.1): my book holds 0.1.
    const items = reconcileMyBtc(leader, { leaderSeq: 7, startSeq: 5, allocationEquity: 10_000, price: 50_000 });
    expect(items.filter((i) => i.kind === 'orphan'), JSON.stringify(items)).toEqual([]);
  });
});

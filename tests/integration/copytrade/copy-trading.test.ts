import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type Follow } from '../../../src/shared/contract';
import type { Position } from '../../../src/shared/trading/position';
import { BTC, createCopyHarness, type CopyHarness } from './copy-harness';

const ETH = 'ETH/USDT';
let h: CopyHarness;

beforeEach(async () => {
  h = await createCopyHarness();
  h.quote(BTC, 50_000);
  h.quote(ETH, 2_500);
});
afterEach(async () => {
  await h.close();
});

const positionOf = async (symbol: string, accountId = h.accountId): Promise<number> => {
  const positions = (await h.core.call('positions.list', { accountId })) as Position[];
  return positions.find((p) => p.symbol === symbol)?.qty ?? 0;
};
const followOf = async (followId: string): Promise<Follow> => ((await h.core.call('copy.list', {})) as Follow[]).find((f) => f.followId === followId)!;

describe('copying a leader proportionally', () => {
  it('mirrors opens, partial closes, a flip and the close on my paper account', async () => {
    // 10,000 of my 100,000: a tenth of the leader's equity, so a tenth of its position.
    const followId = await h.follow({ allocation: 10_000 });
    const open = await h.trade(BTC, 1, 50_000);
    const entry = await h.handled(followId, open.seq);
    expect(entry).toMatchObject({ outcome: 'copied', orders: [{ side: 'buy', qty: 0.1, status: 'filled' }] });
    expect(await positionOf(BTC)).toBeCloseTo(0.1, 9);

    const add = await h.trade(BTC, 0.5, 50_000);
    await h.handled(followId, add.seq);
    expect(await positionOf(BTC)).toBeCloseTo(0.15, 3);

    const partial = await h.trade(BTC, -1, 50_000);
    const closing = await h.handled(followId, partial.seq);
    expect(closing).toMatchObject({ outcome: 'copied', orders: [{ side: 'sell', status: 'filled' }] });
    // Two thirds of what I held, as the leader closed two thirds of 1.5.
    expect(closing.orders[0]!.qty).toBeCloseTo(0.1, 3);
    expect(await positionOf(BTC)).toBeCloseTo(0.05, 3);

    const flip = await h.trade(BTC, -1.5, 50_000);
    // A flip is a close and an open, logged under the one leader event.
    expect((await h.handled(followId, flip.seq)).orders.map((o) => [o.side, o.status])).toEqual([
      ['sell', 'filled'],
      ['sell', 'filled'],
    ]);
    expect(await positionOf(BTC)).toBeCloseTo(-0.1, 3);

    const close = await h.trade(BTC, 1, 50_000);
    await h.handled(followId, close.seq);
    expect(await positionOf(BTC)).toBe(0);

    const follow = await followOf(followId);
    expect(follow).toMatchObject({ state: 'active', leaderSeq: close.seq, stats: { copied: 5, skipped: 0, blocked: 0, openPositions: 0, pendingOrders: 0 } });
    // Filled at my ask/bid against the leader's 50,000: each order 1 bps worse.
    expect(follow.stats.slippageBps).toBeCloseTo(1, 1);
    // Five orders: fewer than 20, so no latency percentiles yet (METRICS.md).
    expect(follow.stats.latencyP50).toBeNull();
  });

  it('sends every order with a client order id derived from the follow and the leader event, once', async () => {
    const followId = await h.follow({ allocation: 10_000 });
    const open = await h.trade(BTC, 1, 50_000);
    const entry = await h.handled(followId, open.seq);
    const orders = (await h.core.call('orders.list', { accountId: h.accountId })) as Array<{ clientOrderId: string }>;
    expect(orders.map((o) => o.clientOrderId)).toEqual([entry.orders[0]!.clientOrderId]);
    expect(entry.orders[0]!.clientOrderId).toMatch(/^cp_[A-Za-z0-9_-]{30}$/);
  });
});

describe('each guard blocks with the log entry that explains why', () => {
  const blockedBy = async (guards: Record<string, unknown>, act: () => Promise<{ seq: number }>, guard: string, message: RegExp, allocation = 10_000) => {
    const followId = await h.follow({ allocation, guards });
    const event = await act();
    const entry = await h.handled(followId, event.seq);
    expect(entry).toMatchObject({ guard, orders: [] });
    expect(['blocked', 'skipped']).toContain(entry.outcome);
    expect(entry.message).toMatch(message);
    expect(await positionOf(BTC)).toBe(0);
    return followId;
  };

  it('close-only', () => blockedBy({ closeOnly: true }, () => h.trade(BTC, 1, 50_000), 'closeOnly', /Close-only/));
  it('blocked symbols', () => blockedBy({ blockedSymbols: [BTC] }, () => h.trade(BTC, 1, 50_000), 'blockedSymbols', /BTC\/USDT is on the blocked list/));
  it('allowed symbols', () => blockedBy({ allowedSymbols: [ETH] }, () => h.trade(BTC, 1, 50_000), 'allowedSymbols', /not on the allowed list/));
  it('max position value', () => blockedBy({ maxPositionValue: 1_000 }, () => h.trade(BTC, 1, 50_000), 'maxPositionValue', /worth 5,000.*above the 1,000 limit/));
  it('max leverage', () => blockedBy({ maxLeverage: 0.2 }, () => h.trade(BTC, 1, 50_000), 'maxLeverage', /Leverage would be 0.50×, above the 0.2× limit/));
  it('max slippage', () => blockedBy({ maxSlippageBps: 50 }, () => h.trade(BTC, 1, 49_000), 'maxSlippage', /bps from the leader's 49,000, beyond the 50 bps bound/));
  it('signal time-to-live', () => blockedBy({ signalTtlSeconds: 30 }, () => h.trade(BTC, 1, 50_000, { ageMs: 120_000 }), 'signalTtl', /older than its 30 s time-to-live/));
  it('a symbol I have no instrument for', () => blockedBy({}, () => h.trade('DOGE/USDT', 1000, 0.1), 'symbolMap', /No instrument DOGE\/USDT on this account/));
  it('a trade too small for my lot size', () => blockedBy({}, () => h.trade(BTC, 0.00001, 50_000), 'lotSize', /rounds to nothing at lot step/));

  it('pause', async () => {
    const followId = await h.follow({ allocation: 10_000 });
    await h.core.call('copy.pause', { followId });
    const event = await h.trade(BTC, 1, 50_000);
    expect(await h.handled(followId, event.seq)).toMatchObject({ outcome: 'skipped', guard: 'paused', message: 'Paused: signal not copied' });
    await h.core.call('copy.resume', { followId });
    const next = await h.trade(BTC, 1, 50_000);
    expect(await h.handled(followId, next.seq)).toMatchObject({ outcome: 'copied' });
    // Resumed from the next signal: the leader holds 2, my copy its share of the second only.
    expect(await positionOf(BTC)).toBeCloseTo(0.1, 9);
  });

  it('max open positions', async () => {
    const followId = await h.follow({ allocation: 10_000, guards: { maxOpenPositions: 1 } });
    await h.handled(followId, (await h.trade(ETH, 10, 2_500)).seq);
    const entry = await h.handled(followId, (await h.trade(BTC, 1, 50_000)).seq);
    expect(entry).toMatchObject({ outcome: 'blocked', guard: 'maxOpenPositions', message: 'Already 1 open positions, the most this follow may hold' });
  });

  it('copy stop-loss: closes everything and stops', async () => {
    const followId = await h.follow({ allocation: 10_000, guards: { stopLoss: 0.8 } });
    await h.handled(followId, (await h.trade(BTC, 4, 50_000)).seq); // 0.4 BTC = 20,000 on 10,000: 2× the allocation
    const stopped = new Promise<void>((resolve) => {
      const off = h.core.on('copy.signal', (e) => {
        if (e.followId === followId && e.guard === 'stopLoss' && e.orders[0]?.status === 'filled') {
          off();
          resolve();
        }
      });
    });
    h.quote(BTC, 44_000); // −2,400 on the copy: equity 7,600 < 80 % of 10,000
    await stopped;
    await h.core.copy.idle();
    expect(await positionOf(BTC)).toBe(0);
    const follow = await followOf(followId);
    expect(follow.state).toBe('stopped');
    expect(follow.stateReason).toMatch(/Copy stop-loss: equity 7,5\d\d\.\d\d fell below 80 % of the 10,000.00 allocation/);
    const log = (await h.core.call('copy.log', { followId })) as { entries: Array<{ guard: string | null; message: string }> };
    expect(log.entries[0]).toMatchObject({ guard: 'stopLoss' });
    expect(log.entries[0]!.message).toMatch(/closing every copied position and stopping/);
  });

  it('copy take-profit: closes everything and stops', async () => {
    const followId = await h.follow({ allocation: 10_000, guards: { takeProfit: 1.1 } });
    await h.handled(followId, (await h.trade(BTC, 4, 50_000)).seq);
    const stopped = new Promise<string>((resolve) => {
      const off = h.core.on('copy.update', (f) => {
        if (f.followId === followId && f.state === 'stopped') {
          off();
          resolve(f.stateReason ?? '');
        }
      });
    });
    h.quote(BTC, 53_000); // +1,200 on the copy: 11,2xx ≥ 110 % of 10,000
    expect(await stopped).toMatch(/Copy take-profit: equity 11,\d{3}\.\d\d reached 110 % of the 10,000.00 allocation/);
    await h.core.copy.idle();
    expect(await positionOf(BTC)).toBe(0);
  });
});

describe('invalid settings', () => {
  const rejected = async (params: Record<string, unknown>, message: RegExp) => {
    const error = await h.core.call('copy.follow', { strategyId: h.writer.strategyId, accountId: h.accountId, allocation: 10_000, ...params }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_PARAMS');
    expect((error as ApiError).message).toMatch(message);
  };
  it('a negative allocation', () => rejected({ allocation: -5 }, /allocation/));
  it('an allocation above free equity', async () => {
    await h.follow({ allocation: 60_000 });
    await rejected({ allocation: 50_000 }, /above the account’s free equity 40,000.00 USD \(equity 100,000.00 USD, 60,000.00 USD allocated to other copies\)/);
  });
  it('an unknown account', () => rejected({ accountId: 'nope' }, /Unknown account nope/));
  it('an unknown strategy', () => rejected({ strategyId: 'st_AAAAAAAAAAAAAAAAAAAAAAAA' }, /Unknown strategy/));
  it('a symbol map to a missing instrument', () => rejected({ guards: { symbolMap: { 'BTC-USD': 'NOPE/USD' } } }, /there is no instrument NOPE\/USD/));
});

describe('stopping and reconciling', () => {
  it('stops and closes the copied positions on request', async () => {
    const followId = await h.follow({ allocation: 10_000 });
    await h.handled(followId, (await h.trade(BTC, 1, 50_000)).seq);
    const follow = (await h.core.call('copy.stop', { followId, closePositions: true })) as Follow;
    expect(follow).toMatchObject({ state: 'stopped', stateReason: 'Stopped by you; positions closed' });
    expect(await positionOf(BTC)).toBe(0);
    // A stopped follow acts on nothing more.
    await h.trade(BTC, 1, 50_000);
    await h.core.copy.idle();
    expect(await positionOf(BTC)).toBe(0);
  });

  it('shows a missed trade and an orphan, each with a one-click fix', async () => {
    const followId = await h.follow({ allocation: 10_000 });
    await h.core.call('copy.pause', { followId });
    await h.handled(followId, (await h.trade(BTC, 1, 50_000)).seq);
    await h.core.call('copy.resume', { followId });
    const report = (await h.core.call('copy.reconcile', { followId })) as { items: Array<Record<string, unknown>> };
    expect(report.items).toEqual([{ symbol: BTC, kind: 'miss', mine: 0, expected: 0.1, fix: { side: 'buy', qty: 0.1 }, note: null }]);
    await h.core.call('copy.fix', { followId, symbol: BTC });
    await h.core.copy.idle();
    expect(await positionOf(BTC)).toBeCloseTo(0.1, 9);
    expect(((await h.core.call('copy.reconcile', { followId })) as { items: unknown[] }).items).toEqual([]);

    // The leader closes while I am paused: my 0.1 is an orphan.
    await h.core.call('copy.pause', { followId });
    await h.handled(followId, (await h.trade(BTC, -1, 50_000)).seq);
    const orphan = (await h.core.call('copy.reconcile', { followId })) as { items: Array<Record<string, unknown>> };
    expect(orphan.items).toEqual([{ symbol: BTC, kind: 'orphan', mine: 0.1, expected: 0, fix: { side: 'sell', qty: 0.1 }, note: null }]);
    await h.core.call('copy.fix', { followId, symbol: BTC });
    await h.core.copy.idle();
    expect(await positionOf(BTC)).toBe(0);
  });
});

describe('exactly once across a restart', () => {
  it('resumes from the ledger and acts on what the leader did while the terminal was closed', async () => {
    const followId = await h.follow({ allocation: 10_000, guards: { signalTtlSeconds: 3600 } });
    await h.handled(followId, (await h.trade(BTC, 1, 50_000)).seq);
    await h.core.close();
    // The leader trades while the follower is down.
    await h.trade(BTC, 1, 50_000);
    const last = await h.trade(BTC, -0.5, 50_000);
    await h.restart();
    await h.handled(followId, last.seq).catch(() => undefined);
    await h.core.copy.idle();
    const follow = await followOf(followId);
    expect(follow.leaderSeq).toBe(last.seq);
    expect(await positionOf(BTC)).toBeCloseTo(0.15, 3);
    const orders = (await h.core.call('orders.list', { accountId: h.accountId })) as Array<{ clientOrderId: string }>;
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(orders.length);
    expect(orders).toHaveLength(3);
  });
});

describe('what the leaderboard and the follower learn', () => {
  it('reports the copy to the hub while it runs, so the strategy counts one copier, and none once stopped', async () => {
    await h.core.call('hub.signUp', { username: 'follower', password: 'correct horse battery' });
    const followId = await h.follow({ allocation: 10_000 });
    const copiers = async (): Promise<number> => (await h.leader.call('strategies.get', { strategyId: h.writer.strategyId })).copiers;
    const until = async (n: number): Promise<void> => {
      while ((await copiers()) !== n) await new Promise<void>((resolve) => h.core.on('copy.update', () => resolve()));
    };
    await until(1);
    await h.core.call('copy.stop', { followId, closePositions: false });
    await until(0);
  });

  it('replays the leader’s recent fills through my sizing in a what-if, beside the leader', async () => {
    const a = await h.trade(BTC, 1, 50_000);
    await h.trade(BTC, -1, 51_000);
    expect(a.seq).toBeGreaterThan(0);
    const result = (await h.core.call('copy.whatIf', { strategyId: h.writer.strategyId, accountId: h.accountId, allocation: 10_000, months: 1 })) as {
      copied: number;
      skipped: number;
      finalEquity: number;
      follower: { index: Array<{ value: number }>; stats: { trades: number } };
      leader: { index: unknown[] };
    };
    expect(result.copied).toBe(2);
    expect(result.skipped).toBe(0);
    // A tenth of the leader's 1 BTC: 0.1 × (51,000 − 50,000) = +100, less 5 bps of taker fee on each side (2.5 + 2.55).
    expect(result.finalEquity).toBeCloseTo(10_000 + 100 - 2.5 - 2.55, 6);
    expect(result.follower.index.at(-1)!.value).toBeCloseTo(result.finalEquity / 10_000, 9);
    expect(result.leader.index.length).toBeGreaterThan(0);
  });
});

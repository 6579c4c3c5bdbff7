import { describe, expect, it } from 'vitest';
import type { Hub, LocalHubClient } from '../../../src/hub';
import type { AssetClass } from '../../../src/shared/market/instrument';
import { computeStrategyMetrics, dailySeries, dayIndex, utcDayFromIndex, type Period } from '../../../src/shared/metrics';
import type { LeaderboardPage, LeaderboardRow, LeaderboardSort } from '../../../src/shared/social/leaderboard';
import { LEADERBOARD_SORTS } from '../../../src/shared/social/leaderboard';
import type { StrategyEvent } from '../../../src/shared/social/strategy-event';
import { streamInputs } from '../../../src/shared/social/stream-inputs';
import { createParams, DAY, mark, startTestHub, StreamWriter, T0, testClock, trackRecord, type TestClock } from './support';

interface Listed {
  writer: StreamWriter;
  events: StrategyEvent[];
  userId: string;
}

/** An embedded hub whose simulated members publish strategies; the clock stands after their histories. */
async function board(clock: TestClock = testClock(T0 + 200 * DAY)) {
  const hub = await startTestHub({ clock, embedded: true });
  const local = hub.local();
  const add = async (username: string, name: string, opts: Parameters<typeof trackRecord>[1], assetClasses: AssetClass[] = ['crypto']): Promise<Listed> => {
    const userId = hub.addMember({ username, displayName: username.toUpperCase(), bio: '', avatarColor: '#336699', createdAt: T0 });
    local.actAs(userId);
    const writer = new StreamWriter();
    await local.call('strategies.create', createParams(writer.key, username, name, assetClasses));
    const events = trackRecord(writer, opts);
    await hub.importEvents(events);
    return { writer, events, userId };
  };
  return { hub, local, clock, add };
}

async function query(local: LocalHubClient, q: Record<string, unknown>): Promise<LeaderboardPage> {
  return local.call('leaderboard.query', { period: 'all', ...q } as never);
}

const names = (page: LeaderboardPage): string[] => page.rows.map((r) => r.name);

describe('hub leaderboard', () => {
  it('ranks only strategies with 30 return days and 10 closed round trips, with figures exactly as src/shared/metrics computes them', async () => {
    const { hub, local, clock, add } = await board();
    const ranked = await add('ranked', 'Ranked', { start: T0, days: 60, trips: 12, exposure: 30_000 });
    await add('fewtrips', 'Few trips', { start: T0, days: 60, trips: 9 });
    await add('young', 'Young', { start: T0 + 150 * DAY, days: 20, trips: 12 });
    const page = await query(local, {});
    expect(page.total).toBe(1);
    expect(names(page)).toEqual(['Ranked']);

    const bodies = ranked.events.map((e) => e.body);
    const { marks, flows, fills } = streamInputs(bodies);
    const metrics = computeStrategyMetrics({ days: dailySeries(marks, flows, utcDayFromIndex(dayIndex(clock.now()))), fills });
    for (const period of ['1M', '3M', '6M', '1Y', 'all'] as Period[]) {
      const [row] = (await query(local, { period })).rows as [LeaderboardRow];
      const s = metrics.periods[period];
      expect(row).toMatchObject({
        rank: 1,
        strategyId: ranked.writer.strategyId,
        owner: { userId: ranked.userId, username: 'ranked', displayName: 'RANKED' },
        simulated: true,
        currency: 'USD',
        assetClasses: ['crypto'],
        return: s.return,
        cagr: s.cagr,
        sharpe: s.sharpe,
        sortino: s.sortino,
        maxDrawdown: s.maxDrawdown.value,
        volatility: s.volatility,
        calmar: s.calmar,
        winRate: s.winRate,
        profitFactor: s.profitFactor,
        avgHoldingSeconds: s.avgHoldingSeconds,
        trades: s.trades,
        riskScore: metrics.riskScore,
        trackRecordDays: metrics.returnDays,
        partial: s.partial,
        copiers: 0,
        followerReturn: null,
      });
      expect(row.spark.length).toBeLessThanOrEqual(60);
      expect(row.spark[0]).toBe(1);
      expect(row.spark.at(-1)).toBeCloseTo(1 + s.return!, 12);
    }
    // The quiet days since the last mark carry equity forward (zero returns) up to today.
    expect(metrics.returnDays).toBe(200);
    expect(await hub.settled()).toBeUndefined();
  });

  it('sorts by every column in both directions with nulls last and a stable tiebreak', async () => {
    const { local, add } = await board();
    await add('alpha', 'Alpha', { start: T0, days: 60, trips: 12, dailyReturns: [0.02, -0.01] });
    await add('bravo', 'Bravo', { start: T0, days: 60, trips: 12, dailyReturns: [0.01, -0.002, 0.004] });
    // Only winning trips: no loss, so no profit factor (null).
    await add('charlie', 'Charlie', { start: T0, days: 60, trips: 12, dailyReturns: [0.003, 0.001] });
    await add('delta', 'Delta', { start: T0, days: 90, trips: 20, dailyReturns: [-0.01, 0.012] });
    const all = await query(local, { limit: 200 });
    expect(all.total).toBe(4);
    for (const sort of LEADERBOARD_SORTS as readonly LeaderboardSort[]) {
      for (const dir of ['asc', 'desc'] as const) {
        const rows = (await query(local, { sort, dir })).rows;
        const values = rows.map((r) => (sort === 'name' ? r.name.toLowerCase() : r[sort]));
        const nonNull = values.filter((v) => v !== null);
        // Nulls come after every value, whichever the direction.
        expect(values.slice(nonNull.length).every((v) => v === null), `${sort} ${dir}`).toBe(true);
        const sorted = [...nonNull].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
        expect(nonNull, `${sort} ${dir}`).toEqual(dir === 'asc' ? sorted : sorted.reverse());
        expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
        // Equal values are ordered by strategy id.
        for (let i = 1; i < rows.length; i++) if (values[i] === values[i - 1]) expect(rows[i]!.strategyId > rows[i - 1]!.strategyId).toBe(true);
      }
    }
    const byProfitFactor = await query(local, { sort: 'profitFactor', dir: 'asc' });
    expect(byProfitFactor.rows.at(-1)).toMatchObject({ name: 'Charlie', profitFactor: null });
  });

  it('filters by asset class, age, drawdown, risk, trades and name or owner, and counts the matches', async () => {
    const { local, add } = await board();
    await add('cryptoguy', 'Moon shots', { start: T0, days: 120, trips: 30, dailyReturns: [0.06, -0.07, -0.07, 0.09], exposure: 100_000 }, ['crypto']);
    await add('fxlady', 'Carry trade', { start: T0 + 60 * DAY, days: 60, trips: 12, dailyReturns: [0.001, -0.0005] }, ['fx']);
    await add('mixed', 'Balanced', { start: T0, days: 150, trips: 15, dailyReturns: [0.012, -0.011] }, ['stock', 'fx']);
    const f = async (filters: Record<string, unknown>) => {
      const page = await query(local, { filters, sort: 'name', dir: 'asc' });
      expect(page.total).toBe(page.rows.length);
      return names(page);
    };
    expect(await f({})).toEqual(['Balanced', 'Carry trade', 'Moon shots']);
    expect(await f({ assetClass: 'fx' })).toEqual(['Balanced', 'Carry trade']);
    expect(await f({ assetClass: 'index' })).toEqual([]);
    expect(await f({ minAgeDays: 150 })).toEqual(['Balanced', 'Moon shots']);
    expect(await f({ maxDrawdown: 0.1 })).toEqual(['Balanced', 'Carry trade']);
    expect(await f({ riskMin: 8 })).toEqual(['Moon shots']);
    expect(await f({ riskMax: 2 })).toEqual(['Carry trade']);
    expect(await f({ minTrades: 20 })).toEqual(['Moon shots']);
    expect(await f({ search: 'CARRY' })).toEqual(['Carry trade']);
    expect(await f({ search: 'fxla' })).toEqual(['Carry trade']);
    expect(await f({ search: '100%_' })).toEqual([]);
    await expect(query(local, { filters: { riskMin: 5, riskMax: 3 } })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('riskMin is above riskMax') });
  });

  it('pages with a cursor tied to its listing, ranks continuing across pages', async () => {
    const { local, add } = await board();
    for (const [i, n] of ['one', 'two', 'three', 'four', 'five'].entries()) await add(`user_${n}`, `S ${n}`, { start: T0, days: 40, trips: 12, dailyReturns: [0.001 * (i + 1), -0.0005] });
    const seen: LeaderboardRow[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await query(local, { sort: 'return', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      seen.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((r) => r.name)).toEqual(['S five', 'S four', 'S three', 'S two', 'S one']);
    const first = await query(local, { sort: 'return', limit: 2 });
    await expect(query(local, { sort: 'sharpe', limit: 2, cursor: first.nextCursor })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('belongs to another listing') });
    await expect(query(local, { cursor: 'nonsense' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('counts active copiers per strategy and averages their reported returns', async () => {
    const { hub, local, add } = await board();
    const s = await add('leader', 'Leader', { start: T0, days: 40, trips: 12 });
    const copiers = [hub.addMember({ username: 'copier_a', displayName: 'A', bio: '', avatarColor: '#112233', createdAt: T0 }), hub.addMember({ username: 'copier_b', displayName: 'B', bio: '', avatarColor: '#112233', createdAt: T0 })];
    const a = hub.local();
    a.actAs(copiers[0]!);
    const b = hub.local();
    b.actAs(copiers[1]!);
    await a.call('copies.report', { strategyId: s.writer.strategyId, followId: 'f1', active: true, returnSinceStart: 0.1 });
    await a.call('copies.report', { strategyId: s.writer.strategyId, followId: 'f2', active: true, returnSinceStart: null });
    await b.call('copies.report', { strategyId: s.writer.strategyId, followId: 'f1', active: true, returnSinceStart: -0.02 });
    expect((await query(local, {})).rows[0]).toMatchObject({ copiers: 2, followerReturn: (0.1 - 0.02) / 2 });
    expect(await local.call('strategies.get', { strategyId: s.writer.strategyId })).toMatchObject({ copiers: 2 });
    await b.call('copies.report', { strategyId: s.writer.strategyId, followId: 'f1', active: false, returnSinceStart: -0.05 });
    expect((await query(local, {})).rows[0]).toMatchObject({ copiers: 1, followerReturn: 0.1 });
    await expect(a.call('copies.report', { strategyId: s.writer.strategyId, followId: 'f3', active: true, returnSinceStart: -2 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('recomputes a strategy after live publishing (coalesced) and every strategy when the UTC day changes', async () => {
    const clock = testClock(T0 + 40 * DAY + 21 * 3_600_000);
    const { hub, local, add } = await board(clock);
    const s = await add('live', 'Live one', { start: T0, days: 40, trips: 12 });
    const before = (await query(local, {})).rows[0]!;
    expect(before.trackRecordDays).toBe(40);
    local.actAs(s.userId);
    const now = clock.now();
    const lastEquity = (s.events.at(-1)!.body as { equity: number }).equity;
    await local.call('strategies.publish', { events: [s.writer.next(mark(now, lastEquity * 1.5), now)] });
    await hub.settled();
    const after = (await query(local, {})).rows[0]!;
    expect(after.return).toBeCloseTo((1 + before.return!) * 1.5 - 1, 10);
    expect(after.updatedAt).toBe(now);

    clock.advance(2 * DAY);
    // The first query of the new day starts the recompute; it is current once the hub settles.
    await query(local, {});
    await hub.settled();
    const nextDay = (await query(local, {})).rows[0]!;
    expect(nextDay.trackRecordDays).toBe(42);
    expect(nextDay.return).toBeCloseTo(after.return!, 12);
  });
});

export type { Hub };

import { describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../../../src/shared/social/leaderboard';
import { activeFilterCount, EMPTY_FILTER_INPUTS, filtersFromInputs } from '../../../../src/renderer/src/features/leaderboard/leaderboard-filters';
import { appendRows } from '../../../../src/renderer/src/features/leaderboard/leaderboard-store';

describe('leaderboard filters', () => {
  it('turns the fields into the query’s filters (drawdown in percent becomes a fraction)', () => {
    const { filters, errors } = filtersFromInputs({ assetClass: 'crypto', minAgeDays: '90', maxDrawdownPct: '25', riskMin: '2', riskMax: '6', minTrades: '1,000', search: '  momentum ' });
    expect(errors).toEqual({});
    expect(filters).toEqual({ assetClass: 'crypto', minAgeDays: 90, maxDrawdown: 0.25, riskMin: 2, riskMax: 6, minTrades: 1000, search: 'momentum' });
    expect(activeFilterCount(filters)).toBe(7);
  });

  it('leaves blank fields out', () => {
    expect(filtersFromInputs(EMPTY_FILTER_INPUTS)).toEqual({ filters: {}, errors: {} });
  });

  it('names what is wrong with a field', () => {
    expect(filtersFromInputs({ ...EMPTY_FILTER_INPUTS, minAgeDays: '1.5', maxDrawdownPct: '120', minTrades: 'many' }).errors).toEqual({
      minAgeDays: 'Whole days, 0 or more',
      maxDrawdownPct: 'Between 0 and 100 %',
      minTrades: 'A whole number',
    });
    expect(filtersFromInputs({ ...EMPTY_FILTER_INPUTS, riskMin: '7', riskMax: '3' }).errors).toEqual({ riskMax: 'At least the minimum' });
  });
});

describe('leaderboard pages', () => {
  const row = (id: string, rank: number): LeaderboardRow =>
    ({ rank, strategyId: id, name: id, owner: { userId: 'u_owner01', username: 'o', displayName: 'O', avatarColor: '#fff' }, assetClasses: ['crypto'], simulated: true, currency: 'USD', return: null, cagr: null, sharpe: null, sortino: null, maxDrawdown: null, volatility: null, calmar: null, winRate: null, profitFactor: null, avgHoldingSeconds: null, trades: 0, riskScore: null, trackRecordDays: 0, copiers: 0, followerReturn: null, spark: [], partial: false, updatedAt: 0 }) as LeaderboardRow;
  it('appends the next page without listing a strategy twice', () => {
    const rows = appendRows([row('s_a', 1), row('s_b', 2)], [row('s_b', 3), row('s_c', 4)]);
    expect(rows.map((r) => r.strategyId)).toEqual(['s_a', 's_b', 's_c']);
  });
});

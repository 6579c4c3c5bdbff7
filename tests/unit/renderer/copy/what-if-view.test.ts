import { describe, expect, it } from 'vitest';
import { drawdownOfIndex, topReasons, whatIfRows, type WhatIf } from '../../../../src/renderer/src/features/copy/what-if-view';

type Stats = WhatIf['follower']['stats'];
const stats = (s: Partial<Stats> = {}): Stats => ({
  period: 'all',
  days: 0,
  partial: false,
  return: null,
  cagr: null,
  volatility: null,
  sharpe: null,
  sortino: null,
  maxDrawdown: { value: null, peakDay: null, troughDay: null },
  calmar: null,
  trades: 0,
  wins: 0,
  losses: 0,
  breakEvens: 0,
  winRate: null,
  profitFactor: null,
  avgHoldingSeconds: null,
  expectancy: null,
  ...s,
});
const result = (follower: Partial<Stats>, leader: Partial<Stats>, reasons: WhatIf['reasons'] = []): WhatIf => ({
  follower: { index: [], stats: stats(follower), riskScore: 3 },
  leader: { index: [], stats: stats(leader), riskScore: null },
  finalEquity: 10_500,
  copied: 12,
  skipped: reasons.reduce((a, r) => a + r.count, 0),
  reasons,
  from: '2026-09-01',
  to: '2026-12-01',
});

describe('what-if view', () => {
  it('puts my figures beside the leader’s, toned, with "—" where a figure needs more history', () => {
    const rows = whatIfRows(result({ return: 0.05, cagr: 0.21, maxDrawdown: { value: 0.031, peakDay: '2026-10-01', troughDay: '2026-10-09' }, sharpe: 1.234, trades: 11 }, { return: -0.02, trades: 12 }));
    expect(rows.map((r) => [r.label, r.mine, r.leader])).toEqual([
      ['Return', '+5.00%', '−2.00%'],
      ['CAGR', '+21.0%', '—'],
      ['Max drawdown', '−3.1%', '—'],
      ['Sharpe', '+1.23', '—'],
      ['Risk score', '3', '—'],
      ['Trades', '11', '12'],
    ]);
    expect(rows[0]).toMatchObject({ mineTone: 'up', leaderTone: 'down' });
    expect(rows[2]).toMatchObject({ mineTone: 'down', leaderTone: '' });
    expect(rows[4]!.risk).toEqual({ mine: 3, leader: null });
  });

  it('draws the drawdown under my index from the running peak (METRICS.md)', () => {
    const dd = drawdownOfIndex([
      { day: '2026-11-01', value: 1 },
      { day: '2026-11-02', value: 1.1 },
      { day: '2026-11-03', value: 0.99 },
      { day: '2026-11-04', value: 1.045 },
      { day: '2026-11-05', value: 1.21 },
    ]);
    expect(dd.map((p) => p.day)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    const expected = [0, 0, 0.1, 0.05, 0];
    dd.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i]!, 12));
    expect(drawdownOfIndex([])).toEqual([]);
  });

  it('keeps the most frequent reasons for skipping, most frequent first as the core sent them', () => {
    const reasons = [
      { reason: 'Too small after lot rounding', count: 5 },
      { reason: 'Signal too old', count: 3 },
      { reason: 'Paused', count: 2 },
      { reason: 'Close-only', count: 1 },
      { reason: 'Symbol on the blocked list', count: 1 },
    ];
    expect(topReasons(result({}, {}, reasons), 3).map((r) => r.count)).toEqual([5, 3, 2]);
  });
});

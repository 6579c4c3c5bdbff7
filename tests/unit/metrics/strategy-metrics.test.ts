import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStrategyMetrics, dailySeries, type MetricFill } from '../../../src/shared/metrics';
import { at, fill, fromReturns, series } from './fixtures';

describe('strategy metrics', () => {
  it('brings every figure of a strategy together', () => {
    // 100, 110 (+10 %), 99 (−10 %), 2025-01-01 to 01-03; one trip +10 − 0.2 fees, one still open
    const fills: MetricFill[] = [fill('buy', 1, 100, 1, { fee: 0.1 }), fill('sell', 1, 110, 2, { fee: 0.1 }), fill('buy', 1, 100, 30)];
    const m = computeStrategyMetrics({ days: series([100, 110, 99]), fills });
    expect(m).toMatchObject({ firstDay: '2025-01-01', lastDay: '2025-01-03', returnDays: 2, closedTrips: 1, openTrips: 1, riskScore: null });
    expect(m.periods.all.return).toBeCloseTo(-0.01, 14);
    expect(m.periods.all.maxDrawdown).toEqual({ value: expect.closeTo(0.1, 14) as number, peakDay: '2025-01-02', troughDay: '2025-01-03' });
    expect(m.periods.all).toMatchObject({ trades: 1, wins: 1, winRate: 1, profitFactor: null, avgHoldingSeconds: 3600 });
    expect(m.periods.all.expectancy).toBeCloseTo(9.8, 12);
    expect(m.monthly).toEqual([{ month: '2025-01', return: expect.closeTo(-0.01, 14) as number, days: 2 }]);
  });

  it('ends the history on the day equity hit 0', () => {
    const m = computeStrategyMetrics({ days: series([100, 50, 0, 40]), fills: [] });
    expect(m).toMatchObject({ firstDay: '2025-01-01', lastDay: '2025-01-03', returnDays: 2 });
    expect(m.periods.all.return).toBe(-1);
    expect(m.periods.all.maxDrawdown).toMatchObject({ value: 1, peakDay: '2025-01-01', troughDay: '2025-01-03' });
  });

  it('has no days and no curves without a funded day, but still counts trades', () => {
    const m = computeStrategyMetrics({ days: [], fills: [fill('buy', 1, 100, 1), fill('sell', 1, 90, 2)] });
    expect(m).toMatchObject({ firstDay: null, lastDay: null, returnDays: 0, index: [], drawdown: [], monthly: [], riskScore: null, closedTrips: 1 });
    expect(m.periods.all).toMatchObject({ return: null, trades: 1, losses: 1, profitFactor: 0 });
  });

  it('goes from marks and flows to figures', () => {
    // marks at noon: 1000, 1100 (with a 100 deposit: r = 0), 1210 (+10 %)
    const marks = [1000, 1100, 1210].map((equity, i) => ({ time: at('2025-03-01', 12 + 24 * i), equity, grossExposure: 0 }));
    const days = dailySeries(marks, [{ time: at('2025-03-02', 9), amount: 100 }]);
    const m = computeStrategyMetrics({ days, fills: [] });
    expect(m.periods.all.return).toBeCloseTo(0.1, 14);
    expect(m.index.map((p) => p.value)).toEqual([1, 1, expect.closeTo(1.1, 14)]);
  });

  it('gives an index that ends at 1 + TWR and drawdowns in [0, 1] for any positive series (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { maxLength: 400 }), (r) => {
        const m = computeStrategyMetrics({ days: fromReturns(r), fills: [] });
        expect(m.returnDays).toBe(r.length);
        for (const p of Object.values(m.periods)) {
          if (p.days === 0) continue;
          expect(p.maxDrawdown.value).toBeGreaterThanOrEqual(0);
          expect(p.maxDrawdown.value).toBeLessThanOrEqual(1);
        }
        for (const p of m.drawdown) expect(p.value).toBeGreaterThanOrEqual(0);
        expect(m.monthly.reduce((n, x) => n + x.days, 0)).toBe(r.length);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStrategyMetrics, PERIOD_DAYS, type MetricFill } from '../../../src/shared/metrics';
import { at, fill, fromReturns, series } from './fixtures';

/** A long of 1 opened at 01:00 and closed at 02:00 on `day`, with P&L `pnl`. */
const tripOn = (day: string, pnl: number, hours = 1): MetricFill[] => [
  { symbol: 'X', side: 'buy', qty: 1, price: 100, fee: 0, time: at(day, hours) },
  { symbol: 'X', side: 'sell', qty: 1, price: 100 + pnl, fee: 0, time: at(day, hours + 1) },
];

describe('periods', () => {
  it('has 30, 91, 182 and 365 return days', () => {
    expect(PERIOD_DAYS).toEqual({ '1M': 30, '3M': 91, '6M': 182, '1Y': 365 });
  });

  it('takes the last P return days with the base at the end of the day before the window', () => {
    // 40 return days: +1 % on each of the first 10, then 30 days of +0.5 %
    const r = [...Array<number>(10).fill(0.01), ...Array<number>(30).fill(0.005)];
    const m = computeStrategyMetrics({ days: fromReturns(r), fills: [] });
    const month = m.periods['1M'];
    // window = days 11..40, base = E_10: return 1.005^30 − 1
    expect(month).toMatchObject({ period: '1M', days: 30, partial: false });
    expect(month.return).toBeCloseTo(Math.pow(1.005, 30) - 1, 12);
    expect(month.volatility).toBe(0); // constant 0.5 %
    expect(month.sharpe).toBeNull(); // std = 0
    expect(month.cagr).toBeCloseTo(Math.pow(1.005, 365) - 1, 10); // (1.005^30)^(365/30) − 1
    // all: 1.01^10 × 1.005^30 − 1 over 40 days
    expect(m.periods.all).toMatchObject({ days: 40, partial: false });
    expect(m.periods.all.return).toBeCloseTo(Math.pow(1.01, 10) * Math.pow(1.005, 30) - 1, 12);
  });

  it('dates a period’s drawdown peak on its base day when the window starts at a high', () => {
    // 31 return days: +10 % then 30 × −1 %; the 1M window's base is day 1 (I = 1.1), its peak
    const m = computeStrategyMetrics({ days: fromReturns([0.1, ...Array<number>(30).fill(-0.01)]), fills: [] });
    expect(m.periods['1M'].maxDrawdown).toEqual({ value: expect.closeTo(1 - Math.pow(0.99, 30), 12) as number, peakDay: '2025-01-02', troughDay: '2025-02-01' });
    expect(m.periods['1M'].calmar).toBeCloseTo((Math.pow(0.99, 365) - 1) / (1 - Math.pow(0.99, 30)), 10);
  });

  it('marks a period longer than the history as partial and computes it over the whole history', () => {
    const m = computeStrategyMetrics({ days: fromReturns(Array<number>(40).fill(0.001)), fills: tripOn('2025-01-01', 5) });
    for (const p of ['3M', '6M', '1Y'] as const) {
      expect(m.periods[p]).toEqual({ ...m.periods.all, period: p, partial: true });
    }
    expect(m.periods.all.partial).toBe(false);
  });

  it('uses only the round trips closed inside the window for trade figures', () => {
    // 40 return days from 2025-01-01 (base) to 2025-02-10; the 1M window is 2025-01-12..2025-02-10
    const fills = [
      ...tripOn('2025-01-05', 7), // before the window
      ...tripOn('2025-01-11', 3, 22), // closes 23:00 on the window's base day: outside
      ...tripOn('2025-01-11', -4, 23), // opened on the base day, closed 00:00 of the first window day: inside
      ...tripOn('2025-02-01', 6),
    ];
    const m = computeStrategyMetrics({ days: fromReturns(Array<number>(40).fill(0)), fills });
    expect(m.periods['1M']).toMatchObject({ trades: 2, wins: 1, losses: 1, profitFactor: 1.5, expectancy: 1 });
    expect(m.periods.all).toMatchObject({ trades: 4, wins: 3, losses: 1, expectancy: 3 }); // (7 + 3 − 4 + 6) / 4
  });

  it('is empty, with nulls, without a return day', () => {
    const m = computeStrategyMetrics({ days: series([100]), fills: [] });
    for (const p of ['1M', '3M', '6M', '1Y', 'all'] as const) {
      expect(m.periods[p]).toEqual({
        period: p,
        days: 0,
        partial: p !== 'all',
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
      });
    }
  });

  it('gives each fixed period the same figures as the whole history of its last P days (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 120 }), (r) => {
        const m = computeStrategyMetrics({ days: fromReturns(r), fills: [] });
        const tail = r.slice(-30);
        const alone = computeStrategyMetrics({ days: fromReturns(tail), fills: [] }).periods.all;
        const month = m.periods['1M'];
        expect(month.days).toBe(tail.length);
        expect(month.return).toBeCloseTo(alone.return!, 9);
        if (alone.volatility === null) expect(month.volatility).toBeNull();
        else expect(month.volatility).toBeCloseTo(alone.volatility, 9);
        expect(month.maxDrawdown.value).toBeCloseTo(alone.maxDrawdown.value!, 9);
      }),
    );
  });

  it('keeps a fill’s day by UTC, not local time', () => {
    // 23:30 UTC on 01-11 is 00:30 on 01-12 in Europe, but closes on the window's base day
    const m = computeStrategyMetrics({ days: fromReturns(Array<number>(40).fill(0)), fills: [fill('buy', 1, 100, 10 * 24 + 22.5), fill('sell', 1, 101, 10 * 24 + 23.5)] });
    expect(m.periods['1M'].trades).toBe(0);
    expect(m.periods.all.trades).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cagr, computeStrategyMetrics, dailyReturns, monthlyReturns, twr } from '../../../src/shared/metrics';
import { fromReturns, relClose, series } from './fixtures';

const returnsOf = (...args: Parameters<typeof series>): number[] => [...dailyReturns(series(...args)).returns];

describe('daily returns', () => {
  it('divides the change in equity by the previous day’s equity', () => {
    // (110 − 100) / 100 = 0.1; (99 − 110) / 110 = −0.1
    const r = returnsOf([100, 110, 99]);
    expect(r).toHaveLength(2);
    expect(r[0]).toBeCloseTo(0.1, 14);
    expect(r[1]).toBeCloseTo(-0.1, 14);
  });

  it('takes a deposit out of the day’s return', () => {
    // (160 − 110 − 50) / 110 = 0: the 50 deposited on day 2 is not a gain
    expect(returnsOf([100, 110, 160], { flows: { 2: 50 } })).toEqual([0.1, 0]);
  });

  it('takes a withdrawal out of the day’s return', () => {
    // (150 − 200 − (−60)) / 200 = 0.05
    expect(returnsOf([200, 150], { flows: { 1: -60 } })).toEqual([0.05]);
  });

  it('counts a flow on the base day as no return', () => {
    // The account was funded with 100 on day 0: r_1 = (105 − 100) / 100 only
    const { start, returns } = dailyReturns(series([100, 105], { flows: { 0: 100 } }));
    expect(start).toBe(0);
    expect([...returns]).toEqual([0.05]);
  });

  it('starts at the first day with E > 0', () => {
    // E = 0, 0, 100, 110: base is day 2, r_1 = 0.1, n = 1
    const { start, returns } = dailyReturns(series([0, 0, 100, 110]));
    expect(start).toBe(2);
    expect([...returns]).toEqual([0.1]);
  });

  it('ends the series at a day whose previous equity is not above 0', () => {
    // 100 → 50: −0.5; 50 → 0: −1; E_2 = 0 ends it, so the refunded 10 and 20 are not returns
    expect(returnsOf([100, 50, 0, 10, 20])).toEqual([-0.5, -1]);
    // 100 → −20: −1.2, and nothing after
    expect(returnsOf([100, -20, 30])).toEqual([-1.2]);
  });

  it('has no return day with one day or none', () => {
    expect(dailyReturns(series([100]))).toEqual({ start: 0, returns: new Float64Array(0) });
    expect(dailyReturns([])).toEqual({ start: -1, returns: new Float64Array(0) });
    expect(dailyReturns(series([0, -5]))).toEqual({ start: -1, returns: new Float64Array(0) });
  });
});

describe('time-weighted return', () => {
  it('compounds the daily returns, so flows do not count as performance', () => {
    // r = 0.1, then (260 − 110 − 100) / 110 = 50/110; TWR = 1.1 × 160/110 − 1 = 0.6
    expect(twr(dailyReturns(series([100, 110, 260], { flows: { 2: 100 } })).returns)).toBeCloseTo(0.6, 14);
    // 1.1 × 0.9 − 1 = −0.01
    expect(twr([0.1, -0.1])).toBeCloseTo(-0.01, 15);
  });

  it('is null with no return day', () => {
    expect(twr([])).toBeNull();
  });

  it('reads over a range of the returns', () => {
    // 1.2 × 1.5 − 1 = 0.8
    expect(twr([0.1, 0.2, 0.5, -0.3], 1, 3)).toBeCloseTo(0.8, 14);
  });
});

describe('annualised return (CAGR)', () => {
  it('annualises the TWR over n return days', () => {
    // (1 + 0.1)^(365/30) − 1 = 1.1^12.1667 − 1 = 2.18868…
    expect(cagr(0.1, 30)).toBeCloseTo(2.1886804769053065, 12);
    // a year: (1.2)^(365/365) − 1 = 0.2
    expect(cagr(0.2, 365)).toBeCloseTo(0.2, 14);
    // two years: 1.21^(1/2) − 1 = 0.1
    expect(cagr(0.21, 730)).toBeCloseTo(0.1, 14);
  });

  it('is null under 30 return days', () => {
    expect(cagr(0.1, 29)).toBeNull();
  });

  it('is null when 1 + TWR < 0 and −1 when everything was lost', () => {
    expect(cagr(-1.2, 30)).toBeNull();
    expect(cagr(-1, 30)).toBe(-1);
    expect(cagr(null, 100)).toBeNull();
  });

  it('is null for a series wiped out below zero', () => {
    // 29 flat days, then 100 → −20: n = 30, TWR = −1.2
    const m = computeStrategyMetrics({ days: series([...Array<number>(30).fill(100), -20]), fills: [] });
    expect(m.returnDays).toBe(30);
    expect(m.periods.all.return).toBeCloseTo(-1.2, 14);
    expect(m.periods.all.cagr).toBeNull();
  });
});

describe('monthly returns', () => {
  it('compounds the return days of each UTC month, partial months with the days they have', () => {
    // base 2025-01-30; Jan 31 +10 %; Feb: −10 % on Feb 10, 27 flat days; Mar 1 and 2: +5 % each
    const r = [0.1, ...Array<number>(28).fill(0), 0.05, 0.05];
    r[10] = -0.1; // r_11 is day 2025-02-10
    const m = monthlyReturns(fromReturns(r, { first: '2025-01-30' }));
    expect(m.map((x) => [x.month, x.days])).toEqual([
      ['2025-01', 1],
      ['2025-02', 28],
      ['2025-03', 2],
    ]);
    expect(m[0]!.return).toBeCloseTo(0.1, 12);
    expect(m[1]!.return).toBeCloseTo(-0.1, 12);
    expect(m[2]!.return).toBeCloseTo(0.1025, 12); // 1.05² − 1
  });

  it('gives a return to the month of its day, so the base day’s month needs a return day to be listed', () => {
    // base 2025-01-31, first return on 2025-02-01
    const m = monthlyReturns(series([100, 102], { first: '2025-01-31' }));
    expect(m.map((x) => x.month)).toEqual(['2025-02']);
    expect(m[0]!.return).toBeCloseTo(0.02, 14);
  });

  it('lists nothing without a return day', () => {
    expect(monthlyReturns(series([100]))).toEqual([]);
  });

  it('multiplies back to the TWR (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { maxLength: 120 }), fc.integer({ min: 0, max: 400 }), (r, offset) => {
        const days = fromReturns(r, { first: new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10) });
        const all = twr(dailyReturns(days).returns);
        const product = monthlyReturns(days).reduce((p, m) => p * (1 + m.return), 1) - 1;
        if (all === null) expect(monthlyReturns(days)).toEqual([]);
        else expect(relClose(1 + product, 1 + all)).toBe(true);
      }),
    );
  });
});

describe('index', () => {
  it('starts at 1 on the base day and compounds each return', () => {
    // I = 1, 1.1, 1.1 × 0.9 = 0.99
    const m = computeStrategyMetrics({ days: series([100, 110, 99]), fills: [] });
    expect(m.index.map((p) => p.day)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
    expect(m.index[0]!.value).toBe(1);
    expect(m.index[1]!.value).toBeCloseTo(1.1, 14);
    expect(m.index[2]!.value).toBeCloseTo(0.99, 14);
  });

  it('ends at 1 + TWR (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.9, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (r) => {
        const m = computeStrategyMetrics({ days: fromReturns(r), fills: [] });
        expect(m.index).toHaveLength(r.length + 1);
        expect(relClose(m.index[m.index.length - 1]!.value, 1 + m.periods.all.return!, 12)).toBe(true);
      }),
    );
  });
});

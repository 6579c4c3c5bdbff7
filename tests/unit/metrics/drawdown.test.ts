import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStrategyMetrics, maxDrawdown } from '../../../src/shared/metrics';
import { fromReturns, series } from './fixtures';

describe('maximum drawdown', () => {
  it('is the deepest fall of the index from its running maximum, with the peak and trough days', () => {
    // E = I × 100: 100, 120, 90, 108, 60, 130; running max 1, 1.2, 1.2, 1.2, 1.2, 1.3
    // drawdowns 0, 0, 0.25, 0.1, 1 − 0.6/1.2 = 0.5, 0 → 0.5 from day 1 (01-02) to day 4 (01-05)
    const dd = maxDrawdown(series([100, 120, 90, 108, 60, 130]));
    expect(dd.value).toBeCloseTo(0.5, 14);
    expect(dd.peakDay).toBe('2025-01-02');
    expect(dd.troughDay).toBe('2025-01-05');
  });

  it('counts I_0 as a peak, dated on the base day', () => {
    // 100 → 90 → 95: 0.1 on day 1, peak I_0
    expect(maxDrawdown(series([100, 90, 95]))).toEqual({ value: expect.closeTo(0.1, 14) as number, peakDay: '2025-01-01', troughDay: '2025-01-02' });
  });

  it('dates the peak on the first day the running maximum reached its value, through a recovery to it', () => {
    // 100, 91, 100, 80: the index returns to 1 on day 2 (as 1.0000000000000002 in binary), which does
    // not make day 2 a new peak; the 0.2 drawdown runs from day 0 to day 3
    const dd = maxDrawdown(series([100, 91, 100, 80]));
    expect(dd.value).toBeCloseTo(0.2, 14);
    expect(dd.peakDay).toBe('2025-01-01');
    expect(dd.troughDay).toBe('2025-01-04');
  });

  it('dates the trough on the earliest of equally deep days', () => {
    // 0.2 on day 1 (peak day 0) and 1 − 96/120 = 0.2 on day 3 (peak day 2): the first one
    expect(maxDrawdown(series([100, 80, 120, 96]))).toMatchObject({ peakDay: '2025-01-01', troughDay: '2025-01-02' });
    // 100, 97, 100, 97: two equal dips from the same peak
    expect(maxDrawdown(series([100, 97, 100, 97]))).toMatchObject({ peakDay: '2025-01-01', troughDay: '2025-01-02' });
  });

  it('is 0 with no dates when the index never falls', () => {
    expect(maxDrawdown(series([100, 101, 102]))).toEqual({ value: 0, peakDay: null, troughDay: null });
    expect(maxDrawdown(series([100, 100, 100]))).toEqual({ value: 0, peakDay: null, troughDay: null });
  });

  it('is null in every field with no return day', () => {
    expect(maxDrawdown(series([100]))).toEqual({ value: null, peakDay: null, troughDay: null });
    expect(maxDrawdown([])).toEqual({ value: null, peakDay: null, troughDay: null });
  });

  it('ignores flows: a withdrawal is not a drawdown', () => {
    // 100 → 50 with −50 withdrawn: r = 0
    expect(maxDrawdown(series([100, 50], { flows: { 1: -50 } })).value).toBe(0);
  });

  it('gives a per-day drawdown curve that is 0 at peaks', () => {
    // 100, 80, 110, 99: 0, 0.2, 0 (new peak), 1 − 0.99/1.1 = 0.1
    const m = computeStrategyMetrics({ days: series([100, 80, 110, 99]), fills: [] });
    expect(m.drawdown.map((p) => p.day)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    const values = m.drawdown.map((p) => p.value);
    expect(values[0]).toBe(0);
    expect(values[1]).toBeCloseTo(0.2, 14);
    expect(values[2]).toBe(0);
    expect(values[3]).toBeCloseTo(0.1, 14);
  });

  it('lies in [0, 1] while equity stays positive, and agrees with the curve (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.99, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (r) => {
        const m = computeStrategyMetrics({ days: fromReturns(r), fills: [] });
        const dd = m.periods.all.maxDrawdown;
        expect(dd.value).toBeGreaterThanOrEqual(0);
        expect(dd.value).toBeLessThanOrEqual(1);
        const deepest = Math.max(...m.drawdown.map((p) => p.value));
        expect(dd.value).toBeCloseTo(deepest, 11);
        if (dd.value === 0) expect(dd.peakDay).toBeNull();
        else expect(dd.peakDay! < dd.troughDay!).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { grossLeverage, riskBand, riskScore, volatility } from '../../../src/shared/metrics';
import { fromReturns, series } from './fixtures';

/** `n` returns alternating +a, −a: mean 0 (n even), sample std a·√(n/(n−1)). */
const alternating = (n: number, a: number): number[] => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? a : -a));

describe('risk score', () => {
  it('bands the volatility with each bound in the higher band', () => {
    const bounds = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1];
    expect(riskBand(0)).toBe(1);
    bounds.forEach((bound, i) => {
      expect(riskBand(bound - 1e-9)).toBe(i + 1);
      expect(riskBand(bound)).toBe(i + 2);
    });
    expect(riskBand(3)).toBe(10);
  });

  it('bands the volatility of the daily series', () => {
    // 14 returns of ±0.5 %: std = 0.005 × √(14/13) = 0.0051887; × √365 = 0.09913 → under 10 % → 2
    const days = fromReturns(alternating(14, 0.005));
    expect(volatility(alternating(14, 0.005))).toBeCloseTo(0.005 * Math.sqrt(14 / 13) * Math.sqrt(365), 12);
    expect(riskScore(days)).toBe(2);
    // ±1 %: σ = 0.19826 → under 20 % → 4
    expect(riskScore(fromReturns(alternating(14, 0.01)))).toBe(4);
  });

  it('is null under 14 return days', () => {
    expect(riskScore(fromReturns(alternating(13, 0.01)))).toBeNull();
    expect(riskScore([])).toBeNull();
  });

  it('looks at the last 90 return days only', () => {
    // 10 wild days (±20 %) then 90 calm ones (±0.1 %): σ over the last 90 = 0.001 × √(90/89) × √365 = 0.0192 → 1
    const r = [...alternating(10, 0.2), ...alternating(90, 0.001)];
    expect(riskScore(fromReturns(r))).toBe(1);
    // 10 days of ±25 % then 89 calm: the window holds one −25 % day, σ = 0.5038 → under 60 % → 7
    expect(riskScore(fromReturns([...alternating(10, 0.25), ...alternating(89, 0.001)]))).toBe(7);
  });

  it('adds 1 when the peak gross leverage strictly exceeds 5', () => {
    // E alternates 100 and 101 (σ = 0.19… → 4); exposure 5 × E on a day is exactly 5: no bump
    const equities = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 100 : 101));
    const at5 = equities.map((e) => e * 5);
    expect(riskScore(series(equities, { exposure: at5 }))).toBe(4);
    const over = [...at5];
    over[7] = 101 * 5.01;
    expect(riskScore(series(equities, { exposure: over }))).toBe(5);
  });

  it('leaves the base day’s leverage out', () => {
    // 14 return days, E_0 with 10× leverage: the window starts at day 1
    const leverage = [10, ...Array<number>(14).fill(1)];
    expect(riskScore(fromReturns(alternating(14, 0.005), { leverage }))).toBe(2);
    // 100 return days: day 10 is the base of the 90-day window and does not count either
    const lev100 = Array<number>(101).fill(0);
    lev100[10] = 10;
    expect(riskScore(fromReturns(alternating(100, 0.001), { leverage: lev100 }))).toBe(1);
    lev100[11] = 10;
    expect(riskScore(fromReturns(alternating(100, 0.001), { leverage: lev100 }))).toBe(2);
  });

  it('stops at 10', () => {
    // ±10 %: σ = 0.1 × √(14/13) × √365 ≈ 1.98 → 10, and 6× leverage cannot raise it
    expect(riskScore(fromReturns(alternating(14, 0.1), { leverage: Array<number>(15).fill(6) }))).toBe(10);
  });

  it('takes open positions on equity at or below 0 as unbounded leverage', () => {
    expect(grossLeverage({ day: '2025-01-01', equity: 0, flow: 0, grossExposure: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(grossLeverage({ day: '2025-01-01', equity: -5, flow: 0, grossExposure: 0 })).toBe(0);
    expect(grossLeverage({ day: '2025-01-01', equity: 200, flow: 0, grossExposure: 300 })).toBe(1.5);
  });
});

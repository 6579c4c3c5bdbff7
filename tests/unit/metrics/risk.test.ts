import { describe, expect, it } from 'vitest';
import { calmar, computeStrategyMetrics, sharpe, sortino, volatility } from '../../../src/shared/metrics';
import { fromReturns } from './fixtures';

const SQRT_365 = 19.1049731745428; // √365

// 15 days of +2 % and 15 of −1 %: mean = (0.30 − 0.15) / 30 = 0.005
const MIXED = [...Array<number>(15).fill(0.02), ...Array<number>(15).fill(-0.01)];

describe('volatility', () => {
  it('is the sample standard deviation (n − 1) of the daily returns × √365', () => {
    // r = 0.01, −0.01, 0.02, 0: mean 0.005; Σ(r − mean)² = 0.000025 + 0.000225 + 0.000225 + 0.000025 = 0.0005
    // std = √(0.0005 / 3) = 0.0129099…; × √365 = 0.2466441…
    expect(volatility([0.01, -0.01, 0.02, 0])).toBeCloseTo(0.24664414311581234, 14);
  });

  it('is null under 2 return days', () => {
    expect(volatility([0.05])).toBeNull();
    expect(volatility([])).toBeNull();
  });

  it('is 0 for a constant return (std below 1e-12)', () => {
    expect(volatility([0.001, 0.001, 0.001])).toBe(0);
    expect(volatility([1e-14, -1e-14])).toBe(0); // std ≈ 1.4e-14 < 1e-12
  });
});

describe('Sharpe ratio', () => {
  it('is mean / daily sample std × √365 with a risk-free rate of 0', () => {
    // deviations ±0.015: std = √(30 × 0.000225 / 29) = 0.0152564…; 0.005 / 0.0152564 × √365 = 6.26128…
    expect(sharpe(MIXED)).toBeCloseTo(6.261286106200836, 12);
  });

  it('is null under 30 return days', () => {
    expect(sharpe(MIXED.slice(1))).toBeNull();
  });

  it('is null when the std is 0', () => {
    expect(sharpe(Array<number>(30).fill(0.001))).toBeNull();
  });
});

describe('Sortino ratio', () => {
  it('is mean / downside deviation × √365, the deviation taken over all n days', () => {
    // DD = √(15 × 0.01² / 30) = √0.00005 = 0.0070711; 0.005 / 0.0070711 × √365 = 13.50926…
    expect(sortino(MIXED)).toBeCloseTo(13.50925608610628, 12);
    // all −0.1 %: DD = 0.001, so −0.001 / 0.001 × √365 = −√365
    expect(sortino(Array<number>(30).fill(-0.001))).toBeCloseTo(-SQRT_365, 10);
  });

  it('is null under 30 return days', () => {
    expect(sortino(MIXED.slice(1))).toBeNull();
  });

  it('is null without a losing day (DD = 0)', () => {
    expect(sortino(Array<number>(30).fill(0.001))).toBeNull();
  });
});

describe('Calmar ratio', () => {
  it('is CAGR / maximum drawdown', () => {
    expect(calmar(0.3, 0.15)).toBeCloseTo(2, 15);
    expect(calmar(-0.1, 0.2)).toBeCloseTo(-0.5, 15);
  });

  it('is null when either is null or the drawdown is 0', () => {
    expect(calmar(null, 0.1)).toBeNull();
    expect(calmar(0.1, null)).toBeNull();
    expect(calmar(0.1, 0)).toBeNull();
  });

  it('uses the CAGR and drawdown of the same history', () => {
    // 30 days: +10 % on day 1 then −5 % on day 2, 28 flat: TWR = 1.1 × 0.95 − 1 = 0.045,
    // CAGR = 1.045^(365/30) − 1, drawdown 0.05 from day 1 to day 2
    const all = computeStrategyMetrics({ days: fromReturns([0.1, -0.05, ...Array<number>(28).fill(0)]), fills: [] }).periods.all;
    expect(all.cagr).toBeCloseTo(Math.pow(1.045, 365 / 30) - 1, 12);
    expect(all.maxDrawdown.value).toBeCloseTo(0.05, 14);
    expect(all.calmar).toBeCloseTo((Math.pow(1.045, 365 / 30) - 1) / 0.05, 10);
  });
});

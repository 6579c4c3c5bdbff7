import { describe, expect, it } from 'vitest';
import { computeAll, createBollinger } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { barsFromCloses, expectSeriesNear, randomWalkBars } from './fixtures';

function referenceBollinger(bars: readonly Bar[], period: number, stdDev: number) {
  return bars.map((_, i) => {
    if (i < period - 1) return null;
    const window = bars.slice(i - period + 1, i + 1).map((bar) => bar.close);
    const mean = window.reduce((a, b) => a + b, 0) / period;
    const sigma = Math.sqrt(window.reduce((a, x) => a + (x - mean) ** 2, 0) / period);
    return { middle: mean, upper: mean + stdDev * sigma, lower: mean - stdDev * sigma };
  });
}

describe('Bollinger Bands', () => {
  it('uses the population standard deviation', () => {
    // Closes 2 4 4 4 5 5 7 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, σ = √(32 / 8) = 2
    // (the sample σ would be √(32 / 7) ≈ 2.14); bands 5 ± 2 × 2.
    const values = computeAll(createBollinger({ period: 8, stdDev: 2 }), barsFromCloses([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(values.slice(0, 7)).toEqual(Array(7).fill(null));
    expect(values[7]).toEqual({ middle: 5, upper: 9, lower: 1 });
  });

  it('computes a short series by hand', () => {
    // period 2, 1.5σ: (3, 7) mean 5, σ 2 → 5 ± 3; (7, 7) σ 0 → flat; (7, 13) mean 10, σ 3 → 10 ± 4.5
    expect(computeAll(createBollinger({ period: 2, stdDev: 1.5 }), barsFromCloses([3, 7, 7, 13]))).toEqual([
      null,
      { middle: 5, upper: 8, lower: 2 },
      { middle: 7, upper: 7, lower: 7 },
      { middle: 10, upper: 14.5, lower: 5.5 },
    ]);
  });

  it('matches a two-pass computation over a random walk', () => {
    const bars = randomWalkBars();
    for (const [period, stdDev] of [[20, 2], [5, 0.5], [100, 3]] as const) {
      expectSeriesNear(computeAll(createBollinger({ period, stdDev }), bars), referenceBollinger(bars, period, stdDev));
    }
  });

  it('stays accurate over a long session at high prices', () => {
    const bars = randomWalkBars(20_000, 5, 65_000);
    expectSeriesNear(computeAll(createBollinger({ period: 20, stdDev: 2 }), bars), referenceBollinger(bars, 20, 2));
  });

  it('rejects a negative band width', () => {
    expect(() => createBollinger({ period: 20, stdDev: -1 })).toThrow(RangeError);
  });
});

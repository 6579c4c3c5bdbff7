import { describe, expect, it } from 'vitest';
import { computeAll, createEma } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { barsFromCloses, expectSeriesNear, randomWalkBars } from './fixtures';

function referenceEma(bars: readonly Bar[], period: number): (number | null)[] {
  const closes = bars.map((bar) => bar.close);
  const out: (number | null)[] = closes.map(() => null);
  if (closes.length < period) return out;
  let ema = closes.slice(0, period).reduce((a, b) => a + b, 0) / period;
  out[period - 1] = ema;
  const k = 2 / (period + 1);
  for (let i = period; i < closes.length; i++) {
    ema = closes[i]! * k + ema * (1 - k);
    out[i] = ema;
  }
  return out;
}

describe('EMA', () => {
  it('is seeded with the SMA of the first period closes, then smoothed with alpha 2 / (period + 1)', () => {
    // period 3, alpha = 0.5: seed (2 + 4 + 6) / 3 = 4; 4 + 0.5 × (8 − 4) = 6; 6 + 0.5 × (13 − 6) = 9.5
    expect(computeAll(createEma({ period: 3 }), barsFromCloses([2, 4, 6, 8, 13]))).toEqual([null, null, 4, 6, 9.5]);
  });

  it('matches a direct computation over a random walk', () => {
    const bars = randomWalkBars();
    for (const period of [1, 12, 50, 200]) expectSeriesNear(computeAll(createEma({ period }), bars), referenceEma(bars, period));
  });

  it('returns null throughout when there are fewer bars than the period', () => {
    expect(computeAll(createEma({ period: 10 }), randomWalkBars(9))).toEqual(Array(9).fill(null));
  });
});

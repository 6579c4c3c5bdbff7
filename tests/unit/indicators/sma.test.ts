import { describe, expect, it } from 'vitest';
import { computeAll, createSma } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { barsFromCloses, expectSeriesNear, randomWalkBars } from './fixtures';

function referenceSma(bars: readonly Bar[], period: number): (number | null)[] {
  return bars.map((_, i) => {
    if (i < period - 1) return null;
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += bars[j]!.close;
    return sum / period;
  });
}

describe('SMA', () => {
  it('returns null until the period is filled, then the mean of the last closes', () => {
    // (2 + 4 + 6) / 3 = 4, (4 + 6 + 8) / 3 = 6, (6 + 8 + 13) / 3 = 9
    expect(computeAll(createSma({ period: 3 }), barsFromCloses([2, 4, 6, 8, 13]))).toEqual([null, null, 4, 6, 9]);
  });

  it('with period 1 is the close itself', () => {
    expect(computeAll(createSma({ period: 1 }), barsFromCloses([5, 7.5, 3]))).toEqual([5, 7.5, 3]);
  });

  it('matches a direct window mean over a random walk', () => {
    const bars = randomWalkBars();
    for (const period of [2, 20, 200]) expectSeriesNear(computeAll(createSma({ period }), bars), referenceSma(bars, period));
  });

  it('stays accurate over a long session at high prices', () => {
    const bars = randomWalkBars(20_000, 3, 65_000);
    expectSeriesNear(computeAll(createSma({ period: 50 }), bars), referenceSma(bars, 50));
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => createSma({ period: 0 })).toThrow(RangeError);
    expect(() => createSma({ period: 2.5 })).toThrow(/positive integer/);
  });
});

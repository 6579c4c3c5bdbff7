import { describe, expect, it } from 'vitest';
import { computeAll, createAtr } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { expectSeriesNear, randomWalkBars } from './fixtures';

function referenceAtr(bars: readonly Bar[], period: number): (number | null)[] {
  const ranges = bars.map((bar, i) => {
    const prev = bars[i - 1];
    return prev ? Math.max(bar.high - bar.low, Math.abs(bar.high - prev.close), Math.abs(bar.low - prev.close)) : bar.high - bar.low;
  });
  const out: (number | null)[] = bars.map(() => null);
  let atr = 0;
  for (let i = 0; i < ranges.length; i++) {
    if (i < period) atr += ranges[i]! / period;
    else atr = (atr * (period - 1) + ranges[i]!) / period;
    if (i >= period - 1) out[i] = atr;
  }
  return out;
}

const hlc = (i: number, high: number, low: number, close: number): Bar => ({ time: Date.UTC(2024, 0, 1, i), open: close, high, low, close, volume: 1 });

describe('ATR', () => {
  it('averages true ranges that reach back to the previous close, Wilder’s way', () => {
    const bars = [
      hlc(0, 10, 8, 9), // TR = 10 − 8 = 2 (no previous close)
      hlc(1, 12, 10, 11), // TR = max(2, |12 − 9|, |10 − 9|) = 3
      hlc(2, 10, 9, 9.5), // TR = max(1, |10 − 11|, |9 − 11|) = 2 → ATR (2 + 3 + 2) / 3 = 7/3
      hlc(3, 13.5, 12, 13), // TR = max(1.5, |13.5 − 9.5|, |12 − 9.5|) = 4 → ATR (7/3 × 2 + 4) / 3 = 26/9
    ];
    const values = computeAll(createAtr({ period: 3 }), bars);
    expect(values.slice(0, 2)).toEqual([null, null]);
    expect(values[2]).toBeCloseTo(7 / 3, 12);
    expect(values[3]).toBeCloseTo(26 / 9, 12);
  });

  it('matches a direct computation over a random walk', () => {
    const bars = randomWalkBars();
    for (const period of [1, 14, 100]) expectSeriesNear(computeAll(createAtr({ period }), bars), referenceAtr(bars, period));
  });
});

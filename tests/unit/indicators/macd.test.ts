import { describe, expect, it } from 'vitest';
import { computeAll, createMacd, type MacdValue } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { barsFromCloses, expectSeriesNear, randomWalkBars } from './fixtures';

/** EMA over the values from the first non-null one on, seeded with their SMA. */
function referenceEma(values: readonly (number | null)[], period: number): (number | null)[] {
  const start = values.findIndex((v) => v !== null);
  const out: (number | null)[] = values.map(() => null);
  if (start < 0 || values.length - start < period) return out;
  const k = 2 / (period + 1);
  let ema = (values.slice(start, start + period) as number[]).reduce((a, b) => a + b, 0) / period;
  out[start + period - 1] = ema;
  for (let i = start + period; i < values.length; i++) {
    ema = values[i]! * k + ema * (1 - k);
    out[i] = ema;
  }
  return out;
}

function referenceMacd(bars: readonly Bar[], fast: number, slow: number, signal: number): (MacdValue | null)[] {
  const closes = bars.map((bar) => bar.close);
  const fastEma = referenceEma(closes, fast);
  const slowEma = referenceEma(closes, slow);
  const macd = closes.map((_, i) => (fastEma[i] == null || slowEma[i] == null ? null : fastEma[i]! - slowEma[i]!));
  const signalEma = referenceEma(macd, signal);
  return macd.map((m, i) => {
    if (m === null) return null;
    const s = signalEma[i] ?? null;
    return { macd: m, signal: s, histogram: s === null ? null : m - s };
  });
}

describe('MACD', () => {
  it('gives the MACD line once the slow EMA has warmed up and the signal once it has too', () => {
    // fast 2 (alpha 2/3): 3 (seed (2 + 4) / 2), 5, 7, 11 from bar 1; slow 3 (alpha 1/2): 4, 6, 9.5 from bar 2
    // MACD = 5 − 4 = 1, 7 − 6 = 1, 11 − 9.5 = 1.5; signal 2 (alpha 2/3): seed (1 + 1) / 2 = 1,
    // then 1 + 2/3 × (1.5 − 1) = 4/3; histogram 0, then 1.5 − 4/3 = 1/6.
    const values = computeAll(createMacd({ fast: 2, slow: 3, signal: 2 }), barsFromCloses([2, 4, 6, 8, 13]));
    expect(values.slice(0, 2)).toEqual([null, null]);
    expect(values[2]).toEqual({ macd: 1, signal: null, histogram: null });
    expectSeriesNear(values.slice(3), [
      { macd: 1, signal: 1, histogram: 0 },
      { macd: 1.5, signal: 4 / 3, histogram: 1 / 6 },
    ]);
  });

  it('matches EMAs computed over whole arrays on a random walk', () => {
    const bars = randomWalkBars();
    for (const [fast, slow, signal] of [[12, 26, 9], [5, 35, 5], [1, 2, 1]] as const) {
      expectSeriesNear(computeAll(createMacd({ fast, slow, signal }), bars), referenceMacd(bars, fast, slow, signal));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { computeAll, createVwap } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { expectSeriesNear, randomWalkBars } from './fixtures';

const utcDate = (time: number): string => new Date(time).toISOString().slice(0, 10);
const typical = (bar: Bar): number => (bar.high + bar.low + bar.close) / 3;

function referenceVwap(bars: readonly Bar[]): number[] {
  return bars.map((bar, i) => {
    let priceVolume = 0;
    let volume = 0;
    for (let j = i; j >= 0 && utcDate(bars[j]!.time) === utcDate(bar.time); j--) {
      priceVolume += typical(bars[j]!) * bars[j]!.volume;
      volume += bars[j]!.volume;
    }
    return volume > 0 ? priceVolume / volume : typical(bar);
  });
}

const at = (iso: string, high: number, low: number, close: number, volume: number): Bar => ({ time: Date.parse(iso), open: close, high, low, close, volume });

describe('VWAP', () => {
  it('weights the typical price by volume and restarts at 00:00:00.000 UTC', () => {
    const bars = [
      at('2024-03-09T23:00:00.000Z', 12, 8, 10, 100), // tp 10 → 10
      at('2024-03-09T23:30:00.000Z', 15, 11, 13, 200), // tp 13 → (10 × 100 + 13 × 200) / 300 = 12
      at('2024-03-09T23:59:59.999Z', 14, 14, 14, 0), // still the 9th, no volume → 12
      at('2024-03-10T00:00:00.000Z', 21, 19, 20, 0), // new day, no volume yet → its tp 20
      at('2024-03-10T00:15:00.000Z', 23, 21, 22, 0), // still none → tp 22
      at('2024-03-10T00:30:00.000Z', 19, 17, 18, 50), // tp 18 → 18
      at('2024-03-10T00:45:00.000Z', 24, 20, 22, 150), // tp 22 → (18 × 50 + 22 × 150) / 200 = 21
    ];
    expect(computeAll(createVwap(), bars)).toEqual([10, 12, 12, 20, 22, 18, 21]);
  });

  it('starts a new day even when the first bar of the day has the same prices', () => {
    const bars = [at('2024-03-09T12:00:00.000Z', 12, 6, 9, 100), at('2024-03-10T00:00:00.000Z', 12, 6, 9, 100), at('2024-03-10T01:00:00.000Z', 15, 15, 15, 100)];
    // Day 2: (9 × 100 + 15 × 100) / 200 = 12, where carrying day 1 would give (900 × 2 + 1500) / 300 = 11.
    expect(computeAll(createVwap(), bars)).toEqual([9, 9, 12]);
  });

  it('matches a per-day cumulative sum over a random walk crossing several midnights', () => {
    const bars = randomWalkBars();
    expect(new Set(bars.map((bar) => utcDate(bar.time))).size).toBeGreaterThan(4);
    expectSeriesNear(computeAll(createVwap(), bars), referenceVwap(bars));
  });
});

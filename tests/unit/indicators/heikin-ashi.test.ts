import { describe, expect, it } from 'vitest';
import { computeAll, createHeikinAshi, heikinAshi } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { expectSeriesNear, randomWalkBars } from './fixtures';

function referenceHeikinAshi(bars: readonly Bar[]): Bar[] {
  const out: Bar[] = [];
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const prev = out[i - 1];
    const close = (bar.open + bar.high + bar.low + bar.close) / 4;
    const open = prev === undefined ? (bar.open + bar.close) / 2 : (prev.open + prev.close) / 2;
    out.push({ time: bar.time, open, high: Math.max(bar.high, open, close), low: Math.min(bar.low, open, close), close, volume: bar.volume });
  }
  return out;
}

const ohlc = (i: number, open: number, high: number, low: number, close: number): Bar => ({ time: Date.UTC(2024, 0, 1, i), open, high, low, close, volume: 10 + i });

describe('Heikin-Ashi', () => {
  const bars = [ohlc(0, 10, 12, 9, 11), ohlc(1, 11, 13, 10, 12), ohlc(2, 8, 9, 7, 8.5)];

  it('opens the first bar at (open + close) / 2 and later bars at the previous body midpoint', () => {
    expect(heikinAshi(bars)).toEqual([
      // close (10 + 12 + 9 + 11) / 4 = 10.5, open (10 + 11) / 2 = 10.5
      { time: bars[0]!.time, open: 10.5, high: 12, low: 9, close: 10.5, volume: 10 },
      // close 46 / 4 = 11.5, open (10.5 + 10.5) / 2 = 10.5
      { time: bars[1]!.time, open: 10.5, high: 13, low: 10, close: 11.5, volume: 11 },
      // close 32.5 / 4 = 8.125, open (10.5 + 11.5) / 2 = 11, above the real high 9, so high = 11
      { time: bars[2]!.time, open: 11, high: 11, low: 7, close: 8.125, volume: 12 },
    ]);
  });

  it('gives the same bars batch and incrementally', () => {
    const walk = randomWalkBars();
    expect(computeAll(createHeikinAshi(), walk)).toEqual(heikinAshi(walk));
  });

  it('matches a direct computation over a random walk', () => {
    const walk = randomWalkBars();
    expectSeriesNear(heikinAshi(walk), referenceHeikinAshi(walk));
  });

  it('is never null and leaves the input bars untouched', () => {
    const copy = structuredClone(bars);
    expect(computeAll(createHeikinAshi(), bars).every((bar) => bar !== null)).toBe(true);
    expect(bars).toEqual(copy);
  });
});

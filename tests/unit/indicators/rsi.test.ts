import { describe, expect, it } from 'vitest';
import { computeAll, createRsi } from '../../../src/shared/indicators';
import type { Bar } from '../../../src/shared/market/bar';
import { barsFromCloses, expectSeriesNear, randomWalkBars } from './fixtures';

function referenceRsi(bars: readonly Bar[], period: number): (number | null)[] {
  const out: (number | null)[] = bars.map(() => null);
  let avgGain = 0;
  let avgLoss = 0;
  for (let i = 1; i < bars.length; i++) {
    const change = bars[i]!.close - bars[i - 1]!.close;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    if (i <= period) {
      avgGain += gain / period;
      avgLoss += loss / period;
      if (i < period) continue;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    out[i] = avgLoss === 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}

// StockCharts ChartSchool's RSI(14) worksheet (cs-rsi.xls): its closes, which carry four decimals
// (the article's table shows them rounded to two), and its RSI column, rounded to two decimals.
const STOCKCHARTS_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028,
  46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205,
  42.6628, 43.1314,
];
const STOCKCHARTS_RSI = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3, 33.08, 37.77,
];

describe('RSI', () => {
  it('reproduces the StockCharts RSI(14) worksheet', () => {
    const values = computeAll(createRsi({ period: 14 }), barsFromCloses(STOCKCHARTS_CLOSES));
    expect(values.slice(0, 14)).toEqual(Array(14).fill(null));
    values.slice(14).forEach((value, i) => expect(value).toBeCloseTo(STOCKCHARTS_RSI[i]!, 2));
  });

  it('averages the first period changes simply, then smooths them Wilder’s way', () => {
    // period 2, closes 10 11 10.5 12 12 → changes +1 −0.5 +1.5 0
    // bar 2: gain (1 + 0) / 2 = 0.5, loss (0 + 0.5) / 2 = 0.25, RS 2 → 100 − 100 / 3 = 66.67
    // bar 3: gain (0.5 + 1.5) / 2 = 1, loss (0.25 + 0) / 2 = 0.125, RS 8 → 100 − 100 / 9 = 88.89
    // bar 4: gain (1 + 0) / 2 = 0.5, loss (0.125 + 0) / 2 = 0.0625, RS 8 → 88.89
    const values = computeAll(createRsi({ period: 2 }), barsFromCloses([10, 11, 10.5, 12, 12]));
    expect(values.slice(0, 2)).toEqual([null, null]);
    expect(values[2]).toBeCloseTo(200 / 3, 12);
    expect(values[3]).toBeCloseTo(800 / 9, 12);
    expect(values[4]).toBeCloseTo(800 / 9, 12);
  });

  it('is 100 when the average loss is 0 and 0 when the average gain is', () => {
    expect(computeAll(createRsi({ period: 2 }), barsFromCloses([1, 2, 3, 3]))).toEqual([null, null, 100, 100]);
    expect(computeAll(createRsi({ period: 2 }), barsFromCloses([5, 5, 5]))).toEqual([null, null, 100]);
    expect(computeAll(createRsi({ period: 2 }), barsFromCloses([4, 3, 2]))).toEqual([null, null, 0]);
  });

  it('matches a direct computation over a random walk', () => {
    const bars = randomWalkBars();
    for (const period of [1, 14, 100]) expectSeriesNear(computeAll(createRsi({ period }), bars), referenceRsi(bars, period));
  });
});

import { describe, expect, it } from 'vitest';
import { periodSpark, strategyFigures, thin } from '../../../src/hub/leaderboard/strategy-figures';
import { seriesLastDay, streamInputs } from '../../../src/shared/social/stream-inputs';
import type { EventBody } from '../../../src/shared/social/strategy-event';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

describe('leaderboard figures of a stream', () => {
  it('split bodies into marks, flows and fills as the metrics take them', () => {
    const bodies: EventBody[] = [
      { type: 'flow', time: 1, amount: 100 },
      { type: 'mark', time: 2, equity: 100, grossExposure: 5 },
      { type: 'fill', fillId: 'f', symbol: 'X', assetClass: 'crypto', side: 'buy', qty: 1, price: 2, fee: 0.1, fxRate: 1, lotStep: 0.01, time: 3, positionQty: 1, equity: 99.9 },
    ];
    expect(streamInputs(bodies)).toEqual({
      marks: [{ time: 2, equity: 100, grossExposure: 5 }],
      flows: [{ time: 1, amount: 100 }],
      fills: [{ symbol: 'X', side: 'buy', qty: 1, price: 2, fee: 0.1, fxRate: 1, time: 3, lotStep: 0.01 }],
    });
  });

  it('run the daily series to today, or to a later mark', () => {
    expect(seriesLastDay([{ time: T0, equity: 1, grossExposure: 0 }], T0 + 3 * DAY + 5)).toBe('2026-01-04');
    expect(seriesLastDay([{ time: T0 + 5 * DAY, equity: 1, grossExposure: 0 }], T0)).toBe('2026-01-06');
  });

  it('are not eligible without 30 return days and 10 closed trips, and have no spark without equity', () => {
    expect(strategyFigures([], T0)).toMatchObject({ eligible: false, trackRecordDays: 0, riskScore: null });
    expect(strategyFigures([], T0).periods.map((p) => p.spark)).toEqual([[], [], [], [], []]);
    const marks: EventBody[] = Array.from({ length: 40 }, (_, d) => ({ type: 'mark', time: T0 + d * DAY, equity: 100 + d, grossExposure: 0 }));
    expect(strategyFigures(marks, T0 + 39 * DAY)).toMatchObject({ eligible: false, trackRecordDays: 39 });
  });

  it('draw the sparkline of a period re-based to 1 at its base day', () => {
    const index = Array.from({ length: 101 }, (_, k) => ({ day: `d${k}`, value: 1 + k / 100 }));
    const spark = periodSpark({ index, returnDays: 100 }, '1M');
    expect(spark.length).toBe(31);
    expect(spark[0]).toBe(1);
    expect(spark.at(-1)).toBeCloseTo(2 / 1.7, 12);
    expect(periodSpark({ index, returnDays: 100 }, 'all').length).toBe(60);
  });

  it('thin a series to evenly spaced points, keeping the first and the last', () => {
    expect(thin([1, 2, 3], 60)).toEqual([1, 2, 3]);
    const long = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(long, 60);
    expect(t.length).toBe(60);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(999);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
  });
});

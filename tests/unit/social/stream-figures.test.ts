import { describe, expect, it } from 'vitest';
import { computeStrategyMetrics, dailySeries, DAY_MS, roundTrips } from '../../../src/shared/metrics';
import type { EventBody, FillBody } from '../../../src/shared/social/strategy-event';
import { recentTrades, streamFigures } from '../../../src/core/social/stream-figures';
import { metricFill, seriesLastDay, streamInputs } from '../../../src/shared/social/stream-inputs';

const T0 = Date.UTC(2025, 0, 1, 12);
const fill = (over: Partial<FillBody>): FillBody => ({
  type: 'fill',
  fillId: 'f1',
  symbol: 'BTC/USDT',
  assetClass: 'crypto',
  side: 'buy',
  qty: 1,
  price: 100,
  fee: 0.1,
  fxRate: 1,
  lotStep: 0.001,
  time: T0,
  positionQty: 1,
  equity: 1000,
  ...over,
});

describe('stream events as metrics inputs', () => {
  it('maps a fill body to the metrics fill with its lot step and FX rate, dropping what only readers check', () => {
    expect(metricFill(fill({ side: 'sell', qty: 0.5, price: 101.5, fee: -0.02, fxRate: 0.9, lotStep: 0.01, time: T0 + 5 }))).toEqual({
      symbol: 'BTC/USDT',
      side: 'sell',
      qty: 0.5,
      price: 101.5,
      fee: -0.02,
      fxRate: 0.9,
      time: T0 + 5,
      lotStep: 0.01,
    });
  });

  it('splits bodies into fills, marks and flows, keeping stream order', () => {
    const bodies: EventBody[] = [
      { type: 'mark', time: T0, equity: 1000, grossExposure: 0 },
      fill({ fillId: 'a', time: T0 + 1 }),
      { type: 'flow', time: T0 + 2, amount: 500 },
      fill({ fillId: 'b', side: 'sell', time: T0 + 3, positionQty: 0 }),
      { type: 'mark', time: T0 + 4, equity: 1500, grossExposure: 10 },
    ];
    const inputs = streamInputs(bodies);
    expect(inputs.fills.map((f) => f.time)).toEqual([T0 + 1, T0 + 3]);
    expect(inputs.marks).toEqual([
      { time: T0, equity: 1000, grossExposure: 0 },
      { time: T0 + 4, equity: 1500, grossExposure: 10 },
    ]);
    expect(inputs.flows).toEqual([{ time: T0 + 2, amount: 500 }]);
  });

  it('runs the daily series to today, or to the last mark when that is later', () => {
    const marks = [{ time: T0, equity: 1, grossExposure: 0 }];
    expect(seriesLastDay(marks, T0 + 3 * DAY_MS)).toBe('2025-01-04');
    expect(seriesLastDay([...marks, { time: T0 + 2 * DAY_MS, equity: 1, grossExposure: 0 }], T0)).toBe('2025-01-03');
  });

  it('computes exactly what the shared metrics compute from the same events', () => {
    const bodies: EventBody[] = [{ type: 'mark', time: T0, equity: 1000, grossExposure: 0 }];
    for (let d = 1; d <= 40; d++) {
      bodies.push(fill({ fillId: `o${d}`, time: T0 + d * DAY_MS, price: 100 + d, positionQty: 1 }));
      bodies.push(fill({ fillId: `c${d}`, side: 'sell', time: T0 + d * DAY_MS + 60_000, price: 100 + d + (d % 3 === 0 ? -1 : 2), positionQty: 0 }));
      bodies.push({ type: 'mark', time: T0 + d * DAY_MS + 120_000, equity: 1000 + d * 3, grossExposure: 0 });
    }
    const now = T0 + 41 * DAY_MS;
    const { metrics, recentTrades: trades } = streamFigures(streamInputs(bodies), now);
    const inputs = streamInputs(bodies);
    expect(metrics).toEqual(computeStrategyMetrics({ days: dailySeries(inputs.marks, inputs.flows, '2025-02-11'), fills: inputs.fills }));
    expect(metrics.closedTrips).toBe(40);
    expect(trades).toHaveLength(40);
    expect(trades[0]!.closedAt).toBe(T0 + 40 * DAY_MS + 60_000);
  });
});

describe('recent trades', () => {
  it('lists open trips first (latest opened first), then the last 100 closed, latest closed first', () => {
    const fills = [];
    for (let i = 0; i < 120; i++) {
      fills.push(metricFill(fill({ time: T0 + i * 1000, side: 'buy' })), metricFill(fill({ time: T0 + i * 1000 + 500, side: 'sell' })));
    }
    fills.push(metricFill(fill({ symbol: 'ETH/USDT', time: T0 + 200_000 })), metricFill(fill({ symbol: 'SOL/USDT', time: T0 + 300_000, side: 'sell' })));
    const trips = recentTrades(roundTrips(fills));
    expect(trips).toHaveLength(102);
    expect(trips.slice(0, 2).map((t) => [t.symbol, t.side, t.closedAt])).toEqual([
      ['SOL/USDT', 'short', null],
      ['ETH/USDT', 'long', null],
    ]);
    expect(trips[2]!.closedAt).toBe(T0 + 119_500);
    expect(trips[101]!.closedAt).toBe(T0 + 20_500);
    expect(Object.keys(trips[2]!).sort()).toEqual(['closedAt', 'closes', 'entryPrice', 'exitPrice', 'fees', 'maxQty', 'openedAt', 'pnl', 'side', 'symbol']);
  });
});

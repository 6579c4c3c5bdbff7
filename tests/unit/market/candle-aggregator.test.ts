import { describe, expect, it } from 'vitest';
import { createCandleAggregator } from '../../../src/core/market/candle-aggregator';
import type { Bar } from '../../../src/shared/market/bar';
import type { Timeframe } from '../../../src/shared/market/timeframes';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

function collector() {
  const closed: Array<{ tf: Timeframe; bar: Bar }> = [];
  const agg = createCandleAggregator({ onBarClosed: (_s, tf, bar) => closed.push({ tf, bar }) });
  return { agg, closed };
}

describe('candle aggregator', () => {
  it('builds OHLCV from trades inside one bar', () => {
    const { agg } = collector();
    agg.addTrade('X', T0 + 1_000, 100, 1);
    agg.addTrade('X', T0 + 2_000, 105, 2);
    agg.addTrade('X', T0 + 3_000, 98, 3);
    agg.addTrade('X', T0 + 4_000, 101, 4);
    expect(agg.forming('X', '1m')).toEqual({ time: T0, open: 100, high: 105, low: 98, close: 101, volume: 10 });
    expect(agg.forming('X', '1D')).toEqual({ time: T0, open: 100, high: 105, low: 98, close: 101, volume: 10 });
    expect(agg.forming('X', '1s')).toEqual({ time: T0 + 4_000, open: 101, high: 101, low: 101, close: 101, volume: 4 });
  });

  it('aligns every timeframe to UTC and closes a bar when the next one starts', () => {
    const { agg, closed } = collector();
    agg.addTrade('X', T0 + 4 * 3_600_000 - 1, 10, 1); // 03:59:59.999
    agg.addTrade('X', T0 + 4 * 3_600_000, 11, 1); // 04:00:00.000 starts new 1s, 1m, 5m, 15m, 1h and 4h bars
    expect(closed.map((c) => c.tf)).toEqual(['1s', '1m', '5m', '15m', '1h', '4h']);
    expect(closed.find((c) => c.tf === '4h')?.bar).toEqual({ time: T0, open: 10, high: 10, low: 10, close: 10, volume: 1 });
    expect(agg.forming('X', '4h')?.time).toBe(T0 + 4 * 3_600_000);
    expect(agg.forming('X', '1D')).toMatchObject({ time: T0, open: 10, close: 11, volume: 2 });
  });

  it('keeps symbols apart', () => {
    const { agg } = collector();
    agg.addTrade('A', T0, 1, 1);
    agg.addTrade('B', T0, 2, 1);
    expect(agg.forming('A', '1m')?.close).toBe(1);
    expect(agg.forming('B', '1m')?.close).toBe(2);
    expect(agg.forming('C', '1m')).toBeUndefined();
  });

  it('does not rewrite a closed bar with a late trade, and counts it', () => {
    const { agg } = collector();
    agg.addTrade('X', T0 + 61_000, 100, 1);
    agg.addTrade('X', T0 + 1_000, 50, 1); // belongs to the 1m bar before: too late for it
    expect(agg.forming('X', '1m')).toMatchObject({ time: T0 + 60_000, low: 100 });
    expect(agg.forming('X', '1h')).toMatchObject({ low: 50, volume: 2 });
    expect(agg.lateTrades).toBe(2); // 1s and 1m
  });

  it('continues a bar seeded from history', () => {
    const { agg } = collector();
    agg.seed('X', '1D', { time: T0, open: 90, high: 120, low: 80, close: 100, volume: 1000 });
    agg.addTrade('X', T0 + 3_600_000, 125, 5);
    expect(agg.forming('X', '1D')).toEqual({ time: T0, open: 90, high: 125, low: 80, close: 125, volume: 1005 });
  });
});

import { describe, expect, it } from 'vitest';
import { barColumnsSchema } from '../../../src/shared/contract/market';
import { barsOf, fromBarColumns, toBarColumns } from '../../../src/shared/market/bar-columns';

const bars = [
  { time: 60_000, open: 10, high: 12, low: 9.5, close: 11, volume: 3 },
  { time: 120_000, open: 11, high: 11.5, low: 10, close: 10.25, volume: 0 },
];

describe('bar columns', () => {
  it('holds one array per field, bar i at index i', () => {
    expect(toBarColumns(bars)).toEqual({ time: [60_000, 120_000], open: [10, 11], high: [12, 11.5], low: [9.5, 10], close: [11, 10.25], volume: [3, 0] });
  });

  it('turns back into the same bars, and so does either format of market.bars', () => {
    expect(fromBarColumns(toBarColumns(bars))).toEqual(bars);
    expect(barsOf(toBarColumns(bars))).toEqual(bars);
    expect(barsOf(bars)).toEqual(bars);
    expect(barsOf(toBarColumns([]))).toEqual([]);
  });

  it('is refused by the contract when its columns differ in length', () => {
    expect(barColumnsSchema.safeParse(toBarColumns(bars)).success).toBe(true);
    expect(barColumnsSchema.safeParse({ ...toBarColumns(bars), volume: [3] }).success).toBe(false);
  });
});

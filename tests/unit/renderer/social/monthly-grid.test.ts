import { describe, expect, it } from 'vitest';
import { cellIntensity, monthlyGrid } from '../../../../src/renderer/src/features/strategy/monthly-grid';

describe('monthly returns table', () => {
  it('lays months out as years × months, newest year first, with gaps where a month has no return day', () => {
    const grid = monthlyGrid([
      { month: '2024-11', return: 0.1, days: 12 },
      { month: '2024-12', return: -0.05, days: 31 },
      { month: '2025-01', return: 0.02, days: 31 },
      { month: '2025-03', return: 0.01, days: 20 },
    ]);
    expect(grid.map((y) => y.year)).toEqual([2025, 2024]);
    const [y2025, y2024] = grid;
    expect(y2025!.months.map((m) => m?.value ?? null)).toEqual([0.02, null, 0.01, null, null, null, null, null, null, null, null, null]);
    expect(y2024!.months[10]).toEqual({ value: 0.1, days: 12 });
    expect(y2024!.months.slice(0, 10).every((m) => m === null)).toBe(true);
  });

  it('compounds the months of a year into its total', () => {
    const [y] = monthlyGrid([
      { month: '2024-01', return: 0.1, days: 31 },
      { month: '2024-02', return: -0.1, days: 29 },
    ]);
    expect(y!.total).toBeCloseTo(1.1 * 0.9 - 1, 12); // −1 %, not 0
  });

  it('ignores malformed months and has no rows without data', () => {
    expect(monthlyGrid([])).toEqual([]);
    expect(monthlyGrid([{ month: '2024-13', return: 0.1, days: 1 }, { month: 'x', return: 0.1, days: 1 }])).toEqual([]);
  });

  it('tints cells by size up to a full 10 % month', () => {
    expect(cellIntensity(0)).toBe(0);
    expect(cellIntensity(0.05)).toBeCloseTo(0.5);
    expect(cellIntensity(-0.05)).toBeCloseTo(0.5);
    expect(cellIntensity(0.4)).toBe(1);
    expect(cellIntensity(Number.NaN)).toBe(0);
  });
});

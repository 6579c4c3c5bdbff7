import { describe, expect, it } from 'vitest';
import { dailySeries, type EquityMark } from '../../../src/shared/metrics';
import { at } from './fixtures';

const mark = (day: string, hours: number, equity: number, grossExposure = 0): EquityMark => ({ time: at(day, hours), equity, grossExposure });

describe('daily series', () => {
  it('takes the last mark of each day and carries it over days without one', () => {
    const days = dailySeries([mark('2025-01-01', 8, 1000, 500), mark('2025-01-01', 20, 1010, 700), mark('2025-01-03', 12, 990, 0)], []);
    expect(days).toEqual([
      { day: '2025-01-01', equity: 1010, flow: 0, grossExposure: 700 },
      { day: '2025-01-02', equity: 1010, flow: 0, grossExposure: 700 },
      { day: '2025-01-03', equity: 990, flow: 0, grossExposure: 0 },
    ]);
  });

  it('puts a mark or flow stamped exactly 00:00:00.000 in the day that starts then', () => {
    const days = dailySeries([mark('2025-01-01', 12, 1000), mark('2025-01-02', 0, 1020)], [{ time: at('2025-01-02'), amount: 20 }]);
    expect(days.map((d) => [d.day, d.equity, d.flow])).toEqual([
      ['2025-01-01', 1000, 0],
      ['2025-01-02', 1020, 20],
    ]);
  });

  it('sums the flows stamped inside each day, deposits and withdrawals', () => {
    const flows = [
      { time: at('2025-01-02', 10), amount: 100 },
      { time: at('2025-01-02') + 86_399_999, amount: -30 }, // 23:59:59.999 still day 2
      { time: at('2025-01-03'), amount: -50 },
    ];
    const days = dailySeries([mark('2025-01-01', 1, 1000), mark('2025-01-03', 1, 1020)], flows);
    expect(days.map((d) => d.flow)).toEqual([0, 70, -50]);
  });

  it('extends to lastDay by carrying equity forward and ignores what comes after it', () => {
    const days = dailySeries([mark('2025-01-01', 1, 1000, 10), mark('2025-01-05', 1, 2000)], [{ time: at('2025-01-04', 1), amount: 5 }], '2025-01-03');
    expect(days.map((d) => [d.day, d.equity, d.flow, d.grossExposure])).toEqual([
      ['2025-01-01', 1000, 0, 10],
      ['2025-01-02', 1000, 0, 10],
      ['2025-01-03', 1000, 0, 10],
    ]);
    expect(dailySeries([mark('2025-01-01', 1, 1000)], [], '2025-01-04')).toHaveLength(4);
  });

  it('drops the days before the first funded one', () => {
    const days = dailySeries([mark('2025-01-01', 1, 0), mark('2025-01-02', 1, 0), mark('2025-01-03', 9, 500)], [{ time: at('2025-01-03', 8), amount: 500 }]);
    expect(days).toEqual([{ day: '2025-01-03', equity: 500, flow: 500, grossExposure: 0 }]);
  });

  it('orders marks by time, ties in the order they were recorded', () => {
    const days = dailySeries([mark('2025-01-02', 5, 1100), mark('2025-01-01', 5, 1000), mark('2025-01-02', 5, 1200)], []);
    expect(days.map((d) => d.equity)).toEqual([1000, 1200]);
  });

  it('is empty without marks', () => {
    expect(dailySeries([], [{ time: 0, amount: 1 }])).toEqual([]);
  });
});

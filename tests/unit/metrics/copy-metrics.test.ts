import { describe, expect, it } from 'vitest';
import { copyDivergence, latencyPercentiles, slippageBps } from '../../../src/shared/metrics';
import { series } from './fixtures';

describe('copy divergence', () => {
  // Follower: allocation 1000 on 01-30 (base); 01-31 1100 (+10 %); 02-01 1710 after 500 more
  // allocated: (1710 − 1100 − 500) / 1100 = +10 %. TWR = 1.1² − 1 = 0.21.
  const follower = series([1000, 1100, 1710], { first: '2025-01-30', flows: { 0: 1000, 2: 500 } });
  // Leader: +20 % on 01-29 (before the follow), then +5 % on 01-31 and +10 % on 02-01.
  // Re-based to 01-30: TWR = 1.05 × 1.1 − 1 = 0.155.
  const leader = series([50, 60, 100, 105, 115.5], { first: '2025-01-28' });

  it('subtracts the leader’s TWR over the follower’s return days from the follower’s copy TWR', () => {
    const d = copyDivergence(follower, leader);
    expect(d.sinceStart).toBeCloseTo(0.055, 12); // 0.21 − 0.155
  });

  it('compares each calendar month’s returns', () => {
    const d = copyDivergence(follower, leader);
    expect(d.monthly.map((m) => m.month)).toEqual(['2025-01', '2025-02']);
    // January: 0.10 − 0.05; February: 0.10 − 0.10
    expect(d.monthly[0]!.follower).toBeCloseTo(0.1, 12);
    expect(d.monthly[0]!.leader).toBeCloseTo(0.05, 12);
    expect(d.monthly[0]!.divergence).toBeCloseTo(0.05, 12);
    expect(d.monthly[1]!.divergence).toBeCloseTo(0, 12);
  });

  it('is negative when the follower did worse', () => {
    expect(copyDivergence(series([100, 95]), series([100, 100])).sinceStart).toBeCloseTo(-0.05, 14);
  });

  it('counts a follower day missing from the leader’s series as a zero leader return', () => {
    // the leader's series stops at 01-31: 02-01 adds nothing to its TWR
    expect(copyDivergence(follower, leader.slice(0, 4)).sinceStart).toBeCloseTo(0.21 - 0.05, 12);
  });

  it('is null without a follower return day', () => {
    expect(copyDivergence(series([1000]), leader)).toEqual({ sinceStart: null, monthly: [] });
    expect(copyDivergence([], leader)).toEqual({ sinceStart: null, monthly: [] });
  });
});

describe('copy latency', () => {
  const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

  it('takes p50 and p99 by nearest rank', () => {
    // 20 samples: p50 = the ⌈0.5 × 20⌉ = 10th, p99 = the ⌈0.99 × 20⌉ = 20th
    expect(latencyPercentiles(oneTo(20).reverse())).toEqual({ p50: 10, p99: 20, negative: 0 });
    // 200 samples: the 100th and the 198th
    expect(latencyPercentiles(oneTo(200))).toEqual({ p50: 100, p99: 198, negative: 0 });
  });

  it('is null under 20 orders, still counting negatives', () => {
    expect(latencyPercentiles([...oneTo(18), -1])).toEqual({ p50: null, p99: null, negative: 1 });
  });

  it('keeps negative samples (clock skew) in the percentiles and counts them', () => {
    // sorted −5, −3, 1..18: the 10th is 8, the 20th is 18
    expect(latencyPercentiles([...oneTo(18), -5, -3])).toEqual({ p50: 8, p99: 18, negative: 2 });
  });
});

describe('slippage', () => {
  it('is positive when a buy fills above the leader', () => {
    // VWAP (100.1 + 100.3) / 2 = 100.2: 0.2 / 100 × 10,000 = +20 bps
    expect(slippageBps('buy', 100, [{ qty: 1, price: 100.1 }, { qty: 1, price: 100.3 }])).toBeCloseTo(20, 9);
    // VWAP (3 × 99.9 + 1 × 100.3) / 4 = 100.0: 0 bps
    expect(slippageBps('buy', 100, [{ qty: 3, price: 99.9 }, { qty: 1, price: 100.3 }])).toBeCloseTo(0, 9);
  });

  it('is positive when a sell fills below the leader', () => {
    // (99.9 − 100) / 100 × −1 × 10,000 = +10 bps, worse for the follower
    expect(slippageBps('sell', 100, [{ qty: 2, price: 99.9 }])).toBeCloseTo(10, 9);
    // better than the leader: −5 bps
    expect(slippageBps('sell', 100, [{ qty: 1, price: 100.05 }])).toBeCloseTo(-5, 9);
    expect(slippageBps('buy', 100, [{ qty: 1, price: 99.95 }])).toBeCloseTo(-5, 9);
  });

  it('refuses a copy order with nothing filled', () => {
    expect(() => slippageBps('buy', 100, [])).toThrow(RangeError);
    expect(() => slippageBps('buy', 0, [{ qty: 1, price: 1 }])).toThrow(RangeError);
  });
});

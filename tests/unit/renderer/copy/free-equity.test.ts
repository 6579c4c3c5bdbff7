import { describe, expect, it } from 'vitest';
import { freeEquity } from '../../../../src/renderer/src/features/copy/free-equity';

const follow = (followId: string, accountId: string, allocation: number, state: 'active' | 'paused' | 'stopped' = 'active') => ({ followId, accountId, allocation, state });

describe('free equity of an account', () => {
  const account = { id: 'paper-1', equity: 100_000 };

  it('is the equity less the allocations of the account’s follows that have not stopped', () => {
    const follows = [follow('f_a', 'paper-1', 10_000), follow('f_b', 'paper-1', 5_000, 'paused'), follow('f_c', 'paper-1', 40_000, 'stopped'), follow('f_d', 'live-1', 20_000)];
    expect(freeEquity(account, follows)).toEqual({ equity: 100_000, allocated: 15_000, free: 85_000 });
  });

  it('leaves out the follow being edited, whose allocation is being replaced', () => {
    expect(freeEquity(account, [follow('f_a', 'paper-1', 10_000), follow('f_b', 'paper-1', 5_000)], 'f_a').free).toBe(95_000);
  });

  it('is never below zero when losses leave less equity than was allocated', () => {
    expect(freeEquity({ id: 'paper-1', equity: 8_000 }, [follow('f_a', 'paper-1', 10_000)])).toEqual({ equity: 8_000, allocated: 10_000, free: 0 });
  });
});

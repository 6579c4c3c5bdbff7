import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/server/rate-limiter';

describe('rate limiter', () => {
  it('allows a burst up to capacity, then refuses until tokens refill', () => {
    const limiter = createRateLimiter(3, 2, 0);
    expect([limiter.take(0), limiter.take(0), limiter.take(0), limiter.take(0)]).toEqual([true, true, true, false]);
    expect(limiter.take(499)).toBe(false);
    expect(limiter.take(500)).toBe(true);
  });

  it('never refills beyond capacity', () => {
    const limiter = createRateLimiter(2, 100, 0);
    expect([limiter.take(60_000), limiter.take(60_000), limiter.take(60_000)]).toEqual([true, true, false]);
  });
});

describe('rate limiter with weighted takes', () => {
  it('charges a batch as many tokens as it has calls, or none when it cannot pay', () => {
    const limiter = createRateLimiter(10, 1, 0);
    expect(limiter.take(0, 8)).toBe(true);
    expect(limiter.take(0, 3)).toBe(false);
    expect(limiter.take(0, 2)).toBe(true);
    expect(limiter.take(0)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createKeyedLimiter, createTokenBucket, perMinute } from '../../../src/hub/limits/token-bucket';

describe('token bucket', () => {
  it('allows a burst, then refills at its rate', () => {
    const b = createTokenBucket({ capacity: 3, perSecond: 2 }, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.waitMs(0)).toBe(500);
    expect(b.take(499)).toBe(false);
    expect(b.take(500)).toBe(true);
    expect(b.take(500)).toBe(false);
  });

  it('takes a batch whole or not at all', () => {
    const b = createTokenBucket({ capacity: 5, perSecond: 1 }, 0);
    expect(b.take(0, 4)).toBe(true);
    expect(b.take(0, 2)).toBe(false);
    expect(b.take(0, 1)).toBe(true);
    expect(b.waitMs(0, 10)).toBe(Number.POSITIVE_INFINITY);
  });

  it('never holds more than its capacity, and a clock stepping back refills nothing', () => {
    const b = createTokenBucket({ capacity: 2, perSecond: 100 }, 0);
    expect(b.isFull(1_000_000)).toBe(true);
    expect([b.take(1_000_000), b.take(1_000_000), b.take(1_000_000)]).toEqual([true, true, false]);
    expect(b.take(0)).toBe(false);
  });

  it('spreads a per-minute allowance over the minute', () => {
    const b = createTokenBucket(perMinute(60), 0);
    for (let i = 0; i < 60; i++) expect(b.take(0)).toBe(true);
    expect(b.take(0)).toBe(false);
    expect(b.waitMs(0)).toBe(1000);
  });
});

describe('keyed limiter', () => {
  it('keeps one bucket per key and forgets full ones when swept', () => {
    const l = createKeyedLimiter({ capacity: 2, perSecond: 1 });
    expect([l.take('a', 0), l.take('a', 0), l.take('a', 0)]).toEqual([true, true, false]);
    expect(l.take('b', 0)).toBe(true);
    expect(l.size).toBe(2);
    l.sweep(500);
    expect(l.size).toBe(2);
    l.sweep(2000);
    expect(l.size).toBe(0);
    expect(l.waitMs('unknown', 0)).toBe(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trendingScore } from '../../../src/hub/social/trending';

const HOUR = 3_600_000;

describe('trendingScore', () => {
  it('is (1 + likes + 2·comments) / (ageHours + 2)^1.5', () => {
    expect(trendingScore(0, 0, 0)).toBeCloseTo(1 / Math.pow(2, 1.5), 15);
    expect(trendingScore(3, 1, 2 * HOUR)).toBeCloseTo(6 / 8, 15);
    expect(trendingScore(10, 5, 23 * HOUR)).toBeCloseTo(21 / 125, 15);
  });

  it('counts a comment as two likes', () => {
    expect(trendingScore(0, 1, 5 * HOUR)).toBe(trendingScore(2, 0, 5 * HOUR));
  });

  it('lets a fresh post without reactions outrank a day-old post with a few likes', () => {
    expect(trendingScore(0, 0, 0)).toBeGreaterThan(trendingScore(5, 0, 24 * HOUR));
  });

  it('treats a post from the future (clock skew) as brand new', () => {
    expect(trendingScore(1, 0, -HOUR)).toBe(trendingScore(1, 0, 0));
  });

  it('grows with engagement and decays with age', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(30 * 24 * HOUR), fc.integer({ min: 1, max: 24 * HOUR }), (likes, comments, age, later) => {
        const s = trendingScore(likes, comments, age);
        expect(trendingScore(likes + 1, comments, age)).toBeGreaterThan(s);
        expect(trendingScore(likes, comments + 1, age)).toBeGreaterThan(s);
        expect(trendingScore(likes, comments, age + later)).toBeLessThan(s);
      }),
    );
  });
});

/** Token bucket: `capacity` messages at once, refilled at `perSecond`. */
export interface RateLimiter {
  /** Takes `count` tokens if there are that many; otherwise takes none. */
  take(now: number, count?: number): boolean;
}

export function createRateLimiter(capacity: number, perSecond: number, start: number): RateLimiter {
  let tokens = capacity;
  let last = start;
  return {
    take(now, count = 1) {
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < count) return false;
      tokens -= count;
      return true;
    },
  };
}

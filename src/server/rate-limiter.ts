/** Token bucket: `capacity` messages at once, refilled at `perSecond`. */
export interface RateLimiter {
  take(now: number): boolean;
}

export function createRateLimiter(capacity: number, perSecond: number, start: number): RateLimiter {
  let tokens = capacity;
  let last = start;
  return {
    take(now) {
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** A token bucket: `capacity` tokens at once, refilled at `perSecond`. Pure: time is passed in. */
export interface TokenBucket {
  /** Takes `count` tokens if there are that many; otherwise takes none. */
  take(now: number, count?: number): boolean;
  /** Milliseconds until `count` tokens are there (0 when they are now). */
  waitMs(now: number, count?: number): number;
  /** Whether the bucket is full at `now` (an idle key that can be forgotten). */
  isFull(now: number): boolean;
}

export interface BucketRate {
  capacity: number;
  perSecond: number;
}

export function createTokenBucket(rate: BucketRate, start: number): TokenBucket {
  let tokens = rate.capacity;
  let last = start;
  const refill = (now: number): void => {
    // A clock that steps back refills nothing rather than draining the bucket.
    if (now > last) {
      tokens = Math.min(rate.capacity, tokens + ((now - last) / 1000) * rate.perSecond);
      last = now;
    }
  };
  return {
    take(now, count = 1) {
      refill(now);
      if (tokens < count) return false;
      tokens -= count;
      return true;
    },
    waitMs(now, count = 1) {
      refill(now);
      if (tokens >= count) return 0;
      if (rate.perSecond <= 0 || count > rate.capacity) return Number.POSITIVE_INFINITY;
      return Math.ceil(((count - tokens) / rate.perSecond) * 1000);
    },
    isFull(now) {
      refill(now);
      return tokens >= rate.capacity;
    },
  };
}

/**
 * Token buckets by key (an IP, an account), created on first use. Full buckets are forgotten by
 * `sweep`, so memory follows the keys active within the last refill time, not every key ever seen.
 */
export interface KeyedLimiter {
  take(key: string, now: number, count?: number): boolean;
  waitMs(key: string, now: number, count?: number): number;
  sweep(now: number): void;
  readonly size: number;
}

export function createKeyedLimiter(rate: BucketRate): KeyedLimiter {
  const buckets = new Map<string, TokenBucket>();
  const bucket = (key: string, now: number): TokenBucket => {
    let b = buckets.get(key);
    if (!b) {
      b = createTokenBucket(rate, now);
      buckets.set(key, b);
    }
    return b;
  };
  return {
    take: (key, now, count = 1) => bucket(key, now).take(now, count),
    waitMs: (key, now, count = 1) => buckets.get(key)?.waitMs(now, count) ?? 0,
    sweep(now) {
      for (const [key, b] of buckets) if (b.isFull(now)) buckets.delete(key);
    },
    get size() {
      return buckets.size;
    },
  };
}

/** A per-minute allowance as a bucket: the whole minute's worth at once, refilled evenly. */
export const perMinute = (count: number): BucketRate => ({ capacity: count, perSecond: count / 60 });

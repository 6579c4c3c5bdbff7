export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 60_000 };

/**
 * "Full jitter" exponential backoff (AWS architecture blog): a uniform delay in
 * [base, min(max, base · 2^attempt)], so many terminals that lost the same exchange at once do
 * not come back in lockstep. `retryAfterMs` from the exchange is a floor, never shortened.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const delay = policy.baseMs + random() * (ceiling - policy.baseMs);
  return Math.max(Math.round(delay), retryAfterMs ?? 0);
}

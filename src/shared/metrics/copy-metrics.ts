import type { DailyPoint } from './daily-series';
import { monthlyReturnsOf } from './monthly';
import { dailyReturns, twr } from './returns';

/** Follower vs leader over one calendar month of the follower's return days. */
export interface MonthlyDivergence {
  /** 'YYYY-MM'. */
  month: string;
  follower: number;
  leader: number;
  /** follower − leader; positive means the follower did better. */
  divergence: number;
}

/**
 * Copy divergence: the follower's copy-allocation TWR minus the leader's TWR over the follower's
 * return days (the leader re-based to the follower's `E_0` day), since start and per month. Days
 * are matched by date; a follower day the leader's series lacks counts as a zero leader return.
 * `sinceStart` is null when the follower has no return day.
 */
export function copyDivergence(
  follower: readonly DailyPoint[],
  leader: readonly DailyPoint[],
): { sinceStart: number | null; monthly: MonthlyDivergence[] } {
  const f = dailyReturns(follower);
  const n = f.returns.length;
  if (n === 0) return { sinceStart: null, monthly: [] };
  const l = dailyReturns(leader);
  const leaderByDay = new Map<string, number>();
  for (let d = 1; d <= l.returns.length; d++) leaderByDay.set(leader[l.start + d]!.day, l.returns[d - 1]!);
  const aligned = new Float64Array(n);
  for (let d = 1; d <= n; d++) aligned[d - 1] = leaderByDay.get(follower[f.start + d]!.day) ?? 0;
  const fm = monthlyReturnsOf(follower, f.start, f.returns);
  const lm = monthlyReturnsOf(follower, f.start, aligned);
  return {
    sinceStart: twr(f.returns)! - twr(aligned)!,
    monthly: fm.map((m, i) => ({ month: m.month, follower: m.return, leader: lm[i]!.return, divergence: m.return - lm[i]!.return })),
  };
}

/** Fewer copy orders than this give no latency percentiles. */
export const LATENCY_MIN_SAMPLES = 20;

/** Nearest-rank percentile (p in 0–100) of ascending samples: the ⌈p/100 · N⌉-th smallest. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * Copy latency p50 and p99 by nearest rank (null under 20 samples). Negative samples (clock skew)
 * stay in the percentiles and are counted so the UI can flag them.
 */
export function latencyPercentiles(samplesMs: readonly number[]): { p50: number | null; p99: number | null; negative: number } {
  let negative = 0;
  for (const s of samplesMs) if (s < 0) negative++;
  if (samplesMs.length < LATENCY_MIN_SAMPLES) return { p50: null, p99: null, negative };
  const sorted = Float64Array.from(samplesMs).sort();
  return { p50: nearestRank(sorted, 50), p99: nearestRank(sorted, 99), negative };
}

/**
 * Slippage of a copy order in basis points: `(follower VWAP − leader price) / leader price × s ×
 * 10,000`, s = +1 for buys and −1 for sells, fees excluded; positive is worse for the follower.
 * Throws a RangeError without a positive leader price or any filled quantity (there is no slippage
 * to report, and 0 would claim a perfect fill).
 */
export function slippageBps(side: 'buy' | 'sell', leaderPrice: number, followerFills: ReadonlyArray<{ qty: number; price: number }>): number {
  let qty = 0;
  let value = 0;
  for (const fill of followerFills) {
    qty += Math.abs(fill.qty);
    value += Math.abs(fill.qty) * fill.price;
  }
  if (!(leaderPrice > 0) || !(qty > 0)) throw new RangeError(`slippage needs a positive leader price and filled quantity (price ${leaderPrice}, qty ${qty})`);
  const vwap = value / qty;
  return ((vwap - leaderPrice) / leaderPrice) * (side === 'buy' ? 1 : -1) * 10_000;
}

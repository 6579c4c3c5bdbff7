import { ZERO_DEVIATION } from './zero-tests';

/**
 * Everything the return and risk figures need from a run of daily returns, gathered in one pass so
 * a period costs one loop over its days.
 */
export interface ReturnSummary {
  /** Return days summarised. */
  n: number;
  /** `Π(1 + r_d)`: the index at the last day, rebased to 1 at the base. */
  growth: number;
  /** Mean daily return (0 when n = 0). */
  mean: number;
  /** `Σ (r_d − mean)²`. */
  sumSquaredDeviations: number;
  /** `Σ min(r_d, 0)²`. */
  sumSquaredDownside: number;
  /** Largest `1 − I_d / max_{s ≤ d} I_s`; 0 when there is none (or it is below 1e-12). */
  maxDrawdown: number;
  /** Offset of that drawdown's peak (0 = the base day), −1 with no drawdown. */
  peak: number;
  /** Offset of that drawdown's earliest deepest day, −1 with no drawdown. */
  trough: number;
}

/** Per-day outputs of a summary pass, `n + 1` long: the index `I_0..I_n` and its drawdown. */
export interface IndexOutput {
  index: Float64Array;
  drawdown: Float64Array;
}

/**
 * Summarises `returns[from..to)` with `from` as the base (I = 1 at the day before the range).
 * Mean and variance use Welford's update, which stays exact for a constant series, so "std = 0"
 * really is 0. Index products carry binary noise (0.9 × (1 + 1/9) is 1.0000000000000002), so a
 * level counts as a new peak only when it beats the old one by more than 1e-12 relative, and a later
 * trough replaces an earlier one only when deeper by more than 1e-12: a recovery to the old high
 * and an equal second dip keep their first dates, as exact arithmetic would.
 */
export function summarizeReturns(returns: ArrayLike<number>, from = 0, to = returns.length, out?: IndexOutput): ReturnSummary {
  let growth = 1;
  let mean = 0;
  let m2 = 0;
  let downside = 0;
  let runMax = 1;
  let peakLevel = 1;
  let runPeak = 0;
  let maxDrawdown = 0;
  let peak = -1;
  let trough = -1;
  if (out) {
    out.index[0] = 1;
    out.drawdown[0] = 0;
  }
  for (let i = from; i < to; i++) {
    const r = returns[i]!;
    const k = i - from + 1;
    const delta = r - mean;
    mean += delta / k;
    m2 += delta * (r - mean);
    if (r < 0) downside += r * r;
    growth *= 1 + r;
    if (growth > runMax) {
      runMax = growth;
      if (growth > peakLevel * (1 + ZERO_DEVIATION)) {
        peakLevel = growth;
        runPeak = k;
      }
    }
    let dd = 1 - growth / runMax;
    if (dd < ZERO_DEVIATION) dd = 0;
    if (dd > 0 && (trough < 0 || dd > maxDrawdown + ZERO_DEVIATION)) {
      maxDrawdown = dd;
      peak = runPeak;
      trough = k;
    }
    if (out) {
      out.index[k] = growth;
      out.drawdown[k] = dd;
    }
  }
  const n = Math.max(0, to - from);
  return { n, growth, mean, sumSquaredDeviations: m2, sumSquaredDownside: downside, maxDrawdown, peak, trough };
}

import { summarizeReturns, type ReturnSummary } from './return-summary';
import { ZERO_DEVIATION } from './zero-tests';

const SQRT_365 = Math.sqrt(365);

/** Daily sample standard deviation (n − 1); null when n < 2, 0 when below 1e-12. */
export function dailyStdOf(s: ReturnSummary): number | null {
  if (s.n < 2) return null;
  const std = Math.sqrt(s.sumSquaredDeviations / (s.n - 1));
  return std < ZERO_DEVIATION ? 0 : std;
}

/** Downside deviation `sqrt(Σ min(r_d, 0)² / n)`; null when n = 0, 0 when below 1e-12. */
export function downsideDeviationOf(s: ReturnSummary): number | null {
  if (s.n === 0) return null;
  const dd = Math.sqrt(s.sumSquaredDownside / s.n);
  return dd < ZERO_DEVIATION ? 0 : dd;
}

/** Annualised volatility: daily sample std × √365; null when n < 2. */
export function volatilityOf(s: ReturnSummary): number | null {
  const std = dailyStdOf(s);
  return std === null ? null : std * SQRT_365;
}

/** Sharpe ratio `mean / std × √365` (risk-free rate 0, daily std); null when n < 30 or std = 0. */
export function sharpeOf(s: ReturnSummary): number | null {
  if (s.n < 30) return null;
  const std = dailyStdOf(s)!;
  return std === 0 ? null : (s.mean / std) * SQRT_365;
}

/** Sortino ratio `mean / DD × √365` with the downside deviation DD; null when n < 30 or DD = 0. */
export function sortinoOf(s: ReturnSummary): number | null {
  if (s.n < 30) return null;
  const dd = downsideDeviationOf(s)!;
  return dd === 0 ? null : (s.mean / dd) * SQRT_365;
}

/** Annualised volatility of `returns[from..to)`. */
export function volatility(returns: ArrayLike<number>, from = 0, to = returns.length): number | null {
  return volatilityOf(summarizeReturns(returns, from, to));
}

/** Sharpe ratio of `returns[from..to)`. */
export function sharpe(returns: ArrayLike<number>, from = 0, to = returns.length): number | null {
  return sharpeOf(summarizeReturns(returns, from, to));
}

/** Sortino ratio of `returns[from..to)`. */
export function sortino(returns: ArrayLike<number>, from = 0, to = returns.length): number | null {
  return sortinoOf(summarizeReturns(returns, from, to));
}

/** Calmar ratio CAGR / maximum drawdown; null when either is null or the drawdown is 0. */
export function calmar(cagrValue: number | null, maxDrawdown: number | null): number | null {
  if (cagrValue === null || maxDrawdown === null || maxDrawdown === 0) return null;
  return cagrValue / maxDrawdown;
}

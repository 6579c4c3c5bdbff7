import type { DailyPoint } from './daily-series';
import { dailyReturns, type DailyReturns } from './returns';
import { summarizeReturns } from './return-summary';
import { volatilityOf } from './risk';

/** Return days the risk score looks back over. */
export const RISK_SCORE_DAYS = 90;
/** Fewer return days than this give no risk score. */
export const RISK_SCORE_MIN_DAYS = 14;
/** Peak gross leverage strictly above this adds 1 to the score. */
export const RISK_LEVERAGE_BUMP = 5;

/** Upper bounds of bands 1–9 of annualised volatility; a bound belongs to the higher band. */
const BAND_BOUNDS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1] as const;

/** The base risk score (1–10) of an annualised volatility σ. */
export function riskBand(sigma: number): number {
  let band = 1;
  while (band <= BAND_BOUNDS.length && !(sigma < BAND_BOUNDS[band - 1]!)) band++;
  return band;
}

/**
 * Gross leverage `Σ|qty| × mark / E_d` at the end of a day. Equity at or below 0 with positions
 * open is unbounded leverage; with none it is 0.
 */
export function grossLeverage(day: DailyPoint): number {
  if (day.equity > 0) return day.grossExposure / day.equity;
  return day.grossExposure > 0 ? Number.POSITIVE_INFINITY : 0;
}

/**
 * Risk score 1–10 over the last 90 return days (all if fewer): the band of their volatility, +1
 * (at most 10) when the peak gross leverage over those return days (base day excluded) is above 5.
 * Null under 14 return days.
 */
export function riskScore(days: readonly DailyPoint[], series: DailyReturns = dailyReturns(days)): number | null {
  const n = series.returns.length;
  if (n < RISK_SCORE_MIN_DAYS) return null;
  const from = Math.max(0, n - RISK_SCORE_DAYS);
  const sigma = volatilityOf(summarizeReturns(series.returns, from, n))!;
  let peakLeverage = 0;
  for (let d = from + 1; d <= n; d++) peakLeverage = Math.max(peakLeverage, grossLeverage(days[series.start + d]!));
  return Math.min(10, riskBand(sigma) + (peakLeverage > RISK_LEVERAGE_BUMP ? 1 : 0));
}

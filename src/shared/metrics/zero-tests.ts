/** A standard deviation, downside deviation or drawdown below this counts as 0 (METRICS.md). */
export const ZERO_DEVIATION = 1e-12;

/** Lot step assumed for an instrument whose step is unknown (METRICS.md). */
export const DEFAULT_LOT_STEP = 1e-9;

/** True when a position of `qty` is flat: below half the lot step. */
export function isFlat(qty: number, lotStep: number): boolean {
  return Math.abs(qty) < lotStep / 2;
}

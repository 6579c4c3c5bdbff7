/**
 * Rounding to an instrument's tick size or lot step — the one place it happens. Works in integer
 * multiples of the step so 0.1 + 0.2 style errors never leak into prices or quantities.
 */

const decimalsOfStep = new Map<number, number>();

/** Decimal places of a step such as 0.01 (2) or 1e-8 (8). */
export function stepDecimals(step: number): number {
  const known = decimalsOfStep.get(step);
  if (known !== undefined) return known;
  if (!Number.isFinite(step) || step <= 0) throw new RangeError(`step must be a positive number, got ${step}`);
  const text = step.toExponential();
  const [mantissa, exp] = text.split('e');
  const mantissaDecimals = (mantissa?.split('.')[1] ?? '').length;
  const decimals = Math.max(0, mantissaDecimals - Number(exp));
  // Markets have a handful of distinct steps; rounding runs on every order and every fill.
  if (decimalsOfStep.size < 4096) decimalsOfStep.set(step, decimals);
  return decimals;
}

export type RoundingMode = 'nearest' | 'down' | 'up';

/** `value` rounded to a multiple of `step`, as the closest binary double to that decimal. */
export function roundToStep(value: number, step: number, mode: RoundingMode = 'nearest'): number {
  const decimals = stepDecimals(step);
  // Guard against 2.0000000001 / 0.01 landing just above an integer because of binary noise.
  const units = value / step;
  const snapped = Math.abs(units - Math.round(units)) < 1e-7 ? Math.round(units) : units;
  const n = mode === 'down' ? Math.floor(snapped) : mode === 'up' ? Math.ceil(snapped) : Math.round(snapped);
  return Number((n * step).toFixed(decimals));
}

/** True when `value` is a multiple of `step`, allowing only binary rounding noise. */
export function isOnStep(value: number, step: number): boolean {
  return Math.abs(value - roundToStep(value, step)) <= step * 1e-9;
}

/** `n` when `step` is exactly `1 / n` for a whole n (0.01, 0.25, 1e-8), else undefined. */
function unitFraction(step: number): number | undefined {
  if (!(step < 1)) return undefined;
  const n = Math.round(1 / step);
  return n > 0 && Math.abs(1 / step - n) < 1e-6 ? n : undefined;
}

/**
 * A fast rounding function for one step, for hot loops (price paths, matching). Steps like 0.01
 * or 0.25 divide 1 exactly, so `round(x · n) / n` is exact to the nearest double; other steps
 * fall back to `roundToStep`.
 */
export function gridRounder(step: number): (value: number) => number {
  const n = unitFraction(step);
  if (n !== undefined) return (x) => Math.round(x * n) / n;
  if (step >= 1 && Number.isInteger(step)) return (x) => Math.round(x / step) * step;
  return (x) => roundToStep(x, step);
}

/** Like `gridRounder`, rounding down: what fits within a size (e.g. a quantity the book can absorb). */
export function gridFloor(step: number): (value: number) => number {
  const n = unitFraction(step);
  if (n !== undefined) return (x) => Math.floor(x * n + 1e-7) / n;
  return (x) => roundToStep(x, step, 'down');
}

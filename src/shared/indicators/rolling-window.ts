/** The last `capacity` values, with the mean and variance of those values plus one more. */
export interface RollingWindow {
  /** How many values the window holds (at most its capacity). */
  readonly count: number;
  /** Adds a value, dropping the oldest once full. */
  add(x: number): void;
  /** Mean of the window's values together with `x`. O(1). */
  meanWith(x: number): number;
  /** Population variance of the window's values together with `x`. O(1). */
  varianceWith(x: number): number;
}

/**
 * A ring buffer of `capacity` values keeping running sums for O(1) statistics. The sums are taken
 * relative to a shift near the mean (so Σx² − n·mean² does not cancel away the digits of a BTC
 * price) and recomputed exactly each time the ring wraps (so add/subtract drift cannot build up
 * over a long session); that costs O(capacity) once per `capacity` adds.
 */
export function createRollingWindow(capacity: number): RollingWindow {
  const values = new Float64Array(capacity);
  let head = 0; // next slot to write; the oldest value once full
  let count = 0;
  let shift = 0;
  let sum = 0; // Σ(v − shift)
  let sumSq = 0; // Σ(v − shift)²

  const resum = (): void => {
    shift = values.reduce((a, v) => a + v, 0) / capacity;
    sum = 0;
    sumSq = 0;
    for (const v of values) {
      const d = v - shift;
      sum += d;
      sumSq += d * d;
    }
  };

  return {
    get count() {
      return count;
    },
    add(x) {
      if (capacity === 0) return;
      if (count === capacity) {
        const d = values[head]! - shift;
        sum -= d;
        sumSq -= d * d;
      } else {
        if (count === 0) shift = x;
        count++;
      }
      values[head] = x;
      const d = x - shift;
      sum += d;
      sumSq += d * d;
      head = (head + 1) % capacity;
      if (head === 0) resum();
    },
    meanWith(x) {
      return shift + (sum + (x - shift)) / (count + 1);
    },
    varianceWith(x) {
      const n = count + 1;
      const d = x - shift;
      const m = (sum + d) / n;
      // Rounding can leave a flat window's variance a hair below zero.
      return Math.max(0, (sumSq + d * d) / n - m * m);
    },
  };
}

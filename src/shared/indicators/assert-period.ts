/** Throws a RangeError unless `value` is a positive integer (a period or window length). */
export function assertPeriod(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

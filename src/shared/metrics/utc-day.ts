/**
 * UTC calendar days as integers and as 'YYYY-MM-DD' strings. Metrics walk thousands of days, so
 * conversions use integer civil-calendar arithmetic (H. Hinnant's algorithms) instead of `Date`.
 */

/** A UTC calendar day, 'YYYY-MM-DD'. */
export type UtcDay = string;

/** Milliseconds in a UTC day (UTC has no daylight saving; leap seconds are not in epoch time). */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the UTC day holding `ms`; 00:00:00.000 starts its day. */
export function dayIndex(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** The 'YYYY-MM-DD' of a day index (years 0–9999). */
export function utcDayFromIndex(index: number): UtcDay {
  const z = index + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${TWO_DIGITS[Math.floor(y / 100)]!}${TWO_DIGITS[y % 100]!}-${TWO_DIGITS[m]!}-${TWO_DIGITS[d]!}`;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** The day index of a 'YYYY-MM-DD'; throws a RangeError for anything else. */
export function dayIndexFromUtcDay(day: UtcDay): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`expected a 'YYYY-MM-DD' day, got '${day}'`);
  const year = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const month = digit(day, 5) * 10 + digit(day, 6);
  const dom = digit(day, 8) * 10 + digit(day, 9);
  if (month < 1 || month > 12 || dom < 1 || dom > 31) throw new RangeError(`expected a 'YYYY-MM-DD' day, got '${day}'`);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dom - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const index = era * 146_097 + doe - 719_468;
  // Catches days the month does not have ('2025-02-30'), which the arithmetic would roll over.
  if (utcDayFromIndex(index) !== day) throw new RangeError(`no such day '${day}'`);
  return index;
}

/** The calendar month 'YYYY-MM' of a day. */
export function monthOf(day: UtcDay): string {
  return day.slice(0, 7);
}

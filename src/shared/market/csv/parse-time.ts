import { DAY_MS } from '../timeframes';

/**
 * Reading bar times from CSV fields by character code, in place. Every reader returns NaN when
 * the text is not in a format it knows; naive date-times are UTC.
 */

const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;

/** Index of the first non-digit in text[from, to), or `to`. */
function digitsEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    i++;
  }
  return i;
}

function digitsValue(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + text.charCodeAt(i) - 48;
  return v;
}

/**
 * Unit of a unix time, by its number of digits. Gaps between the classes (≤ 8, 11, 14, ≥ 17
 * digits) are times that are implausible in every unit, or dates like 20240102: refused.
 */
export function unixUnitMs(digitCount: number): number {
  if (digitCount === 9 || digitCount === 10) return 1000; // seconds: 1973–2286
  if (digitCount === 12 || digitCount === 13) return 1; // milliseconds
  if (digitCount === 15 || digitCount === 16) return 0.001; // microseconds (Binance since 2025)
  return Number.NaN;
}

/** An all-digit unix time in seconds, milliseconds or microseconds, told apart by length. */
function parseUnix(text: string, start: number, end: number): number {
  return digitsValue(text, start, end) * unixUnitMs(end - start);
}

/**
 * Days since 1970-01-01 of a date `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `DD.MM.YYYY`
 * (Dukascopy); month and day may have one digit. `DD/MM/YYYY` is refused: it is read the other
 * way round in the US.
 */
export function parseDate(text: string, start: number, end: number): number {
  let j = digitsEnd(text, start, end);
  const firstLength = j - start;
  if (firstLength === 0 || j >= end) return Number.NaN;
  const sep = text.charCodeAt(j);
  if (sep !== MINUS && sep !== SLASH && sep !== DOT) return Number.NaN;
  const first = digitsValue(text, start, j);
  let i = j + 1;
  j = digitsEnd(text, i, end);
  if (j - i < 1 || j - i > 2 || j >= end || text.charCodeAt(j) !== sep) return Number.NaN;
  const month = digitsValue(text, i, j);
  i = j + 1;
  j = digitsEnd(text, i, end);
  if (j !== end) return Number.NaN;
  const lastLength = j - i;
  const last = digitsValue(text, i, j);
  if (firstLength === 4 && lastLength >= 1 && lastLength <= 2) return civilDays(first, month, last);
  if (sep === DOT && firstLength <= 2 && lastLength === 4) return civilDays(last, month, first);
  return Number.NaN;
}

/**
 * Milliseconds from midnight UTC of a time of day `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, with an
 * optional zone `Z`, `±HH:MM`, `±HHMM` or `±HH`; an offset moves the result outside 0…24 h.
 */
export function parseClock(text: string, start: number, end: number): number {
  let j = digitsEnd(text, start, end);
  if (j - start < 1 || j - start > 2 || j >= end || text.charCodeAt(j) !== COLON) return Number.NaN;
  const hour = digitsValue(text, start, j);
  let i = j + 1;
  j = digitsEnd(text, i, end);
  if (j - i !== 2) return Number.NaN;
  const minute = digitsValue(text, i, j);
  let second = 0;
  let fractionMs = 0;
  if (j < end && text.charCodeAt(j) === COLON) {
    i = j + 1;
    j = digitsEnd(text, i, end);
    if (j - i !== 2) return Number.NaN;
    second = digitsValue(text, i, j);
    if (j < end && text.charCodeAt(j) === DOT) {
      i = j + 1;
      j = digitsEnd(text, i, end);
      if (j === i || j - i > 9) return Number.NaN;
      fractionMs = (digitsValue(text, i, j) * 1000) / 10 ** (j - i);
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const offsetMinutes = j < end ? parseZone(text, j, end) : 0;
  return ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fractionMs;
}

/** Minutes east of UTC of `Z`, `±HH:MM`, `±HHMM` or `±HH` filling text[start, end). */
function parseZone(text: string, start: number, end: number): number {
  const c = text.charCodeAt(start);
  if (c === UPPER_Z || c === LOWER_Z) return start + 1 === end ? 0 : Number.NaN;
  if (c !== PLUS && c !== MINUS) return Number.NaN;
  const i = start + 1;
  let j = digitsEnd(text, i, end);
  let hours: number;
  let minutes = 0;
  if (j - i === 4) {
    hours = digitsValue(text, i, i + 2);
    minutes = digitsValue(text, i + 2, j);
  } else if (j - i === 2) {
    hours = digitsValue(text, i, j);
    if (j < end) {
      if (text.charCodeAt(j) !== COLON) return Number.NaN;
      const k = j + 1;
      j = digitsEnd(text, k, end);
      if (j - k !== 2) return Number.NaN;
      minutes = digitsValue(text, k, j);
    }
  } else {
    return Number.NaN;
  }
  if (j !== end || hours > 23 || minutes > 59) return Number.NaN;
  return (c === MINUS ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Milliseconds since the epoch of a bar time in one field: a unix time (all digits), a date, or
 * a date and time of day joined by `T` or spaces (see {@link parseDate}, {@link parseClock}).
 */
export function parseDateTime(text: string, start: number, end: number): number {
  let split = start;
  while (split < end) {
    const c = text.charCodeAt(split);
    if (c === UPPER_T || c === LOWER_T || c === SPACE) break;
    split++;
  }
  if (split === end) {
    if (end > start && digitsEnd(text, start, end) === end) return parseUnix(text, start, end);
    return parseDate(text, start, end) * DAY_MS;
  }
  let clockStart = split + 1;
  while (clockStart < end && text.charCodeAt(clockStart) === SPACE) clockStart++;
  return parseDate(text, start, split) * DAY_MS + parseClock(text, clockStart, end);
}

/** Milliseconds since the epoch of a date field plus a time-of-day field (MetaTrader). */
export function parseSplitDateTime(text: string, dateStart: number, dateEnd: number, clockStart: number, clockEnd: number): number {
  return parseDate(text, dateStart, dateEnd) * DAY_MS + parseClock(text, clockStart, clockEnd);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date, or NaN if it does not exist. */
function civilDays(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  // Howard Hinnant's days_from_civil: pure arithmetic, no Date object per row.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

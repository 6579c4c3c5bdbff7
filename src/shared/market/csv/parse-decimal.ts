const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const LOWER_E = 101;
const UPPER_E = 69;

/** Exact powers of ten: an integer below 2^53 divided by one of these is correctly rounded. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_FAST_DIGITS = 15;

/**
 * Reads text[start, end) as a plain decimal number with `decimalMark` (a char code, `.` or `,`):
 * optional sign, digits, at most one decimal mark, optional exponent (`1.5e-7`, as spreadsheets
 * and pandas write tiny prices). Returns NaN for anything else (empty, `NaN`, `Infinity`, spaces,
 * thousands separators) so the caller can explain the problem off the hot path.
 */
export function parseDecimal(text: string, start: number, end: number, decimalMark: number): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      i++;
    }
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenMark = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (seenMark) fractionDigits++;
    } else if (c === decimalMark && !seenMark) {
      seenMark = true;
    } else if (c === LOWER_E || c === UPPER_E) {
      return digits > 0 ? parseSlow(text, start, end, decimalMark) : NaN;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (digits > MAX_FAST_DIGITS) return parseSlow(text, start, end, decimalMark);
  // Same result as Number(): both operands are exact, so the one division rounds correctly.
  const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits]!;
  return negative ? -value : value;
}

/** Long mantissas and exponents, rare enough to afford a substring and Number(). */
function parseSlow(text: string, start: number, end: number, decimalMark: number): number {
  let s = text.slice(start, end);
  if (decimalMark === COMMA) {
    if (s.includes('.')) return NaN;
    s = s.replace(',', '.');
  }
  // Number() also accepts hex, `Infinity` and surrounding spaces; only plain decimals get through.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** The decimal mark char codes {@link parseDecimal} accepts. */
export const DECIMAL_MARK = { '.': DOT, ',': COMMA } as const;

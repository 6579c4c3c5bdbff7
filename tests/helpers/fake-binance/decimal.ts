/**
 * Fixed-point amounts with Binance's eight decimals, held as bigint so balances, fills and
 * commissions add up exactly (floats would drift and break "free + locked" invariants).
 */
export type Amount = bigint;

export const DECIMALS = 8;
export const ONE: Amount = 100_000_000n;
export const ZERO: Amount = 0n;

const NUMBER = /^(\d{1,20})(?:\.(\d{1,20}))?$/;

export type ParsedDecimal = { ok: true; value: Amount } | { ok: false; reason: 'format' | 'precision' };

/** Parses a request parameter the way Binance does: plain decimal digits, at most eight significant decimals. */
export function parseDecimal(text: string): ParsedDecimal {
  const match = NUMBER.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > DECIMALS && /[1-9]/.test(fraction.slice(DECIMALS))) return { ok: false, reason: 'precision' };
  return { ok: true, value: BigInt(whole) * ONE + BigInt(fraction.slice(0, DECIMALS).padEnd(DECIMALS, '0')) };
}

/** "123.45000000": Binance prints every amount with eight decimals. */
export function format(value: Amount): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / ONE;
  const fraction = (abs % ONE).toString().padStart(DECIMALS, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** a × b, truncated to eight decimals. */
export function mul(a: Amount, b: Amount): Amount {
  return (a * b) / ONE;
}

/** a × b, rounded up to eight decimals (what the exchange charges is never short). */
export function mulCeil(a: Amount, b: Amount): Amount {
  const product = a * b;
  return product % ONE === 0n ? product / ONE : product / ONE + (product > 0n ? 1n : 0n);
}

/** a ÷ b, truncated to eight decimals. */
export function div(a: Amount, b: Amount): Amount {
  return (a * ONE) / b;
}

export function min(a: Amount, b: Amount): Amount {
  return a < b ? a : b;
}

export function max(a: Amount, b: Amount): Amount {
  return a > b ? a : b;
}

/** Rounds down to a multiple of `step`. */
export function floorTo(value: Amount, step: Amount): Amount {
  return (value / step) * step;
}

/** A float (from the history model or a test) as an amount on a `step` grid. */
export function fromNumber(value: number, step: Amount = 1n): Amount {
  const units = BigInt(Math.round(value * Number(ONE)));
  return step > 1n ? ((units + step / 2n) / step) * step : units;
}

export function toNumber(value: Amount): number {
  return Number(value) / Number(ONE);
}

export function isMultipleOf(value: Amount, step: Amount): boolean {
  return step === 0n || value % step === 0n;
}

import { dayIndexFromUtcDay, utcDayFromIndex, type DailyPoint, type MetricFill, type RoundTrip, type UtcDay } from '../../../src/shared/metrics';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** ms at 00:00 UTC of a day. */
export const at = (day: UtcDay, hours = 0): number => dayIndexFromUtcDay(day) * DAY + hours * HOUR;

/** Consecutive days from `first`, one per equity, with flows by position and gross exposure per day. */
export function series(equities: readonly number[], opts: { first?: UtcDay; flows?: Record<number, number>; exposure?: readonly number[] } = {}): DailyPoint[] {
  const first = dayIndexFromUtcDay(opts.first ?? '2025-01-01');
  return equities.map((equity, i) => ({ day: utcDayFromIndex(first + i), equity, flow: opts.flows?.[i] ?? 0, grossExposure: opts.exposure?.[i] ?? 0 }));
}

/** A series whose daily returns are `returns` (E_0 = 100), exposure as a multiple of each day's equity. */
export function fromReturns(returns: readonly number[], opts: { first?: UtcDay; leverage?: readonly number[] } = {}): DailyPoint[] {
  const equities = [100];
  for (const r of returns) equities.push(equities[equities.length - 1]! * (1 + r));
  return series(equities, { first: opts.first, exposure: equities.map((e, i) => e * (opts.leverage?.[i] ?? 0)) });
}

/** A fill with the usual defaults: 'X', fee 0, time in hours from 2025-01-01. */
export function fill(side: 'buy' | 'sell', qty: number, price: number, hours: number, extra: Partial<MetricFill> = {}): MetricFill {
  return { symbol: 'X', side, qty, price, fee: 0, time: at('2025-01-01', hours), ...extra };
}

/** A closed round trip with only the fields trade figures read. */
export function closedTrip(pnl: number, openedAt = 0, closedAt = openedAt + HOUR): RoundTrip {
  return { symbol: 'X', side: 'long', openedAt, closedAt, entryPrice: 100, exitPrice: 100, maxQty: 1, fees: 0, realizedPnl: pnl, pnl, closes: [], openQty: 0, openAvgPrice: null };
}

/** `actual` equals `expected` to `digits` significant digits (products of many returns lose absolute precision). */
export function relClose(actual: number, expected: number, digits = 10): boolean {
  return Math.abs(actual - expected) <= Math.max(Math.abs(expected), 1e-300) * 10 ** -digits || Math.abs(actual - expected) < 1e-12;
}

import type { Instrument } from '../../../../shared/market/instrument';
import { stepDecimals } from '../../../../shared/numbers/steps';
import type { OrderStatus, OrderType, Side } from '../../../../shared/trading/order';

const moneyFormats = new Map<number, Intl.NumberFormat>();
function fmt(decimals: number): Intl.NumberFormat {
  let f = moneyFormats.get(decimals);
  if (!f) moneyFormats.set(decimals, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f;
}

/** Amounts of money: 12,345.67. */
export function formatMoney(v: number, decimals = 2): string {
  return fmt(decimals).format(Math.abs(v) < 0.5 * 10 ** -decimals ? 0 : v);
}

/** Signed P&L: +1,234.50 / −12.00 (a true minus sign lines up with the plus). */
export function formatPnl(v: number): string {
  const text = formatMoney(Math.abs(v));
  if (text === formatMoney(0)) return text;
  return v > 0 ? `+${text}` : `−${text}`;
}

export const pnlClass = (v: number): string => (v > 0.004 ? 'up' : v < -0.004 ? 'down' : '');

/** A price at the instrument's precision with grouping: 64,123.50. */
export function formatPriceOf(v: number | null | undefined, inst: Instrument | undefined): string {
  if (v === null || v === undefined) return '—';
  return fmt(inst?.pricePrecision ?? 2).format(v);
}

/** A quantity at the lot step's decimals: 0.010, 1,000. */
export function formatQty(v: number, inst: Instrument | undefined): string {
  return fmt(inst ? stepDecimals(inst.lotStep) : 4).format(v);
}

/** A quantity in words and titles, without padding zeros: 0.25, 1,000. */
export function formatQtyShort(v: number, inst: Instrument | undefined): string {
  const text = formatQty(v, inst);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Order and fill times: today's as 14:03:07, older ones with the date. */
export function formatTime(ms: number, clock: 'utc' | 'local', now = Date.now()): string {
  const d = new Date(ms);
  const utc = clock === 'utc';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const [y, mo, da, h, mi, s] = utc ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
  const n = new Date(now);
  const sameDay = utc ? n.getUTCFullYear() === y && n.getUTCMonth() + 1 === mo && n.getUTCDate() === da : n.getFullYear() === y && n.getMonth() + 1 === mo && n.getDate() === da;
  return sameDay ? time : `${y}-${pad(mo)}-${pad(da)} ${time}`;
}

export const TYPE_LABEL: Readonly<Record<OrderType, string>> = { market: 'Market', limit: 'Limit', stop: 'Stop', stop_limit: 'Stop limit' };
export const TYPE_SHORT: Readonly<Record<OrderType, string>> = { market: 'MKT', limit: 'LMT', stop: 'STP', stop_limit: 'STP LMT' };
export const SIDE_LABEL: Readonly<Record<Side, string>> = { buy: 'Buy', sell: 'Sell' };
export const STATUS_LABEL: Readonly<Record<OrderStatus, string>> = {
  new: 'Working',
  partially_filled: 'Partial',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  expired: 'Expired',
};

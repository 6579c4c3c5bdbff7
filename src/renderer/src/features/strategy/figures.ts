/**
 * Display forms of the METRICS.md figures. Every figure may be null (too few inputs): it is shown
 * as "—", never as 0. Rounding happens here only, for display.
 */
export const DASH = '—';

const formats = new Map<string, Intl.NumberFormat>();
function fmt(min: number, max: number): Intl.NumberFormat {
  const key = `${min}/${max}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

/** A signed number with a true minus sign (lines up with the plus in monospace columns). */
function signed(text: string, v: number): string {
  if (/^0(\.0+)?$/.test(text)) return text;
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

/** A return as a signed percentage: 0.1234 → +12.34%; big ones lose decimals (+1,234%). */
export function formatReturn(v: number | null | undefined, digits = 2): string {
  if (missing(v)) return DASH;
  const pct = Math.abs(v * 100);
  const d = pct >= 1000 ? 0 : pct >= 100 ? Math.min(digits, 1) : digits;
  return `${signed(fmt(d, d).format(pct), v)}%`;
}

/** An unsigned fraction as a percentage (drawdown, win rate, volatility): 0.253 → 25.3%. */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (missing(v)) return DASH;
  return `${fmt(digits, digits).format(v * 100)}%`;
}

/** A drawdown, shown as a loss: 0.253 → −25.3%; none → 0.0%. */
export function formatDrawdown(v: number | null | undefined, digits = 1): string {
  if (missing(v)) return DASH;
  return v === 0 ? `${fmt(digits, digits).format(0)}%` : `−${fmt(digits, digits).format(Math.abs(v) * 100)}%`;
}

/** A unitless ratio (Sharpe, Sortino, Calmar, profit factor): 1.234 → 1.23. */
export function formatRatio(v: number | null | undefined, digits = 2): string {
  if (missing(v)) return DASH;
  return signed(fmt(digits, digits).format(Math.abs(v)), v);
}

/** A holding time in seconds, in the largest unit that reads well: 45s, 12m, 3.4h, 2.1d. */
export function formatHolding(seconds: number | null | undefined): string {
  if (missing(seconds)) return DASH;
  const s = Math.max(0, seconds);
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) return `${fmt(1, 1).format(s / 3600)}h`;
  return `${fmt(1, 1).format(s / 86_400)}d`;
}

/** A track record's age in days: 45d, 11mo, 2.3y. */
export function formatAge(days: number | null | undefined): string {
  if (missing(days)) return DASH;
  if (days < 60) return `${Math.round(days)}d`;
  if (days < 365) return `${Math.floor(days / 30.4375)}mo`;
  return `${fmt(1, 1).format(days / 365.25)}y`;
}

/** A count with grouping: 12,345. */
export function formatCount(v: number | null | undefined): string {
  return missing(v) ? DASH : fmt(0, 0).format(v);
}

/** Green for gains, red for losses, nothing for zero or a missing figure. */
export function toneOf(v: number | null | undefined): '' | 'up' | 'down' {
  if (missing(v) || Math.abs(v) < 1e-12) return '';
  return v > 0 ? 'up' : 'down';
}

/** Compact volume: 1,234 → 1.23K; 5,600,000 → 5.6M. */
export function formatVolume(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(2)}K`;
  return a >= 1 ? v.toFixed(a >= 100 ? 0 : 2) : v.toPrecision(3);
}

export function formatPrice(v: number, precision: number): string {
  return v.toFixed(precision);
}

export function formatPercent(fraction: number, digits = 2): string {
  const sign = fraction > 0 ? '+' : '';
  return `${sign}${(fraction * 100).toFixed(digits)}%`;
}

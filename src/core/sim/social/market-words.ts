import type { Instrument } from '../../../shared/market/instrument';

/** The cashtag of a symbol: `BTC/USDT` → `$BTC`, `EUR/USD` → `$EURUSD`, `US500` → `$US500`. */
export function cashtag(symbol: string): string {
  const [base, quote] = symbol.split('/');
  if (quote && ['USDT', 'USDC'].includes(quote)) return `$${base}`;
  return `$${symbol.replace('/', '')}`;
}

/** A price as traders write it: thousands separators, the instrument's decimals. */
export function formatPrice(instrument: Instrument, price: number): string {
  const decimals = instrument.pricePrecision;
  // FX quotes read in pips (4 or 2 decimals after the big figure) rather than to the tick.
  const shown = instrument.assetClass === 'fx' ? Math.max(0, decimals - 1) : Math.min(decimals, 2);
  return price.toLocaleString('en-US', { minimumFractionDigits: shown, maximumFractionDigits: shown });
}

/** A signed percentage, `+3.2%` / `−1.4%`. */
export function signedPct(fraction: number, digits = 1): string {
  const text = `${Math.abs(fraction * 100).toFixed(digits)}%`;
  return fraction >= 0 ? `+${text}` : `−${text}`;
}

/** An unsigned percentage, `3.2%`. */
export function pct(fraction: number, digits = 1): string {
  return `${Math.abs(fraction * 100).toFixed(digits)}%`;
}

/** US dollars as a trader writes P&L: `+$1,240` / `−$310`. */
export function signedUsd(amount: number): string {
  const text = `$${Math.round(Math.abs(amount)).toLocaleString('en-US')}`;
  return amount >= 0 ? `+${text}` : `−${text}`;
}

/** A holding time in words: `40 minutes`, `5 hours`, `3 days`. */
export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} hours`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

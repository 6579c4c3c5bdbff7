/** A symbol split at its venue prefix: `BINANCE:BTC/USDT` → { venue: 'BINANCE', local: 'BTC/USDT' }; simulated symbols have none. */
export function symbolParts(symbol: string): { venue: string | null; local: string } {
  const i = symbol.indexOf(':');
  return i > 0 ? { venue: symbol.slice(0, i), local: symbol.slice(i + 1) } : { venue: null, local: symbol };
}

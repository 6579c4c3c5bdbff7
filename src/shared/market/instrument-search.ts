import type { Instrument } from './instrument';

/** Instruments matching a query on symbol or name: exact symbol, then prefix, then contains. */
export function searchInstruments(all: readonly Instrument[], query: string | undefined): Instrument[] {
  const q = query?.trim().toLowerCase() ?? '';
  if (q === '') return [...all];
  // "btcusdt" finds BTC/USDT: compare without separators too.
  const bare = q.replace(/[^a-z0-9]/g, '');
  const rank = (i: Instrument): number => {
    const symbol = i.symbol.toLowerCase();
    const symbolBare = symbol.replace(/[^a-z0-9]/g, '');
    if (symbol === q || (bare !== '' && symbolBare === bare)) return 0;
    if (symbol.startsWith(q) || (bare !== '' && symbolBare.startsWith(bare))) return 1;
    if (symbol.includes(q) || (bare !== '' && symbolBare.includes(bare))) return 2;
    if (i.name.toLowerCase().includes(q)) return 3;
    return -1;
  };
  return all
    .map((i) => ({ i, r: rank(i) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.i.symbol.localeCompare(b.i.symbol))
    .map((x) => x.i);
}

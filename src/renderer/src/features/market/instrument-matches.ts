import type { Instrument } from '../../../../shared/market/instrument';
import { symbolParts } from './symbol-parts';

const bare = (s: string): string => s.replace(/[^a-z0-9]/g, '');

/** 0 exact, 1 prefix, 2 contains, -1 no match: of one text against the query, with and without separators. */
function rankText(text: string, q: string, qBare: string): number {
  const t = text.toLowerCase();
  const tBare = bare(t);
  if (t === q || (qBare !== '' && tBare === qBare)) return 0;
  if (t.startsWith(q) || (qBare !== '' && tBare.startsWith(qBare))) return 1;
  if (t.includes(q) || (qBare !== '' && tBare.includes(qBare))) return 2;
  return -1;
}

/**
 * Instruments for a symbol search, best first: a live venue's symbol ranks by its pair too, so
 * "btc" finds BINANCE:BTC/USDT as readily as BTC/USDT, and "binance:" lists the venue. Ties go to
 * the simulated feed first, then by symbol. At most `limit`.
 */
export function matchInstruments(all: readonly Instrument[], query: string, limit: number): Instrument[] {
  const q = query.trim().toLowerCase();
  if (q === '') return all.slice(0, limit);
  const qBare = bare(q);
  const scored: Array<{ i: Instrument; r: number; venue: number }> = [];
  for (const i of all) {
    const { venue, local } = symbolParts(i.symbol);
    const ranks = [rankText(i.symbol, q, qBare), venue ? rankText(local, q, qBare) : -1].filter((r) => r >= 0);
    let r = ranks.length > 0 ? Math.min(...ranks) : -1;
    if (r < 0 && (i.name.toLowerCase().includes(q) || i.venue.toLowerCase() === q)) r = 3;
    if (r >= 0) scored.push({ i, r, venue: venue ? 1 : 0 });
  }
  scored.sort((a, b) => a.r - b.r || a.venue - b.venue || a.i.symbol.localeCompare(b.i.symbol));
  return scored.slice(0, limit).map((s) => s.i);
}

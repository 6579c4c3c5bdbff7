import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, createRollingValues, openReturn, perSymbol, type Decision, type Style } from './style';

export interface DegenParams {
  kind: 'degen';
  symbols: string[];
  timeframe: Timeframe;
  /** Apes into a close above the highest close of `lookback` bars… */
  lookback: number;
  /** …or, with this chance, into any bar that rose more than `pumpPct` (FOMO). */
  fomoChance: number;
  pumpPct: number;
  /** Leveraged: often well above 1. */
  weight: number;
  stopPct: number;
  targetPct: number;
  maxBars: number;
}

/** Crypto degen: leveraged momentum chasing with the odd impulsive entry, wide stop, moonshot target. */
export function createCryptoDegen(p: DegenParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const closes = perSymbol(() => createRollingValues(p.lookback));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.lookback + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      let opened = p.symbols.some((s) => view.holding(s).qty !== 0);
      for (const bar of bars) {
        const w = closes(bar.symbol);
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          const r = openReturn(h, bar.close);
          if (r <= -p.stopPct || r >= p.targetPct || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else if (!opened && w.full) {
          const pumped = bar.close / bar.open - 1 > p.pumpPct;
          // One coin at a time: the whole stack goes in.
          if (bar.close > w.max() || (pumped && view.rng.next() < p.fomoChance)) {
            out.push({ symbol: bar.symbol, weight: p.weight });
            opened = true;
          }
        }
        w.push(bar.close);
      }
      return out;
    },
  };
}

import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, createRollingValues, openReturn, perSymbol, type Decision, type Style } from './style';

export interface DipParams {
  kind: 'dip';
  symbols: string[];
  timeframe: Timeframe;
  /** Buys when the close is `dropPct` under the highest close of the last `lookback` bars. */
  lookback: number;
  dropPct: number;
  /** Sells after a `reboundPct` gain, a `stopPct` loss or `maxBars` bars. */
  reboundPct: number;
  stopPct: number;
  maxBars: number;
  weight: number;
}

/** Index dip buying: buys a pullback from the recent high, sells the rebound. */
export function createDipBuyer(p: DipParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const highs = perSymbol(() => createRollingValues(p.lookback));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.lookback,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const w = highs(bar.symbol);
        w.push(bar.close);
        if (!w.full) continue;
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          const r = openReturn(h, bar.close);
          if (r >= p.reboundPct || r <= -p.stopPct || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else if (bar.close <= w.max() * (1 - p.dropPct)) {
          out.push({ symbol: bar.symbol, weight: p.weight });
        }
      }
      return out;
    },
  };
}

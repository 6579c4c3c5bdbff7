import { createSma } from '../../../shared/indicators/sma';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, openReturn, perSymbol, type Decision, type Style } from './style';

export interface PickerParams {
  kind: 'picker';
  symbols: string[];
  timeframe: Timeframe;
  /** Quality filter: only names above their long average… */
  longTrend: number;
  /** …bought when they trade `discountPct` under their short average. */
  shortTrend: number;
  discountPct: number;
  takePct: number;
  stopPct: number;
  maxBars: number;
  weight: number;
}

/** Conservative stock picking: buys quality names (long uptrend) on a discount, takes modest gains. */
export function createStockPicker(p: PickerParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const state = perSymbol(() => ({ long: createSma({ period: p.longTrend }), short: createSma({ period: p.shortTrend }) }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.longTrend + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const long = s.long.push(bar);
        const short = s.short.push(bar);
        if (long === null || short === null) continue;
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          const r = openReturn(h, bar.close);
          if (r >= p.takePct || r <= -p.stopPct || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else if (bar.close > long && bar.close < short * (1 - p.discountPct)) {
          out.push({ symbol: bar.symbol, weight: p.weight });
        }
      }
      return out;
    },
  };
}

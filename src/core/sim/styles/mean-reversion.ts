import { createBollinger } from '../../../shared/indicators/bollinger';
import { createRsi } from '../../../shared/indicators/rsi';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, openReturn, perSymbol, type Decision, type Style } from './style';

export interface MeanReversionParams {
  kind: 'meanrev';
  symbols: string[];
  timeframe: Timeframe;
  bbPeriod: number;
  bbStdDev: number;
  rsiPeriod: number;
  /** Buys below the lower band with the RSI under `oversold`; shorts above the upper one over 100 − it. */
  oversold: number;
  stopPct: number;
  maxBars: number;
  weight: number;
  allowShort: boolean;
}

/** Mean reversion: fades closes outside the Bollinger bands confirmed by RSI; exits at the middle band. */
export function createMeanReversion(p: MeanReversionParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const state = perSymbol(() => ({ bb: createBollinger({ period: p.bbPeriod, stdDev: p.bbStdDev }), rsi: createRsi({ period: p.rsiPeriod }) }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: Math.max(p.bbPeriod, p.rsiPeriod) + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const bb = s.bb.push(bar);
        const rsi = s.rsi.push(bar);
        if (bb === null || rsi === null) continue;
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          const reverted = h.qty > 0 ? bar.close >= bb.middle : bar.close <= bb.middle;
          if (reverted || openReturn(h, bar.close) <= -p.stopPct || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else if (bar.close < bb.lower && rsi < p.oversold) {
          out.push({ symbol: bar.symbol, weight: p.weight });
        } else if (p.allowShort && bar.close > bb.upper && rsi > 100 - p.oversold) {
          out.push({ symbol: bar.symbol, weight: -p.weight });
        }
      }
      return out;
    },
  };
}

import { createAtr } from '../../../shared/indicators/atr';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, createRollingValues, openReturn, perSymbol, type Decision, type Style } from './style';

export interface BreakoutParams {
  kind: 'breakout';
  symbols: string[];
  timeframe: Timeframe;
  /** Range of this many bars (highs and lows) that a close must break. */
  lookback: number;
  atrPeriod: number;
  /** Stop this many ATRs (at entry) from the entry; target `targetR` times that distance. */
  stopAtr: number;
  targetR: number;
  /** Give up after this many bars. */
  maxBars: number;
  weight: number;
  allowShort: boolean;
}

/** Range breakout with an ATR stop and a fixed reward-to-risk target. */
export function createBreakout(p: BreakoutParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const state = perSymbol(() => ({ highs: createRollingValues(p.lookback), lows: createRollingValues(p.lookback), atr: createAtr({ period: p.atrPeriod }), lastAtr: 0, risk: 0 }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: Math.max(p.lookback, p.atrPeriod) + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const atr = s.atr.push(bar);
        const h = view.holding(bar.symbol);
        if (h.qty !== 0 && h.avgPrice !== null) {
          // The risk is fixed from the ATR when the position is first seen open.
          if (s.risk === 0) s.risk = (p.stopAtr * s.lastAtr) / h.avgPrice;
          const r = openReturn(h, bar.close);
          if (r <= -s.risk || r >= p.targetR * s.risk || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else {
          s.risk = 0;
          if (s.highs.full && atr !== null) {
            if (bar.close > s.highs.max()) out.push({ symbol: bar.symbol, weight: p.weight });
            else if (p.allowShort && bar.close < s.lows.min()) out.push({ symbol: bar.symbol, weight: -p.weight });
          }
        }
        if (atr !== null) s.lastAtr = atr;
        s.highs.push(bar.high);
        s.lows.push(bar.low);
      }
      return out;
    },
  };
}

import { createSma } from '../../../shared/indicators/sma';
import type { Timeframe } from '../../../shared/market/timeframes';
import { createRollingValues, perSymbol, type Decision, type Style } from './style';

export interface CarryParams {
  kind: 'carry';
  /** The pairs and the side that earns the swap (+1 long, −1 short). */
  legs: Array<{ symbol: string; side: 1 | -1 }>;
  timeframe: Timeframe;
  /** Holds a leg only while the trend (vs this moving average) is with it. */
  trend: number;
  /** Sizes each entry to this annualised volatility, from the last `volBars` bars, capped at `maxWeight`. */
  targetVol: number;
  volBars: number;
  maxWeight: number;
}

/** FX carry: holds the side of a pair that earns the swap while the trend agrees, volatility-sized. */
export function createFxCarry(p: CarryParams): Style {
  const sides = new Map(p.legs.map((l) => [l.symbol, l.side]));
  const state = perSymbol(() => ({ sma: createSma({ period: p.trend }), closes: createRollingValues(p.volBars + 1) }));
  return {
    timeframe: p.timeframe,
    symbols: p.legs.map((l) => l.symbol),
    warmupBars: Math.max(p.trend, p.volBars) + 1,
    onBars(bars) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const sma = s.sma.push(bar);
        s.closes.push(bar.close);
        const side = sides.get(bar.symbol);
        if (sma === null || side === undefined || !s.closes.full) continue;
        const vol = s.closes.logChangeStd() * Math.sqrt(260);
        const weight = vol > 0 ? Math.min(p.maxWeight, p.targetVol / vol) : p.maxWeight;
        out.push({ symbol: bar.symbol, weight: side * (bar.close - sma) > 0 ? side * weight : 0 });
      }
      return out;
    },
  };
}

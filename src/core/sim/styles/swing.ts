import { createRsi } from '../../../shared/indicators/rsi';
import { createSma } from '../../../shared/indicators/sma';
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/market/timeframes';
import { barsHeld, openReturn, perSymbol, type Decision, type Style } from './style';

export interface SwingParams {
  kind: 'swing';
  symbols: string[];
  timeframe: Timeframe;
  /** Only buys above this moving average (an uptrend)… */
  trend: number;
  rsiPeriod: number;
  /** …when the RSI has pulled back below `buyBelow`; sells once it is above `sellAbove`. */
  buyBelow: number;
  sellAbove: number;
  stopPct: number;
  maxBars: number;
  weight: number;
}

/** Swing trading: buys pullbacks in an uptrend (RSI dip above the trend average), sells the bounce. */
export function createSwing(p: SwingParams): Style {
  const span = TIMEFRAME_MS[p.timeframe];
  const state = perSymbol(() => ({ trend: createSma({ period: p.trend }), rsi: createRsi({ period: p.rsiPeriod }) }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: Math.max(p.trend, p.rsiPeriod) + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const trend = s.trend.push(bar);
        const rsi = s.rsi.push(bar);
        if (trend === null || rsi === null) continue;
        const h = view.holding(bar.symbol);
        if (h.qty !== 0) {
          if (rsi > p.sellAbove || openReturn(h, bar.close) <= -p.stopPct || barsHeld(h, bar, span) >= p.maxBars) out.push({ symbol: bar.symbol, weight: 0 });
        } else if (bar.close > trend && rsi < p.buyBelow) {
          out.push({ symbol: bar.symbol, weight: p.weight });
        }
      }
      return out;
    },
  };
}

import { createSma } from '../../../shared/indicators/sma';
import type { Timeframe } from '../../../shared/market/timeframes';
import { perSymbol, type Decision, type Style } from './style';

export interface SteadyParams {
  kind: 'steady';
  /** Small positions in several instruments. */
  allocations: Array<{ symbol: string; weight: number }>;
  timeframe: Timeframe;
  /** Holds a position while the close is above this moving average… */
  trend: number;
  /** …with a band around it so a close hovering at the average does not churn. */
  band: number;
}

/** Steady, low-risk allocation: small diversified long positions, each only while its trend is up. */
export function createSteady(p: SteadyParams): Style {
  const weights = new Map(p.allocations.map((a) => [a.symbol, a.weight]));
  const sma = perSymbol(() => createSma({ period: p.trend }));
  return {
    timeframe: p.timeframe,
    symbols: p.allocations.map((a) => a.symbol),
    warmupBars: p.trend + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const avg = sma(bar.symbol).push(bar);
        const weight = weights.get(bar.symbol);
        if (avg === null || weight === undefined) continue;
        const held = view.holding(bar.symbol).qty !== 0;
        if (!held && bar.close > avg * (1 + p.band)) out.push({ symbol: bar.symbol, weight });
        else if (held && bar.close < avg * (1 - p.band)) out.push({ symbol: bar.symbol, weight: 0 });
      }
      return out;
    },
  };
}

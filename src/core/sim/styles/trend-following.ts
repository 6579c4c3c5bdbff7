import { createSma } from '../../../shared/indicators/sma';
import type { Timeframe } from '../../../shared/market/timeframes';
import { perSymbol, type Decision, type Style } from './style';

export interface TrendParams {
  kind: 'trend';
  symbols: string[];
  timeframe: Timeframe;
  /** Periods of the fast and slow simple moving averages of the close. */
  fast: number;
  slow: number;
  /** Fraction of equity per position. */
  weight: number;
  /** Short when the fast average is below the slow one (else flat). */
  allowShort: boolean;
}

/** Moving-average crossover: long while the fast average is above the slow one. */
export function createTrendFollowing(p: TrendParams): Style {
  const state = perSymbol(() => ({ fast: createSma({ period: p.fast }), slow: createSma({ period: p.slow }) }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.slow + 1,
    onBars(bars) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        const fast = s.fast.push(bar);
        const slow = s.slow.push(bar);
        if (fast === null || slow === null) continue;
        const side = fast > slow ? 1 : p.allowShort ? -1 : 0;
        out.push({ symbol: bar.symbol, weight: side * p.weight });
      }
      return out;
    },
  };
}

import type { Timeframe } from '../../../shared/market/timeframes';
import { createRollingValues, perSymbol, type Decision, type Style } from './style';

export interface RotationParams {
  kind: 'rotation';
  /** Instruments with the same trading hours, so their bars close together. */
  symbols: string[];
  timeframe: Timeframe;
  /** Momentum is the return over this many bars. */
  lookback: number;
  /** Hold the best `top` with positive momentum… */
  top: number;
  /** …re-ranked every this many bars. */
  every: number;
  weightEach: number;
}

/** Momentum rotation: every few bars, hold the strongest few of a universe, if they are rising. */
export function createMomentumRotation(p: RotationParams): Style {
  const closes = perSymbol(() => createRollingValues(p.lookback + 1));
  let groups = 0;
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.lookback + 1,
    onBars(bars) {
      for (const bar of bars) closes(bar.symbol).push(bar.close);
      if (bars.length < p.symbols.length) return [];
      groups++;
      if (groups % p.every !== 0) return [];
      if (!p.symbols.every((s) => closes(s).full)) return [];
      const ranked = p.symbols
        .map((symbol) => ({ symbol, momentum: closes(symbol).last() / closes(symbol).first() - 1 }))
        .sort((a, b) => b.momentum - a.momentum || (a.symbol < b.symbol ? -1 : 1));
      const chosen = new Set(ranked.slice(0, p.top).filter((r) => r.momentum > 0).map((r) => r.symbol));
      return p.symbols.map((symbol): Decision => ({ symbol, weight: chosen.has(symbol) ? p.weightEach : 0 }));
    },
  };
}

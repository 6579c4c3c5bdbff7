import type { Timeframe } from '../../../shared/market/timeframes';
import { createRollingValues, perSymbol, type Decision, type Style } from './style';

export interface DonchianParams {
  kind: 'donchian';
  symbols: string[];
  timeframe: Timeframe;
  /** Enter on a close beyond the extreme close of this many bars… */
  entry: number;
  /** …and leave on a close beyond the opposite extreme of this many. */
  exit: number;
  weight: number;
  allowShort: boolean;
}

/** Donchian channel breakout on closes, turtle style: a long entry channel, a shorter exit one. */
export function createDonchian(p: DonchianParams): Style {
  const state = perSymbol(() => ({ entry: createRollingValues(p.entry), exit: createRollingValues(p.exit) }));
  return {
    timeframe: p.timeframe,
    symbols: p.symbols,
    warmupBars: p.entry + 1,
    onBars(bars, view) {
      const out: Decision[] = [];
      for (const bar of bars) {
        const s = state(bar.symbol);
        if (s.entry.full) {
          const side = Math.sign(view.holding(bar.symbol).qty);
          const c = bar.close;
          const upBreak = c > s.entry.max();
          const downBreak = c < s.entry.min();
          if (side >= 0 && downBreak && p.allowShort) out.push({ symbol: bar.symbol, weight: -p.weight });
          else if (side <= 0 && upBreak) out.push({ symbol: bar.symbol, weight: p.weight });
          else if (side > 0 && c < s.exit.min()) out.push({ symbol: bar.symbol, weight: 0 });
          else if (side < 0 && c > s.exit.max()) out.push({ symbol: bar.symbol, weight: 0 });
        }
        s.entry.push(bar.close);
        s.exit.push(bar.close);
      }
      return out;
    },
  };
}
